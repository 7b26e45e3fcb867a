package org.nta.app.ssh;

/**
 * Cheap, strict check that a TCP direction starts like SSH: "SSH-", a version "digits.digits", then "-" (as far as
 * the bytes go). A server may put other lines first (RFC 4253 4.2); for it the banner may start after printable
 * text lines within the given bytes.
 */
public final class SshDetect {
    private SshDetect() {}

    public static boolean looksLikeSsh(byte[] b, int off, int len, boolean fromClient) {
        if (startsLikeBanner(b, off, len)) return true;
        if (fromClient) return false;
        int end = off + len, p = off;
        while (p < end) {
            int c = b[p] & 0xff;
            if (c == '\n') {
                if (p + 1 < end && startsLikeBanner(b, p + 1, end - p - 1)) return true;
            } else if (c != '\r' && c != '\t' && (c < 0x20 || c > 0x7e)) {
                return false;
            }
            p++;
        }
        return false;
    }

    /** "SSH-" then digits "." digits "-", checked as far as {@code len} reaches; at least "SSH-" is required. */
    static boolean startsLikeBanner(byte[] b, int off, int len) {
        if (len < 4 || b[off] != 'S' || b[off + 1] != 'S' || b[off + 2] != 'H' || b[off + 3] != '-') return false;
        int p = off + 4, end = off + len, state = 0, digits = 0;
        // state 0: major digits, 1: minor digits
        while (p < end) {
            int c = b[p++];
            if (c >= '0' && c <= '9') {
                if (++digits > 3) return false;
            } else if (c == '.' && state == 0 && digits > 0) {
                state = 1;
                digits = 0;
            } else {
                return c == '-' && state == 1 && digits > 0;
            }
        }
        return true;
    }
}
