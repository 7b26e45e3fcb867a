package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.nta.detect.Filters;

/** Filters and samples shared by the Active Directory detectors. */
final class AdEvidence {
    private AdEvidence() {}

    /**
     * A filter that selects exactly the evidence frames when they are few, else the two hosts' {@code proto} frames
     * over the span.
     */
    static String filter(Collection<Long> frames, String client, String server, String proto, AdConfig config) {
        TreeSet<Long> sorted = new TreeSet<>(frames);
        if (sorted.size() <= config.maxFilterFrames()) return Filters.frameSet(sorted);
        return Filters.and(Filters.between(client, server), proto, Filters.frames(sorted.first(), sorted.last()));
    }

    static <T> List<T> sample(Collection<T> all, int max) {
        List<T> out = new ArrayList<>();
        for (T t : all) {
            if (out.size() >= max) break;
            out.add(t);
        }
        return out;
    }
}
