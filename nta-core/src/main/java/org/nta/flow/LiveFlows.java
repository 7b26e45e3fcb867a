package org.nta.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The flow table's live flows: found by key in an open-addressing table (linear probing, the keys' hashes kept
 * beside the flows so a probe that misses does not touch a flow), and kept in least-recently-used order on a list
 * threaded through the flows themselves ({@link Flow#lruPrev}, {@link Flow#lruNext}). It does what a
 * {@code LinkedHashMap} in access order did, in the same order, without an entry object per flow and with fewer
 * memory reads per packet: the eldest flow is the one seen longest ago, which the sweep and a full table release
 * first.
 */
final class LiveFlows {
    private Flow[] slots = new Flow[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int shift = 32 - 12;
    private int size;
    private Flow head, tail;

    /** The flow with this key, now the most recently used one; null when there is none. */
    Flow get(FlowKey probe) {
        int h = probe.hashCode();
        Flow[] s = slots;
        int mask = s.length - 1;
        for (int i = index(h); ; i = (i + 1) & mask) {
            Flow f = s[i];
            if (f == null) return null;
            if (hashes[i] == h && f.key.equals(probe)) {
                if (f != tail) {
                    unlink(f);
                    append(f);
                }
                return f;
            }
        }
    }

    /** Adds a flow whose key is not in the table, as the most recently used one. */
    void add(Flow f) {
        if (size + 1 > slots.length >> 1) grow();
        place(f);
        size++;
        append(f);
    }

    /** Removes a flow that is in the table (one that is not is a bug: it fails instead of probing for ever). */
    void remove(Flow f) {
        int h = f.key.hashCode();
        int mask = slots.length - 1;
        int i = index(h);
        while (slots[i] != f) {
            if (slots[i] == null) throw new IllegalStateException("flow " + f.stream() + " is not in the table");
            i = (i + 1) & mask;
        }
        // backward-shift deletion: move later flows of the run into the gap when their home slot allows it
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = index(hashes[j]);
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                slots[i] = slots[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        slots[i] = null;
        size--;
        unlink(f);
    }

    /** The flow seen longest ago, or null; {@link Flow#lruNext} walks on to newer ones. */
    Flow eldest() {
        return head;
    }

    int size() {
        return size;
    }

    /** All flows, eldest first. */
    List<Flow> values() {
        List<Flow> all = new ArrayList<>(size);
        for (Flow f = head; f != null; f = f.lruNext) all.add(f);
        return all;
    }

    void clear() {
        for (Flow f = head; f != null; ) {
            Flow next = f.lruNext;
            f.lruPrev = f.lruNext = null;
            f = next;
        }
        head = tail = null;
        java.util.Arrays.fill(slots, null);
        size = 0;
    }

    private int index(int h) {
        return (h * 0x9E3779B9) >>> shift;
    }

    private void place(Flow f) {
        int h = f.key.hashCode();
        int mask = slots.length - 1;
        int i = index(h);
        while (slots[i] != null) i = (i + 1) & mask;
        slots[i] = f;
        hashes[i] = h;
    }

    private void grow() {
        Flow[] old = slots;
        slots = new Flow[old.length << 1];
        hashes = new int[old.length << 1];
        shift--;
        for (Flow f : old) if (f != null) place(f);
    }

    private void append(Flow f) {
        f.lruPrev = tail;
        f.lruNext = null;
        if (tail == null) head = f;
        else tail.lruNext = f;
        tail = f;
    }

    private void unlink(Flow f) {
        Flow p = f.lruPrev, n = f.lruNext;
        if (p == null) head = n;
        else p.lruNext = n;
        if (n == null) tail = p;
        else n.lruPrev = p;
        f.lruPrev = f.lruNext = null;
    }
}
