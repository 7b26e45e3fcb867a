package org.nta.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows waiting to be written in the order of their key (then of arrival), the smallest first: a binary heap, as
 * {@code PriorityQueue} is, but kept in arrays of primitives (key, arrival, row) instead of an object per row
 * compared through a comparator, so a sift reads neighbouring longs rather than scattered objects (the priority
 * queue's sifts were a tenth of {@code nta http} on the load capture, where responses complete out of request order).
 *
 * @param <T> the row
 */
final class ReorderWindow<T> {
    private long[] keys = new long[64];
    private long[] seqs = new long[64];
    private Object[] rows = new Object[64];
    private int size;
    private long seq;

    void add(long key, T row) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            rows = Arrays.copyOf(rows, size * 2);
        }
        long s = seq++;
        int i = size++;
        while (i > 0) { // sift up
            int parent = (i - 1) >>> 1;
            if (!less(key, s, keys[parent], seqs[parent])) break;
            move(parent, i);
            i = parent;
        }
        set(i, key, s, row);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes and returns the smallest row; the window must not be empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        T top = (T) rows[0];
        int n = --size;
        long key = keys[n], s = seqs[n];
        Object row = rows[n];
        rows[n] = null;
        if (n > 0) {
            int i = 0;
            while (true) { // sift the last row down from the top
                int child = 2 * i + 1;
                if (child >= n) break;
                if (child + 1 < n && less(keys[child + 1], seqs[child + 1], keys[child], seqs[child])) child++;
                if (!less(keys[child], seqs[child], key, s)) break;
                move(child, i);
                i = child;
            }
            set(i, key, s, row);
        }
        return top;
    }

    /** The rows in no particular order (to measure columns before any is written). */
    @SuppressWarnings("unchecked")
    Iterable<T> rows() {
        List<T> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) all.add((T) rows[i]);
        return all;
    }

    private static boolean less(long k1, long s1, long k2, long s2) {
        return k1 != k2 ? k1 < k2 : s1 < s2;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        seqs[to] = seqs[from];
        rows[to] = rows[from];
    }

    private void set(int i, long key, long s, Object row) {
        keys[i] = key;
        seqs[i] = s;
        rows[i] = row;
    }
}
