package org.nta.bytes;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts anomalies by kind and remembers the first frame of each; cheap enough for the hot path. */
public final class AnomalyCounter {
    private static final Anomaly[] KINDS = Anomaly.values();
    private final long[] counts = new long[KINDS.length];
    private final long[] firstFrame = new long[KINDS.length];

    public void add(Anomaly a, long frame) {
        int i = a.ordinal();
        if (counts[i]++ == 0) firstFrame[i] = frame;
    }

    public long count(Anomaly a) {
        return counts[a.ordinal()];
    }

    public long firstFrame(Anomaly a) {
        return firstFrame[a.ordinal()];
    }

    public long total() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    public void addAll(AnomalyCounter other) {
        for (int i = 0; i < counts.length; i++) {
            if (other.counts[i] == 0) continue;
            if (counts[i] == 0) firstFrame[i] = other.firstFrame[i];
            counts[i] += other.counts[i];
        }
    }

    /** Non-zero counts by stable name, in declaration order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) if (counts[i] != 0) m.put(KINDS[i].id(), counts[i]);
        return m;
    }
}
