package org.nta.app;

/** Bytes that connections still looking for their protocol hold, across all connections, against one cap. */
final class HoldBudget {
    private final long cap;
    private long held;

    HoldBudget(long cap) {
        this.cap = cap;
    }

    boolean reserve(int n) {
        if (held + n > cap) return false;
        held += n;
        return true;
    }

    void release(long n) {
        held -= n;
    }

    long held() {
        return held;
    }
}
