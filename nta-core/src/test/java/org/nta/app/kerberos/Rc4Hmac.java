package org.nta.app.kerberos;

import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.nta.app.ntlm.NtlmCrypto;

/** RC4-HMAC (etype 23, RFC 4757) decryption, to prove a hashcat line with the known password. */
final class Rc4Hmac {
    private Rc4Hmac() {}

    static byte[] hmac(byte[] key, byte[] msg) throws Exception {
        Mac m = Mac.getInstance("HmacMD5");
        m.init(new SecretKeySpec(key, "HmacMD5"));
        return m.doFinal(msg);
    }

    /** The plaintext (confounder included) when the checksum verifies with the password's key, else null. */
    static byte[] decrypt(String password, int usage, byte[] checksum, byte[] edata) throws Exception {
        byte[] k = NtlmCrypto.ntHash(password); // MD4(UTF-16LE(password))
        byte[] k1 = hmac(k, new byte[] {(byte) usage, (byte) (usage >> 8), (byte) (usage >> 16), (byte) (usage >> 24)});
        byte[] k3 = hmac(k1, checksum);
        Cipher rc4 = Cipher.getInstance("ARCFOUR");
        rc4.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k3, "ARCFOUR"));
        byte[] plain = rc4.doFinal(edata);
        return MessageDigest.isEqual(hmac(k1, plain), checksum) ? plain : null;
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
