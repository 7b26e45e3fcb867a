package org.nta.detect.web;

/** The first and last frame and capture time of what one finding covers, grown one observation at a time. */
final class Span {
    long firstFrame = Long.MAX_VALUE, lastFrame, firstNs = Long.MAX_VALUE, lastNs = Long.MIN_VALUE;

    void add(long frame, long ns) {
        firstFrame = Math.min(firstFrame, frame);
        lastFrame = Math.max(lastFrame, frame);
        firstNs = Math.min(firstNs, ns);
        lastNs = Math.max(lastNs, ns);
    }

    /** Seconds from the first to the last observation. */
    double seconds() {
        return Evidence.seconds(firstNs, lastNs);
    }

    /** {@code n} per second over the span. */
    double rate(long n) {
        return Evidence.rate(n, firstNs, lastNs);
    }
}
