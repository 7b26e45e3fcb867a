package org.nta.filter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable buffer of the values one field has in one frame (Wireshark fields may occur several times: ip.addr is
 * source and destination, tunnels give several ip.src). Extractors append; the evaluator reads. Integral values
 * (numbers, booleans, IPv4, MAC, times) are longs; IPv6 addresses are two longs; byte strings are views
 * (array, offset, length) that stay valid until the frame changes; text is a {@link String}.
 *
 * <p>After warm-up nothing here allocates: arrays grow to the largest count seen and are then reused.
 */
public final class Values {
    private long[] lo = new long[8];
    private long[] hi = new long[8];
    private Object[] ref = new Object[8];
    private int[] off = new int[8];
    private int[] len = new int[8];
    private int n;
    /** Scratch bytes for values rendered as bytes (MAC, addresses); views into it stay valid until {@link #clear}. */
    private byte[] heap = new byte[64];
    private int heapUsed;

    public void clear() {
        n = 0;
        heapUsed = 0;
    }

    public int size() {
        return n;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    private int slot() {
        if (n == lo.length) {
            int c = n * 2;
            lo = Arrays.copyOf(lo, c);
            hi = Arrays.copyOf(hi, c);
            ref = Arrays.copyOf(ref, c);
            off = Arrays.copyOf(off, c);
            len = Arrays.copyOf(len, c);
        }
        ref[n] = null;
        return n++;
    }

    /** An integral value: number, boolean (0/1), IPv4 address, MAC address, time in ns. */
    public void add(long v) {
        int i = slot();
        lo[i] = v;
        hi[i] = 0;
    }

    public void add(boolean v) {
        add(v ? 1 : 0);
    }

    /** An IPv6 address (or any 128-bit value) as its high and low 64 bits. */
    public void addIpv6(long high, long low) {
        int i = slot();
        lo[i] = low;
        hi[i] = high;
    }

    /** A view of {@code b[offset, offset + length)}; not copied, so it must stay unchanged while the frame is evaluated. */
    public void addBytes(byte[] b, int offset, int length) {
        int i = slot();
        ref[i] = b;
        off[i] = offset;
        len[i] = length;
    }

    /** A copy of {@code b[offset, offset + length)} into this buffer's scratch space. */
    public void addBytesCopy(byte[] b, int offset, int length) {
        int at = reserve(length);
        System.arraycopy(b, offset, heap, at, length);
        addBytes(heap, at, length);
    }

    /** Appends the low {@code count} bytes of {@code v}, big-endian, as a byte string. */
    public void addBytesOf(long v, int count) {
        int at = reserve(count);
        for (int k = 0; k < count; k++) heap[at + k] = (byte) (v >>> (8 * (count - 1 - k)));
        addBytes(heap, at, count);
    }

    /** Appends a 16-byte string of an IPv6 address. */
    public void addBytesOf(long high, long low) {
        int at = reserve(16);
        for (int k = 0; k < 8; k++) {
            heap[at + k] = (byte) (high >>> (56 - 8 * k));
            heap[at + 8 + k] = (byte) (low >>> (56 - 8 * k));
        }
        addBytes(heap, at, 16);
    }

    private int reserve(int count) {
        if (heapUsed + count > heap.length) {
            // earlier views keep the old array, which stays valid; only the new space is fresh
            heap = new byte[Math.max(heap.length * 2, count + 64)];
            heapUsed = 0;
        }
        int at = heapUsed;
        heapUsed += count;
        return at;
    }

    public void addString(String s) {
        int i = slot();
        ref[i] = s;
    }

    /** A protocol that is present but carries no bytes NTA can show. */
    public void addPresent() {
        int i = slot();
        ref[i] = null;
        len[i] = -1;
        lo[i] = 0;
    }

    public long longAt(int i) {
        return lo[i];
    }

    public long highAt(int i) {
        return hi[i];
    }

    public String stringAt(int i) {
        return (String) ref[i];
    }

    public boolean hasBytes(int i) {
        return ref[i] instanceof byte[];
    }

    public byte[] bytesArray(int i) {
        return (byte[]) ref[i];
    }

    public int bytesOffset(int i) {
        return off[i];
    }

    public int bytesLength(int i) {
        return len[i];
    }

    /** The bytes of a byte-string value as a new array (for output, not for the hot path). */
    public byte[] bytesCopy(int i) {
        return Arrays.copyOfRange((byte[]) ref[i], off[i], off[i] + len[i]);
    }

    /** The bytes of a byte-string value read as ISO-8859-1 text, one char per byte (for regular expressions). */
    String latin1At(int i) {
        return new String((byte[]) ref[i], off[i], len[i], StandardCharsets.ISO_8859_1);
    }
}
