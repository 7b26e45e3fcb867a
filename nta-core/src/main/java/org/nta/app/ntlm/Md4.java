package org.nta.app.ntlm;

/** MD4 (RFC 1320), which the JDK's providers do not offer; NTLM's NT hash is MD4 of the UTF-16LE password. */
public final class Md4 {
    private Md4() {}

    public static byte[] digest(byte[] msg) {
        int n = msg.length;
        int padded = ((n + 8) / 64 + 1) * 64;
        byte[] m = new byte[padded];
        System.arraycopy(msg, 0, m, 0, n);
        m[n] = (byte) 0x80;
        long bits = (long) n * 8;
        for (int i = 0; i < 8; i++) m[padded - 8 + i] = (byte) (bits >>> (8 * i));
        int a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        int[] x = new int[16];
        for (int blk = 0; blk < padded; blk += 64) {
            for (int i = 0; i < 16; i++) {
                int p = blk + 4 * i;
                x[i] = (m[p] & 0xff) | (m[p + 1] & 0xff) << 8 | (m[p + 2] & 0xff) << 16 | (m[p + 3] & 0xff) << 24;
            }
            int aa = a, bb = b, cc = c, dd = d;
            int[] s1 = {3, 7, 11, 19};
            for (int i = 0; i < 16; i++) {
                int f = (b & c) | (~b & d);
                int t = Integer.rotateLeft(a + f + x[i], s1[i & 3]);
                a = d; d = c; c = b; b = t;
            }
            int[] s2 = {3, 5, 9, 13};
            for (int i = 0; i < 16; i++) {
                int k = (i & 3) * 4 + (i >> 2);
                int g = (b & c) | (b & d) | (c & d);
                int t = Integer.rotateLeft(a + g + x[k] + 0x5a827999, s2[i & 3]);
                a = d; d = c; c = b; b = t;
            }
            int[] s3 = {3, 9, 11, 15};
            int[] order = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
            for (int i = 0; i < 16; i++) {
                int h = b ^ c ^ d;
                int t = Integer.rotateLeft(a + h + x[order[i]] + 0x6ed9eba1, s3[i & 3]);
                a = d; d = c; c = b; b = t;
            }
            a += aa; b += bb; c += cc; d += dd;
        }
        byte[] out = new byte[16];
        int[] st = {a, b, c, d};
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) out[4 * i + j] = (byte) (st[i] >>> (8 * j));
        return out;
    }
}
