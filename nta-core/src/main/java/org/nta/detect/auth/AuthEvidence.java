package org.nta.detect.auth;

import java.util.Collection;
import java.util.List;

import org.nta.detect.web.EvidenceFrames;

/** Small helpers for the auth findings' evidence. */
final class AuthEvidence {
    private AuthEvidence() {}

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double seconds(long fromNs, long toNs) {
        return toNs > fromNs ? round((toNs - fromNs) / 1e9) : 0.0;
    }

    static double rate(long n, long fromNs, long toNs) {
        double s = (toNs - fromNs) / 1e9;
        return s > 0.001 ? round(n / s) : (double) n;
    }

    static <T> List<T> head(Collection<T> items, int max) {
        return items.stream().limit(max).toList();
    }

    /** The evidence frames of some uses: each one's secret frame and answer frame. */
    static EvidenceFrames frames(Collection<Use> uses, AuthConfig config) {
        EvidenceFrames f = new EvidenceFrames(config.maxFilterFrames(), config.maxFilterStreams());
        for (Use u : uses) {
            f.add(u.secretFrame(), u.transport(), u.stream());
            f.add(u.frame(), u.transport(), u.stream());
        }
        return f;
    }
}
