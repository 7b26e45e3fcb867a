package org.nta.detect.scan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one source did to one target: its probes (short flows without payload) and the ports on which it also had
 * real conversations. {@link #settle} keeps the probes that make up the scan: the first probe of each port, and
 * repeats only while the scan is still going and only to ports that never carried data.
 */
final class ScanTally {
    static final String[] KINDS = {"syn", "connect", "fin", "null", "xmas", "ack", "maimon", "other", "udp"};
    static final int MAX_PROBES = 300_000;

    /** One probe flow. {@code answer}: 0 none, 1 open, 2 closed. */
    record Probe(int port, int kind, long firstFrame, long lastFrame, long timeNs, int stream, int srcPort, int answer,
                 long answerFrame) {
    }

    final String attacker, victim;
    final List<Probe> probes = new ArrayList<>(0);
    /** Ports on which the source had conversations with payload: their empty connections are not probes. */
    final java.util.Set<Integer> dataPorts = new java.util.HashSet<>(4);
    boolean overflow;

    // settled results
    BitSet probed, closed, answered;
    final TreeMap<Integer, Long> open = new TreeMap<>();
    final int[] kinds = new int[KINDS.length];
    final TreeSet<Integer> streams = new TreeSet<>();
    final TreeSet<Integer> sourcePorts = new TreeSet<>();
    long count, firstFrame = Long.MAX_VALUE, lastFrame, firstTime = Long.MAX_VALUE, lastTime;
    boolean udp;

    ScanTally(String attacker, String victim) {
        this.attacker = attacker;
        this.victim = victim;
    }

    void add(Probe p) {
        if (probes.size() < MAX_PROBES) probes.add(p);
        else overflow = true;
    }

    int distinctPorts() {
        BitSet b = new BitSet(65536);
        for (Probe p : probes) b.set(p.port());
        return b.cardinality();
    }

    /** Picks the scan's probes; {@code graceNs} is how long after the last new port a repeat still counts. */
    void settle(long graceNs) {
        probed = new BitSet(65536);
        closed = new BitSet(65536);
        answered = new BitSet(65536);
        probes.sort(Comparator.comparingLong(Probe::firstFrame));
        BitSet seen = new BitSet(65536);
        long lastNewTime = Long.MIN_VALUE;
        for (Probe p : probes) {
            boolean fresh = !seen.get(p.port());
            if (!fresh && (dataPorts.contains(p.port()) || p.timeNs() > lastNewTime + graceNs)) continue;
            if (fresh) {
                seen.set(p.port());
                lastNewTime = Math.max(lastNewTime, p.timeNs());
            }
            take(p);
        }
    }

    private void take(Probe p) {
        count++;
        probed.set(p.port());
        kinds[p.kind()]++;
        if (p.kind() == 8) udp = true;
        firstFrame = Math.min(firstFrame, p.firstFrame());
        lastFrame = Math.max(lastFrame, p.lastFrame());
        firstTime = Math.min(firstTime, p.timeNs());
        lastTime = Math.max(lastTime, p.timeNs());
        if (streams.size() < 5000) streams.add(p.stream());
        if (sourcePorts.size() < 64) sourcePorts.add(p.srcPort());
        if (p.answer() == 1) {
            open.putIfAbsent(p.port(), p.answerFrame());
            answered.set(p.port());
        } else if (p.answer() == 2) {
            answered.set(p.port());
            if (p.kind() != 5) closed.set(p.port());
        } else if (p.answer() == 3) {
            answered.set(p.port()); // ACK scan: RST means unfiltered
        }
    }

    /** The kind most probes were, or "mixed". */
    String scanType() {
        int best = -1;
        long total = 0;
        for (int i = 0; i < kinds.length; i++) {
            total += kinds[i];
            if (best < 0 || kinds[i] > kinds[best]) best = i;
        }
        return kinds[best] * 10L >= total * 8 ? KINDS[best] : "mixed";
    }

    /** Probed ports as ranges: "1-1024", "22,80,443". */
    String portRanges() {
        StringBuilder sb = new StringBuilder();
        for (int p = probed.nextSetBit(0); p >= 0; ) {
            int end = probed.nextClearBit(p) - 1;
            if (sb.length() > 0) sb.append(',');
            sb.append(p);
            if (end > p) sb.append('-').append(end);
            if (sb.length() > 200) {
                sb.append(",…");
                break;
            }
            p = end + 1 > 65535 ? -1 : probed.nextSetBit(end + 1);
        }
        return sb.toString();
    }
}
