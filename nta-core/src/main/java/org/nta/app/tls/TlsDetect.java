package org.nta.app.tls;

import org.nta.bytes.Bytes;

/**
 * Cheap, strict checks on the first bytes of a TCP direction: does it start with a TLS ClientHello (or an SSL
 * 2.0-format one), or a ServerHello? Every field that has arrived must be plausible; fields not yet delivered are
 * not guessed at.
 */
public final class TlsDetect {
    private static final int MIN_CLIENT_HELLO = 2 + 32 + 1 + 2 + 2 + 1 + 1;
    private static final int MIN_SERVER_HELLO = 2 + 32 + 1 + 2 + 1;

    private TlsDetect() {}

    /** Whether b[off, off + len), the first bytes a client sent, start a TLS or SSLv2-format ClientHello. */
    public static boolean looksLikeClientHello(byte[] b, int off, int len) {
        if (len > 0 && (b[off] & 0x80) != 0) return looksLikeSslv2ClientHello(b, off, len);
        return looksLikeHello(b, off, len, 1, MIN_CLIENT_HELLO);
    }

    /** Whether the first bytes a server sent start a TLS ServerHello. */
    public static boolean looksLikeServerHello(byte[] b, int off, int len) {
        return looksLikeHello(b, off, len, 2, MIN_SERVER_HELLO);
    }

    /** Either of the two, by direction. */
    public static boolean looksLikeTls(byte[] b, int off, int len, boolean fromClient) {
        return fromClient ? looksLikeClientHello(b, off, len) : looksLikeServerHello(b, off, len);
    }

    private static boolean looksLikeHello(byte[] b, int off, int len, int type, int minBody) {
        if (len < 6) return false;
        if (b[off] != 22 || b[off + 1] != 3 || (b[off + 2] & 0xff) > 4) return false;
        int recLen = Bytes.u16(b, off + 3);
        if (recLen < 4 || recLen > TlsHandler.MAX_RECORD) return false;
        if (b[off + 5] != type) return false;
        if (len >= 9) {
            int hsLen = Bytes.u24(b, off + 6);
            if (hsLen < minBody || hsLen > TlsConfig.DEFAULTS.maxHandshakeBytes()) return false;
        }
        if (len >= 11 && (b[off + 9] != 3 || (b[off + 10] & 0xff) > 4)) return false;
        if (len >= 44) { // the session id length follows the 32-byte random
            if ((b[off + 43] & 0xff) > 32) return false;
        }
        return true;
    }

    /**
     * SSL 2.0 CLIENT-HELLO (RFC 6101 appendix E.2): 2-byte header with the high bit set, message type 1, a version of
     * SSL 2.0 or 3.x, cipher specs in threes, a 0 or 16-byte session id, a 16 to 32-byte challenge, adding up to the
     * record length.
     */
    public static boolean looksLikeSslv2ClientHello(byte[] b, int off, int len) {
        if (len < 11 || (b[off] & 0x80) == 0 || b[off + 2] != 1) return false;
        int recLen = ((b[off] & 0x7f) << 8) | (b[off + 1] & 0xff);
        int version = Bytes.u16(b, off + 3);
        if (version != 0x0002 && (version < 0x0300 || version > 0x0304)) return false;
        int cs = Bytes.u16(b, off + 5), sid = Bytes.u16(b, off + 7), ch = Bytes.u16(b, off + 9);
        return cs > 0 && cs % 3 == 0 && (sid == 0 || sid == 16) && ch >= 16 && ch <= 32 && 9 + cs + sid + ch == recLen;
    }
}
