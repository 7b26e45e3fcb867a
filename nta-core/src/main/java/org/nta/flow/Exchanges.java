package org.nta.flow;

import java.util.Arrays;

/**
 * The exchanges of a flow: for UDP, bursts of datagrams separated by at least {@link #GAP_NS} of silence; for TCP,
 * bursts of payload (either way) separated by that much time without payload (bare ACKs and keep-alive probes do
 * not count). A program that keeps one socket or connection and talks to a server now and then (a beacon, a time
 * client, a keep-alive, an implant's long-lived TLS session) makes one flow of many exchanges; each is a contact for
 * the beacon detector. Exchange 0 starts with the flow; exchange {@code i} holds the payload bytes and the answers
 * (UDP: B→A datagrams; TCP: B→A payload bytes) from its start up to the next one's. Made when a flow's second
 * exchange starts (most flows have one), at most {@link #MAX_PER_FLOW} per flow and a budget per flow table.
 */
public final class Exchanges {
    /** Silence that ends an exchange. */
    public static final long GAP_NS = 1_000_000_000L;
    public static final int MAX_PER_FLOW = 1024;

    private long[] time = new long[8], frame = new long[8], abBefore = new long[8], baBefore = new long[8], baFramesBefore = new long[8];
    private int size;
    /** Exchanges not kept (the flow's or the table's limit). */
    int dropped;

    void add(long t, long f, long ab, long ba, long baFrames) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            frame = Arrays.copyOf(frame, n);
            abBefore = Arrays.copyOf(abBefore, n);
            baBefore = Arrays.copyOf(baBefore, n);
            baFramesBefore = Arrays.copyOf(baFramesBefore, n);
        }
        time[size] = t;
        frame[size] = f;
        abBefore[size] = ab;
        baBefore[size] = ba;
        baFramesBefore[size] = baFrames;
        size++;
    }

    public int size() {
        return size;
    }

    /** Exchanges the limits turned away (their bytes count in the last kept one). */
    public int dropped() {
        return dropped;
    }

    /** Capture time of exchange {@code i}'s first datagram (ns since the epoch). */
    public long time(int i) {
        return time[i];
    }

    public long frame(int i) {
        return frame[i];
    }

    /** Payload bytes A sent during exchange {@code i}. */
    public long payloadAB(int i, Flow f) {
        return (i + 1 < size ? abBefore[i + 1] : f.payloadAB) - abBefore[i];
    }

    public long payloadBA(int i, Flow f) {
        return (i + 1 < size ? baBefore[i + 1] : f.payloadBA) - baBefore[i];
    }

    /** Whether B answered during exchange {@code i}: a datagram (UDP), payload (TCP). */
    public boolean answered(int i, Flow f) {
        return (i + 1 < size ? baFramesBefore[i + 1] : f.isTcp() ? f.payloadBA : f.framesBA) > baFramesBefore[i];
    }
}
