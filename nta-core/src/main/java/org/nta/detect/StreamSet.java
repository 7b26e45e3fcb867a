package org.nta.detect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The distinct {@code tcp.stream}/{@code udp.stream} indices behind one finding, exactly, whatever their number:
 * a bit set over the span from the lowest index to the highest (streams are numbered densely in order of first
 * packet, so one finding's streams sit close together; 1 MiB of bits covers 8 million streams). Findings list a
 * sample of them ({@link #sample}) and give the count.
 */
public final class StreamSet {
    private BitSet bits = new BitSet();
    private int base = -1;
    private int count;

    /** Adds a stream index; negative indices (no stream) are ignored. */
    public void add(int stream) {
        if (stream < 0) return;
        if (base < 0) base = stream;
        if (stream < base) rebase(stream);
        int i = stream - base;
        if (!bits.get(i)) {
            bits.set(i);
            count++;
        }
    }

    public void addAll(StreamSet o) {
        for (int i = o.bits.nextSetBit(0); i >= 0; i = o.bits.nextSetBit(i + 1)) add(o.base + i);
    }

    private void rebase(int newBase) {
        BitSet moved = new BitSet(bits.length() + base - newBase);
        int shift = base - newBase;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) moved.set(i + shift);
        bits = moved;
        base = newBase;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Every index, ascending. */
    public List<Integer> all() {
        return sample(Integer.MAX_VALUE);
    }

    /**
     * At most {@code max} indices, ascending: all of them when they fit, else the lowest {@code max - 1} and the
     * highest, so that the first and last stream of the finding are always shown.
     */
    public List<Integer> sample(int max) {
        List<Integer> out = new ArrayList<>(Math.min(count, Math.max(max, 0)));
        if (max <= 0 || count == 0) return out;
        int room = count <= max ? count : max - 1;
        for (int i = bits.nextSetBit(0); i >= 0 && out.size() < room; i = bits.nextSetBit(i + 1)) out.add(base + i);
        if (count > max) out.add(base + bits.length() - 1);
        return out;
    }
}
