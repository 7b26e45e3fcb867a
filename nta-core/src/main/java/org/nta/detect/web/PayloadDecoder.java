package org.nta.detect.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.nta.app.http.UrlCodec;

/**
 * Undoes the encodings attackers stack to slip payloads past filters, round after round until nothing changes:
 * percent-encoding (with '+' as space in form values, double and triple encoding, IIS {@code %u0027}, overlong UTF-8
 * such as {@code %c0%af} for '/'), HTML character references, and {@code \xNN} / {@code \\uNNNN} escapes; then, if
 * what is left is base64 of readable text, that text too.
 */
public final class PayloadDecoder {
    /** A decoded value and the encodings that were undone, in order ({@code url}, {@code double_url}, …). */
    public record Decoded(String text, List<String> encodings, String base64Text) {
        public boolean changed() {
            return !encodings.isEmpty();
        }
    }

    private PayloadDecoder() {}

    public static Decoded decode(String raw, boolean plusIsSpace, int maxRounds) {
        List<String> enc = new ArrayList<>(2);
        String s = raw;
        int percentRounds = 0;
        for (int round = 0; round < maxRounds; round++) {
            String before = s;
            if (hasPercentEscape(s)) {
                boolean[] overlong = new boolean[1];
                s = percentDecode(s, plusIsSpace && round == 0, overlong);
                percentRounds++;
                add(enc, percentRounds == 1 ? "url" : percentRounds == 2 ? "double_url" : "multiple_url");
                if (overlong[0]) add(enc, "overlong_utf8");
            } else if (plusIsSpace && round == 0 && s.indexOf('+') >= 0) {
                s = s.replace('+', ' ');
            }
            if (s.indexOf('&') >= 0 && s.indexOf(';') >= 0) {
                String h = htmlDecode(s);
                if (!h.equals(s)) {
                    s = h;
                    add(enc, "html_entities");
                }
            }
            if (s.indexOf('\\') >= 0) {
                String e = unescape(s);
                if (!e.equals(s)) {
                    s = e;
                    add(enc, "escapes");
                }
            }
            if (s.equals(before)) break;
        }
        String b64 = base64Text(s.trim());
        if (b64 != null) {
            // a base64 layer may itself hold percent-encoding or entities
            Decoded inner = decode(b64, false, Math.max(1, maxRounds - 1));
            b64 = inner.text();
        }
        return new Decoded(s, List.copyOf(enc), b64);
    }

    private static void add(List<String> enc, String e) {
        if (!enc.contains(e)) enc.add(e);
    }

    static boolean hasPercentEscape(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) return true;
            if (i + 5 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U') && hex(s.charAt(i + 2)) >= 0
                    && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0 && hex(s.charAt(i + 5)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** One round of percent-decoding; overlong UTF-8 sequences become the ASCII they encode. */
    static String percentDecode(String s, boolean plusIsSpace, boolean[] overlong) {
        byte[] out = new byte[s.length() * 4];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '%' && i + 5 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0
                    && hex(s.charAt(i + 5)) >= 0) {
                int cp = Integer.parseInt(s.substring(i + 2, i + 6), 16);
                byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(u, 0, out, n, u.length);
                n += u.length;
                i += 5;
            } else if (c == '+' && plusIsSpace) {
                out[n++] = ' ';
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(u, 0, out, n, u.length);
                n += u.length;
            }
        }
        int m = foldOverlong(out, n, overlong);
        return UrlCodec.utf8OrLatin1(out, 0, m);
    }

    /** Rewrites overlong 2- and 3-byte UTF-8 forms of ASCII ({@code C0 AF} = '/') in place; returns the new length. */
    private static int foldOverlong(byte[] b, int n, boolean[] overlong) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if ((c == 0xc0 || c == 0xc1) && i + 1 < n && (b[i + 1] & 0xc0) == 0x80) {
                b[w++] = (byte) (((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
                i++;
                overlong[0] = true;
            } else if (c == 0xe0 && i + 2 < n && (b[i + 1] & 0xe0) == 0x80 && (b[i + 2] & 0xc0) == 0x80
                    && (b[i + 1] & 0x1f) <= 1) {
                b[w++] = (byte) (((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
                i += 2;
                overlong[0] = true;
            } else {
                b[w++] = b[i];
            }
        }
        return w;
    }

    static String htmlDecode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i + 1) : -1;
            if (semi > i + 1 && semi - i <= 10) {
                String ent = s.substring(i + 1, semi);
                int cp = entity(ent);
                if (cp >= 0) {
                    sb.appendCodePoint(cp);
                    i = semi;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int entity(String e) {
        try {
            if (e.startsWith("#x") || e.startsWith("#X")) {
                int cp = Integer.parseInt(e.substring(2), 16);
                return Character.isValidCodePoint(cp) ? cp : -1;
            }
            if (e.startsWith("#")) {
                int cp = Integer.parseInt(e.substring(1));
                return Character.isValidCodePoint(cp) ? cp : -1;
            }
        } catch (NumberFormatException ex) {
            return -1; // not a character reference: kept as text
        }
        return switch (e.toLowerCase(java.util.Locale.ROOT)) {
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            case "amp" -> '&';
            case "sol" -> '/';
            case "lpar" -> '(';
            case "rpar" -> ')';
            case "colon" -> ':';
            case "tab" -> '\t';
            case "newline" -> '\n';
            default -> -1;
        };
    }

    /** {@code \xNN} and {@code \\uNNNN} escapes (JavaScript, Python, C). */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0) {
                sb.append((char) (hex(s.charAt(i + 2)) << 4 | hex(s.charAt(i + 3))));
                i += 3;
            } else if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u' && hex(s.charAt(i + 2)) >= 0
                    && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0 && hex(s.charAt(i + 5)) >= 0) {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The text a base64 value stands for, when it is base64 (standard or URL-safe) of readable text; else null. */
    static String base64Text(String s) {
        if (s.length() < 8 || s.length() > 1 << 16) return null;
        int pad = 0, letters = 0, digits = 0;
        boolean urlSafe = false, std = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (i < s.length() - 2) return null;
                pad++;
            } else if (pad > 0) {
                return null;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letters++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '-' || c == '_') {
                urlSafe = true;
            } else if (c == '+' || c == '/') {
                std = true;
            } else {
                return null;
            }
        }
        if (urlSafe && std) return null;
        int len = s.length() - pad;
        if (len % 4 == 1 || (pad > 0 && s.length() % 4 != 0)) return null;
        if (letters == 0 || (digits == 0 && pad == 0 && !std && !urlSafe && s.length() < 12)) return null;
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(pad == 0 && len % 4 != 0
                    ? s + "=".repeat(4 - len % 4) : s);
        } catch (IllegalArgumentException e) {
            return null; // not base64 after all: the value stays as it was
        }
        if (bytes.length < 4) return null;
        int printable = 0;
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v == 0) return null;
            if (v >= 0x20 && v < 0x7f || v == '\n' || v == '\r' || v == '\t' || v >= 0x80) printable++;
        }
        if (printable * 100 < bytes.length * 95) return null;
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) return null;
        // readable text has spaces or punctuation between words or is a single short token of letters
        int alpha = 0;
        for (int i = 0; i < text.length(); i++) if (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == ' ') alpha++;
        return alpha * 2 >= text.length() ? text : null;
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
