package org.nta.bytes;

/** Reads of unsigned integers from byte arrays. No bounds checks beyond the JVM's own: callers check lengths first. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static int u16le(byte[] b, int off) {
        return ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    public static int u24(byte[] b, int off) {
        return ((b[off] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off + 2] & 0xff);
    }

    /** Big-endian 32-bit value as a Java int (may be negative; use {@link #u32l} for the unsigned value). */
    public static int i32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static long u32l(byte[] b, int off) {
        return i32(b, off) & 0xffffffffL;
    }

    public static int i32le(byte[] b, int off) {
        return ((b[off + 3] & 0xff) << 24) | ((b[off + 2] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    public static long u32lle(byte[] b, int off) {
        return i32le(b, off) & 0xffffffffL;
    }

    public static long i64(byte[] b, int off) {
        return ((long) i32(b, off) << 32) | (i32(b, off + 4) & 0xffffffffL);
    }

    public static long i64le(byte[] b, int off) {
        return ((long) i32le(b, off + 4) << 32) | (i32le(b, off) & 0xffffffffL);
    }

    /** 48-bit big-endian value (a MAC address) as a long. */
    public static long u48(byte[] b, int off) {
        return ((long) u16(b, off) << 32) | (i32(b, off + 2) & 0xffffffffL);
    }

    public static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? i32(b, off) : i32le(b, off);
    }

    public static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? u16(b, off) : u16le(b, off);
    }

    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return sb.toString();
    }

    public static String hex(byte[] b) {
        return hex(b, 0, b.length);
    }

    /** Index of {@code needle} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte[] needle) {
        int n = needle.length;
        if (n == 0) return from;
        byte first = needle[0];
        outer:
        for (int i = from; i <= to - n; i++) {
            if (b[i] != first) continue;
            for (int j = 1; j < n; j++) if (b[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    /** Index of the first {@code value} in {@code b[from, to)}, or -1; eight bytes a step where there are eight. */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        int i = from;
        long pattern = (value & 0xffL) * ONES;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern; // a zero byte where b has value
            long zero = (x - ONES) & ~x & HIGHS; // the lowest flag is exact (borrows only run upwards)
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
        for (; i < to; i++) if (b[i] == value) return i;
        return -1;
    }
}
