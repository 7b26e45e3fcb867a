package org.nta.app.http;

import org.nta.event.HttpParam;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * URL percent-decoding as servers do it, for analysts: invalid escapes are kept literally, bytes are read as UTF-8
 * where they form valid sequences and as ISO-8859-1 one by one where they do not (so an overlong {@code %c0%af} shows
 * as "À¯" instead of vanishing), and double encoding ({@code %2527} that decodes to {@code %27}) is detectable.
 */
public final class UrlCodec {
    private UrlCodec() {}

    /** Path semantics: '+' stays '+'. */
    public static String decodePath(String s) {
        return decode(s, false);
    }

    /** Form and query semantics: '+' is a space. */
    public static String decodeForm(String s) {
        return decode(s, true);
    }

    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) return s;
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out[n++] = ' ';
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                // a non-ASCII character already decoded by whoever made the string: keep it as UTF-8
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    u = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(u, 0, out, n, u.length);
                n += u.length;
            }
        }
        return utf8OrLatin1(out, 0, n);
    }

    /** True when {@code s} holds a percent-encoded '%' that starts another valid escape ({@code %2527}). */
    public static boolean isDoubleEncoded(String s) {
        int i = s.indexOf("%25");
        while (i >= 0) {
            if (i + 4 < s.length() && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0) return true;
            i = s.indexOf("%25", i + 3);
        }
        return false;
    }

    /** {@code a=1&b=&c&a=2} as pairs in order, duplicates kept, empty segments skipped, form-decoded. */
    public static List<HttpParam> parseParams(String s) {
        if (s == null || s.isEmpty()) return List.of();
        List<HttpParam> out = new ArrayList<>();
        int start = 0;
        while (start <= s.length()) {
            int amp = s.indexOf('&', start);
            int end = amp < 0 ? s.length() : amp;
            if (end > start) {
                int eq = s.indexOf('=', start);
                if (eq < 0 || eq > end) out.add(new HttpParam(decodeForm(s.substring(start, end)), ""));
                else out.add(new HttpParam(decodeForm(s.substring(start, eq)), decodeForm(s.substring(eq + 1, end))));
            }
            if (amp < 0) break;
            start = amp + 1;
        }
        return out;
    }

    /** The parts of a request-target. {@code path} is raw; {@code authority} is set for absolute-form targets. */
    public record Target(String authority, String path, String query) {
    }

    /**
     * Splits a request-target: origin-form {@code /p?q}, absolute-form {@code http://h/p?q}, authority-form
     * {@code host:port} (CONNECT) and asterisk-form {@code *}. A fragment, which clients do not send, stays in the
     * query or path as sent.
     */
    public static Target splitTarget(String uri) {
        String authority = null;
        String rest = uri;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.charAt(0) != '/' && isScheme(uri, scheme)) {
            int slash = uri.indexOf('/', scheme + 3);
            int q = uri.indexOf('?', scheme + 3);
            int end = slash < 0 ? (q < 0 ? uri.length() : q) : (q < 0 ? slash : Math.min(slash, q));
            authority = uri.substring(scheme + 3, end);
            int at = authority.lastIndexOf('@');
            if (at >= 0) authority = authority.substring(at + 1);
            rest = uri.substring(end);
            if (rest.isEmpty() || rest.charAt(0) == '?') rest = "/" + rest;
        }
        int q = rest.indexOf('?');
        if (q < 0) return new Target(authority, rest, null);
        return new Target(authority, rest.substring(0, q), rest.substring(q + 1));
    }

    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '-' || c == '.')) return false;
        }
        return true;
    }

    /** Path percent-decoded, query form-decoded: the request-target as a person wants to read it. */
    public static String decodeTarget(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) return decodePath(uri);
        return decodePath(uri.substring(0, q)) + "?" + decodeForm(uri.substring(q + 1));
    }

    /** Bytes as UTF-8 where valid (no overlongs, no surrogates), each other byte as ISO-8859-1. */
    public static String utf8OrLatin1(byte[] b, int off, int len) {
        int end0 = off + len;
        int ascii = off;
        while (ascii < end0 && b[ascii] >= 0) ascii++;
        if (ascii == end0) return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1); // plain ASCII
        StringBuilder sb = new StringBuilder(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1; cp = c & 0x1f; min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2; cp = c & 0x0f; min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3; cp = c & 0x07; min = 0x10000;
            } else {
                sb.append((char) c);
                i++;
                continue;
            }
            boolean ok = i + need < end;
            if (ok) {
                for (int k = 1; k <= need; k++) {
                    int cc = b[i + k] & 0xff;
                    if ((cc & 0xc0) != 0x80) {
                        ok = false;
                        break;
                    }
                    cp = cp << 6 | (cc & 0x3f);
                }
            }
            if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
            if (ok) {
                sb.appendCodePoint(cp);
                i += need + 1;
            } else {
                sb.append((char) c);
                i++;
            }
        }
        return sb.toString();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
