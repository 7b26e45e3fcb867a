package org.nta.detect.c2;

import java.nio.charset.StandardCharsets;

/** Short readable renderings of bytes for evidence. */
final class Bodies {
    private Bodies() {}

    /** Printable text (at most {@code max} characters, control characters escaped), or null when the bytes are binary. */
    static String text(byte[] b, int len, int max) {
        int n = Math.min(len, b.length);
        if (n == 0) return null;
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == 0) return null;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') bad++;
        }
        if (bad * 20 > n) return null;
        if (max <= 1) return "";
        String s = new String(b, 0, Math.min(n, max * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        if (sb.length() >= max || n > max) sb.append('…');
        return sb.toString();
    }

    /** A text rendering, or a description of the binary bytes. */
    static String describe(byte[] b, int len) {
        String t = text(b, len, 200);
        if (t != null) return t;
        int n = Math.min(len, b.length);
        return "<" + n + " binary bytes, entropy " + RobustStats.round3(RobustStats.entropy(b, 0, n)) + " bits/byte>";
    }
}
