package org.nta.app.ntlm;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The NTLM one-way functions of [MS-NLMP] 3.3, to check a hashcat line against a known password (tests, and a
 * {@code nta creds} that is told a password). Not used on the parsing path.
 */
public final class NtlmCrypto {
    private NtlmCrypto() {}

    /** NTOWFv1: MD4 of the UTF-16LE password (the "NT hash"). */
    public static byte[] ntHash(String password) {
        return Md4.digest(password.getBytes(StandardCharsets.UTF_16LE));
    }

    /** NTOWFv2: HMAC-MD5 keyed by the NT hash over UTF-16LE(upper(user) + domain). */
    public static byte[] ntowfv2(String password, String user, String domain) {
        return hmacMd5(ntHash(password), (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    /** NTProofStr: HMAC-MD5 keyed by NTOWFv2 over the server challenge and the client's blob. */
    public static byte[] ntProofStr(byte[] ntowfv2, byte[] serverChallenge, byte[] blob) {
        byte[] msg = new byte[serverChallenge.length + blob.length];
        System.arraycopy(serverChallenge, 0, msg, 0, serverChallenge.length);
        System.arraycopy(blob, 0, msg, serverChallenge.length, blob.length);
        return hmacMd5(ntowfv2, msg);
    }

    public static byte[] hmacMd5(byte[] key, byte[] msg) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DESL ([MS-NLMP] 6): three DES encryptions of the 8-byte data under the 16-byte key split in 7-byte parts. */
    public static byte[] desl(byte[] key16, byte[] data8) {
        byte[] k = Arrays.copyOf(key16, 21);
        byte[] out = new byte[24];
        for (int i = 0; i < 3; i++) {
            byte[] block = des(Arrays.copyOfRange(k, 7 * i, 7 * i + 7), data8);
            System.arraycopy(block, 0, out, 8 * i, 8);
        }
        return out;
    }

    private static byte[] des(byte[] key7, byte[] data8) {
        byte[] key = new byte[8];
        long v = 0;
        for (byte b : key7) v = (v << 8) | (b & 0xff);
        for (int i = 0; i < 8; i++) key[i] = (byte) (((v >>> (49 - 7 * i)) & 0x7f) << 1);
        try {
            Cipher c = Cipher.getInstance("DES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            return c.doFinal(data8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a hashcat NetNTLMv2 (5600) or NetNTLMv1 (5500, with or without ESS) line was made with this password:
     * the check hashcat makes when it cracks the line.
     */
    public static boolean verify(String line, String password) {
        String[] f = line.split(":", -1);
        if (f.length != 6 || !f[1].isEmpty()) return false;
        HexFormat hex = HexFormat.of();
        try {
            if (f[3].length() == 16) { // 5600: user::domain:challenge:proof:blob
                byte[] proof = ntProofStr(ntowfv2(password, f[0], f[2]), hex.parseHex(f[3]), hex.parseHex(f[5]));
                return Arrays.equals(proof, hex.parseHex(f[4]));
            }
            byte[] lm = hex.parseHex(f[3]), nt = hex.parseHex(f[4]), chal = hex.parseHex(f[5]);
            if (nt.length != 24 || chal.length != 8) return false;
            boolean ess = lm.length == 24 && allZero(lm, 8, 24);
            if (ess) {
                byte[] both = new byte[16];
                System.arraycopy(chal, 0, both, 0, 8);
                System.arraycopy(lm, 0, both, 8, 8);
                chal = Arrays.copyOf(java.security.MessageDigest.getInstance("MD5").digest(both), 8);
            }
            return Arrays.equals(desl(ntHash(password), chal), nt);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
