package org.nta.app.ldap;

/** Recognises LDAP by content: an LDAPMessage SEQUENCE, its messageID and an [APPLICATION n] operation tag. */
public final class LdapDetect {
    private LdapDetect() {}

    /** Whether {@code b[off, off+len)} starts with an LDAPMessage header (the first bytes of a connection). */
    public static boolean looksLikeLdap(byte[] b, int off, int len) {
        int end = off + len, p = off;
        if (len < 7 || b[p++] != 0x30) return false;
        int lb = b[p++] & 0xff;
        if (lb == 0x80 || lb > 0x84) return false;
        if (lb > 0x80) p += lb & 0x7f;
        if (p + 3 > end || b[p] != 0x02) return false;
        int idLen = b[p + 1] & 0xff;
        if (idLen < 1 || idLen > 4) return false;
        p += 2 + idLen;
        if (p >= end) return false;
        int op = b[p] & 0xff;
        // constructed [APPLICATION 0..25], or the primitive unbindRequest [2] / abandonRequest [16] / delRequest [10]
        return (op >= 0x60 && op <= 0x79) || op == 0x42 || op == 0x50 || op == 0x4a;
    }
}
