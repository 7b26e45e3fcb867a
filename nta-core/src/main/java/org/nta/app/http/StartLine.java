package org.nta.app.http;

import java.nio.charset.StandardCharsets;

/**
 * Request lines ({@code METHOD SP target SP HTTP/d.d}) and status lines ({@code HTTP/d.d SP ddd [SP reason]}): strict
 * enough to tell HTTP from other protocols and from junk, lenient where real clients are sloppy (spaces inside the
 * target, a missing reason phrase).
 */
final class StartLine {
    /** Longest method accepted (WebDAV's VERSION-CONTROL is 15). */
    static final int MAX_METHOD = 24;
    private static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE",
            "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT",
            "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PURGE", "LINK",
            "UNLINK", "ACL", "BIND", "REBIND", "UNBIND", "MKCALENDAR", "VERSION-CONTROL", "PRI"};

    private StartLine() {}

    /** A parsed start line: request (method, target) or response (status, reason). */
    record Parsed(boolean request, String method, String target, String version, int status, String reason) {
    }

    /** Parses a request line (without line ending), or returns null when the line is not one. */
    static Parsed request(byte[] b, int off, int end) {
        int sp1 = -1;
        for (int i = off; i < end && i - off <= MAX_METHOD; i++) {
            if (b[i] == ' ') {
                sp1 = i;
                break;
            }
            if (!isTchar(b[i])) return null;
        }
        if (sp1 <= off) return null;
        int sp2 = -1;
        for (int i = end - 1; i > sp1; i--) {
            if (b[i] == ' ') {
                sp2 = i;
                break;
            }
        }
        if (sp2 < 0) return null;
        int v = sp2 + 1;
        if (!isVersion(b, v, end)) return null;
        int ts = sp1 + 1;
        int te = sp2;
        while (ts < te && b[ts] == ' ') ts++;
        while (te > ts && b[te - 1] == ' ') te--;
        if (te == ts) return null;
        String method = new String(b, off, sp1 - off, StandardCharsets.ISO_8859_1);
        String target = UrlCodec.utf8OrLatin1(b, ts, te - ts);
        return new Parsed(true, method, target, new String(b, v, 8, StandardCharsets.ISO_8859_1), 0, "");
    }

    /** Parses a status line (without line ending), or returns null when the line is not one. */
    static Parsed response(byte[] b, int off, int end) {
        if (!isVersion(b, off, Math.min(end, off + 8))) return null;
        int i = off + 8;
        if (i >= end || b[i] != ' ') return null;
        while (i < end && b[i] == ' ') i++;
        if (end - i < 3 || !digit(b[i]) || !digit(b[i + 1]) || !digit(b[i + 2])) return null;
        int status = (b[i] - '0') * 100 + (b[i + 1] - '0') * 10 + (b[i + 2] - '0');
        if (status < 100) return null;
        i += 3;
        if (i < end && b[i] != ' ' && b[i] != '\t') return null;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) i++;
        String reason = UrlCodec.utf8OrLatin1(b, i, end - i);
        return new Parsed(false, null, null, new String(b, off, 8, StandardCharsets.ISO_8859_1), status, reason);
    }

    /** HTTP/d.d exactly filling [off, end). */
    private static boolean isVersion(byte[] b, int off, int end) {
        return end - off == 8 && b[off] == 'H' && b[off + 1] == 'T' && b[off + 2] == 'T' && b[off + 3] == 'P'
                && b[off + 4] == '/' && digit(b[off + 5]) && b[off + 6] == '.' && digit(b[off + 7]);
    }

    /**
     * The first bytes of a direction start with a known method and a space, and if the first line is complete
     * within them it ends in an HTTP version. Cheap: looks at one line at most.
     */
    static boolean looksLikeRequest(byte[] b, int off, int len) {
        if (b == null || len < 4 || off < 0 || off + len > b.length) return false;
        int sp = -1;
        for (int i = off; i < off + len && i - off <= MAX_METHOD; i++) {
            if (b[i] == ' ') {
                sp = i;
                break;
            }
        }
        if (sp < 0 || !knownMethod(b, off, sp)) return false;
        int end = off + len;
        if (sp + 1 >= end) return false;
        byte t = b[sp + 1];
        if (t <= 0x20 || t >= 0x7f) return false;
        for (int i = sp + 1; i < end; i++) {
            if (b[i] == '\n') {
                int le = i > sp + 1 && b[i - 1] == '\r' ? i - 1 : i;
                return request(b, off, le) != null;
            }
            if (b[i] == 0) return false;
        }
        return true;
    }

    /** The first bytes of a direction start with {@code HTTP/1.x ddd}. */
    static boolean looksLikeResponse(byte[] b, int off, int len) {
        if (b == null || len < 12 || off < 0 || off + len > b.length) return false;
        return b[off] == 'H' && b[off + 1] == 'T' && b[off + 2] == 'T' && b[off + 3] == 'P' && b[off + 4] == '/'
                && b[off + 5] == '1' && b[off + 6] == '.' && (b[off + 7] == '0' || b[off + 7] == '1')
                && b[off + 8] == ' ' && digit(b[off + 9]) && b[off + 9] != '0' && digit(b[off + 10])
                && digit(b[off + 11]) && (len == 12 || b[off + 12] == ' ' || b[off + 12] == '\r'
                || b[off + 12] == '\n');
    }

    private static boolean knownMethod(byte[] b, int off, int end) {
        outer:
        for (String m : METHODS) {
            if (m.length() != end - off) continue;
            for (int i = 0; i < m.length(); i++) if (b[off + i] != m.charAt(i)) continue outer;
            return true;
        }
        return false;
    }

    static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 7230 token character. */
    static boolean isTchar(byte c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') return true;
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
