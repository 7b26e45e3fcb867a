package org.nta.detect.shell;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Small text helpers shared by the shell detectors: excerpts, printable checks, ANSI stripping, times. */
final class Text {
    private Text() {}

    /** At most {@code max} characters; a cut is marked with an ellipsis. */
    static String excerpt(String s, int max) {
        if (s == null) return null;
        if (s.length() <= max) return s;
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "…";
    }

    /** Bytes as UTF-8 text (malformed sequences replaced). */
    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Share of bytes that are printable ASCII, common whitespace, ESC or UTF-8 continuation/lead bytes. */
    static double printableRatio(byte[] b, int off, int len) {
        if (len <= 0) return 1;
        int ok = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t' || c == 0x1b || c == 0x08 || c >= 0xc2 && c <= 0xf4
                    || c >= 0x80 && c <= 0xbf) ok++;
        }
        return ok / (double) len;
    }

    /** True when every character is printable (or tab/CR/LF) and there is at least one visible character. */
    static boolean isPrintable(String s) {
        boolean visible = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\r' || c == '\n') continue;
            if (c < 0x20 || c == 0x7f || c == '\ufffd') return false;
            if (c != ' ') visible = true;
        }
        return visible;
    }

    /** Removes ANSI escape sequences (CSI and OSC), bell, NUL and carriage returns before a line feed. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0x1b && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '[') {
                    int j = i + 2;
                    while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7e)) j++;
                    i = j;
                    continue;
                }
                if (n == ']') {
                    int j = i + 2;
                    while (j < s.length() && s.charAt(j) != 0x07 && !(s.charAt(j) == 0x1b && j + 1 < s.length() && s.charAt(j + 1) == '\\')) j++;
                    i = j < s.length() && s.charAt(j) == 0x1b ? j + 1 : j;
                    continue;
                }
                i++;
                continue;
            }
            if (c == 0x07 || c == 0) continue;
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') continue;
            sb.append(c);
        }
        return sb.toString();
    }

    /** ISO-8601 UTC with the capture's precision, as the JSON contract writes times. */
    static String iso(long epochNs) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)).toString();
    }

    /** Last segment of a path ("/uploads/a.php" gives "a.php"). */
    static String lastSegment(String path) {
        if (path == null) return "";
        int q = path.indexOf('?');
        String p = q >= 0 ? path.substring(0, q) : path;
        int s = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return s >= 0 ? p.substring(s + 1) : p;
    }
}
