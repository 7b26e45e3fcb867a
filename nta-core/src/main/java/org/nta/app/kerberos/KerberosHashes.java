package org.nta.app.kerberos;

import org.nta.bytes.Bytes;

/**
 * Kerberos material in hashcat's formats (checked against hashcat's example hashes): the RC4-HMAC cipher is its
 * 16-byte checksum then the data; the AES ones end with a 12-byte HMAC-SHA1-96.
 */
public final class KerberosHashes {
    private KerberosHashes() {}

    /** A line and its mode. */
    public record Line(String text, int mode) {
    }

    /** AS-REQ PA-ENC-TIMESTAMP: 7500 ($krb5pa$23$, data then checksum), 19800/19900 ($krb5pa$17/18$, whole cipher). */
    public static Line preauth(int etype, String user, String realm, byte[] c) {
        if (etype == 23 && c.length > 16) {
            return new Line("$krb5pa$23$" + user + "$" + realm + "$" + realm.toUpperCase(java.util.Locale.ROOT) + user + "$"
                    + Bytes.hex(c, 16, c.length - 16) + Bytes.hex(c, 0, 16), 7500);
        }
        if ((etype == 17 || etype == 18) && c.length > 12) {
            return new Line("$krb5pa$" + etype + "$" + user + "$" + realm + "$" + Bytes.hex(c), etype == 17 ? 19800 : 19900);
        }
        return null;
    }

    /**
     * TGS-REP ticket: 13100 ($krb5tgs$23$*user$realm$spn*$checksum$data), 19600/19700
     * ($krb5tgs$17/18$user$realm$*spn*$hmac$data). The service account's name is not on the wire: {@code user} is
     * the SPN, which the RC4 line does not need; an AES line needs the account's name there (its salt).
     */
    public static Line tgs(int etype, String spn, String realm, byte[] c) {
        if (etype == 23 && c.length > 16) {
            return new Line("$krb5tgs$23$*" + spn + "$" + realm + "$" + spn + "*$" + Bytes.hex(c, 0, 16) + "$"
                    + Bytes.hex(c, 16, c.length - 16), 13100);
        }
        if ((etype == 17 || etype == 18) && c.length > 12) {
            return new Line("$krb5tgs$" + etype + "$" + spn + "$" + realm + "$*" + spn + "*$" + Bytes.hex(c, c.length - 12, 12)
                    + "$" + Bytes.hex(c, 0, c.length - 12), etype == 17 ? 19600 : 19700);
        }
        return null;
    }

    /** AS-REP enc-part: 18200 ($krb5asrep$23$user@realm:checksum$data), 32100/32200 ($krb5asrep$17/18$user$realm$hmac$data). */
    public static Line asrep(int etype, String user, String realm, byte[] c) {
        if (etype == 23 && c.length > 16) {
            return new Line("$krb5asrep$23$" + user + "@" + realm + ":" + Bytes.hex(c, 0, 16) + "$" + Bytes.hex(c, 16, c.length - 16), 18200);
        }
        if ((etype == 17 || etype == 18) && c.length > 12) {
            return new Line("$krb5asrep$" + etype + "$" + user + "$" + realm + "$" + Bytes.hex(c, c.length - 12, 12) + "$"
                    + Bytes.hex(c, 0, c.length - 12), etype == 17 ? 32100 : 32200);
        }
        return null;
    }
}
