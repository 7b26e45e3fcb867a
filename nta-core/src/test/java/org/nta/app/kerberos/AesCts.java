package org.nta.app.kerberos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kerberos AES (etypes 17 and 18, RFC 3962 over RFC 3961), written independently of NTA to prove its AES hashcat
 * lines: the key from the password and salt (PBKDF2-HMAC-SHA1, 4096 rounds, then DK(key, "kerberos")), the
 * encryption and integrity keys of a key usage, CBC with ciphertext stealing, and the HMAC-SHA1-96 check.
 */
final class AesCts {
    private AesCts() {}

    /** The plaintext (confounder removed) of {@code cipher} (data then the 12-byte HMAC), or null when the HMAC does not match. */
    static byte[] decrypt(String password, String salt, int etype, int usage, byte[] cipher) throws Exception {
        int keyLen = etype == 17 ? 16 : 32;
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1");
        byte[] tkey = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 4096, keyLen * 8))
                .getEncoded();
        byte[] key = dk(tkey, "kerberos".getBytes(StandardCharsets.US_ASCII), keyLen);
        byte[] ke = dk(key, usage(usage, 0xAA), keyLen);
        byte[] ki = dk(key, usage(usage, 0x55), keyLen);
        byte[] c = java.util.Arrays.copyOf(cipher, cipher.length - 12);
        byte[] h = java.util.Arrays.copyOfRange(cipher, cipher.length - 12, cipher.length);
        byte[] plain = ctsDecrypt(ke, c);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(ki, "HmacSHA1"));
        byte[] expect = java.util.Arrays.copyOf(mac.doFinal(plain), 12);
        if (!MessageDigest.isEqual(expect, h)) return null;
        return java.util.Arrays.copyOfRange(plain, 16, plain.length);
    }

    private static byte[] usage(int usage, int kind) {
        return new byte[] {(byte) (usage >>> 24), (byte) (usage >>> 16), (byte) (usage >>> 8), (byte) usage, (byte) kind};
    }

    /** DK(key, constant) = DR: AES-encrypt n-fold(constant) repeatedly, taking keyLen bytes. */
    static byte[] dk(byte[] key, byte[] constant, int keyLen) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] block = nfold(constant, 16);
        byte[] out = new byte[keyLen];
        for (int n = 0; n < keyLen; n += 16) {
            block = ecb.doFinal(block);
            System.arraycopy(block, 0, out, n, Math.min(16, keyLen - n));
        }
        return out;
    }

    /** RFC 3961 n-fold (after MIT krb5's nfold.c). */
    static byte[] nfold(byte[] in, int outBytes) {
        int inBytes = in.length, a = outBytes, b = inBytes;
        while (b != 0) {
            int c = b;
            b = a % b;
            a = c;
        }
        int lcm = outBytes * inBytes / a;
        int[] out = new int[outBytes];
        int acc = 0;
        for (int i = lcm - 1; i >= 0; i--) {
            int msbit = (((inBytes << 3) - 1) + (((inBytes << 3) + 13) * (i / inBytes)) + ((inBytes - (i % inBytes)) << 3)) % (inBytes << 3);
            int hi = in[((inBytes - 1) - (msbit >>> 3)) % inBytes] & 0xff;
            int lo = in[(inBytes - (msbit >>> 3)) % inBytes] & 0xff;
            acc += (((hi << 8) | lo) >>> ((msbit & 7) + 1)) & 0xff;
            acc += out[i % outBytes];
            out[i % outBytes] = acc & 0xff;
            acc >>>= 8;
        }
        if (acc != 0) {
            for (int i = outBytes - 1; i >= 0; i--) {
                acc += out[i];
                out[i] = acc & 0xff;
                acc >>>= 8;
            }
        }
        byte[] r = new byte[outBytes];
        for (int i = 0; i < outBytes; i++) r[i] = (byte) out[i];
        return r;
    }

    /** AES-CBC with ciphertext stealing (the last two blocks swapped), IV zero. */
    static byte[] ctsDecrypt(byte[] key, byte[] c) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
        int m = (c.length + 15) / 16;
        byte[] p = new byte[c.length];
        byte[] prev = new byte[16];
        if (m == 1) {
            byte[] d = ecb.doFinal(c);
            for (int i = 0; i < 16; i++) p[i] = (byte) (d[i] ^ prev[i]);
            return p;
        }
        for (int k = 0; k < m - 2; k++) {
            byte[] blk = java.util.Arrays.copyOfRange(c, 16 * k, 16 * k + 16);
            byte[] d = ecb.doFinal(blk);
            for (int i = 0; i < 16; i++) p[16 * k + i] = (byte) (d[i] ^ prev[i]);
            prev = blk;
        }
        int last = 16 * (m - 1), dlen = c.length - last;
        byte[] d = ecb.doFinal(java.util.Arrays.copyOfRange(c, 16 * (m - 2), 16 * (m - 1)));
        byte[] cb = new byte[16];
        System.arraycopy(c, last, cb, 0, dlen);
        System.arraycopy(d, dlen, cb, dlen, 16 - dlen);
        for (int i = 0; i < dlen; i++) p[last + i] = (byte) (d[i] ^ c[last + i]);
        byte[] d2 = ecb.doFinal(cb);
        for (int i = 0; i < 16; i++) p[16 * (m - 2) + i] = (byte) (d2[i] ^ prev[i]);
        return p;
    }
}
