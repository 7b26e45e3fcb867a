package org.nta.detect.c2;

import java.util.Arrays;

/** Contacts of one series in primitive arrays (time, frame, stream, bytes out and in), in arrival order. */
final class Contacts {
    long[] time = new long[8], frame = new long[8], out = new long[8], in = new long[8];
    int[] stream = new int[8];
    int size;

    void add(long t, long f, int s, long o, long i) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            frame = Arrays.copyOf(frame, n);
            out = Arrays.copyOf(out, n);
            in = Arrays.copyOf(in, n);
            stream = Arrays.copyOf(stream, n);
        }
        time[size] = t;
        frame[size] = f;
        stream[size] = s;
        out[size] = o;
        in[size] = i;
        size++;
    }

    /**
     * The contacts in time order with retries folded: a contact less than {@code mergeNs} after the last kept one adds
     * its bytes to it and is not counted.
     */
    Contacts merged(long mergeNs) {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> time[a] != time[b] ? Long.compare(time[a], time[b]) : Long.compare(frame[a], frame[b]));
        Contacts m = new Contacts();
        for (int k = 0; k < size; k++) {
            int i = idx[k];
            if (m.size > 0 && time[i] - m.time[m.size - 1] < mergeNs) {
                m.out[m.size - 1] += out[i];
                m.in[m.size - 1] += in[i];
                continue;
            }
            m.add(time[i], frame[i], stream[i], out[i], in[i]);
        }
        return m;
    }
}
