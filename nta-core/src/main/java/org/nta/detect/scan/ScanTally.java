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

    /** One probe flow of {@code packets} probe packets. {@code answer}: 0 none, 1 open, 2 closed, 3 RST to ACK. */
    record Probe(int port, int kind, long firstFrame, long lastFrame, long timeNs, int stream, int srcPort, int answer,
                 long answerFrame, int packets) {
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
    final org.nta.detect.StreamSet streams = new org.nta.detect.StreamSet();
    final TreeSet<Integer> sourcePorts = new TreeSet<>();
    long synTimes;
    long count, packets, firstFrame = Long.MAX_VALUE, lastFrame, firstTime = Long.MAX_VALUE, lastTime;
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

    /**
     * A short, fast burst: at least {@code minPorts} distinct ports within {@code windowNs}, most of them refused
     * (RST or ICMP port unreachable) — a small scan that the plain port count would miss.
     */
    boolean fastRefusedBurst(int minPorts, long windowNs) {
        if (probes.isEmpty()) return false;
        List<Probe> sorted = new ArrayList<>(probes);
        sorted.sort(Comparator.comparingLong(Probe::timeNs));
        BitSet ports = new BitSet(65536), refused = new BitSet(65536);
        int start = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (sorted.get(i).timeNs() - sorted.get(start).timeNs() > windowNs) start++;
            ports.clear();
            refused.clear();
            for (int j = start; j <= i; j++) {
                ports.set(sorted.get(j).port());
                if (sorted.get(j).answer() == 2) refused.set(sorted.get(j).port());
            }
            if (ports.cardinality() >= minPorts && refused.cardinality() * 2 >= ports.cardinality()) return true;
        }
        return false;
    }

    /**
     * Picks the scan's probes; {@code graceNs} is how long after the last new port a repeat still counts. Ports the
     * source also used for real conversations count only while the scan is going on: a client's idle connections
     * to a service it uses are not probes.
     */
    void settle(long graceNs) {
        probed = new BitSet(65536);
        closed = new BitSet(65536);
        answered = new BitSet(65536);
        probes.sort(Comparator.comparingLong(Probe::firstFrame));
        long windowStart = Long.MAX_VALUE, windowEnd = Long.MIN_VALUE;
        BitSet seen = new BitSet(65536);
        for (Probe p : probes) {
            if (dataPorts.contains(p.port()) || seen.get(p.port())) continue;
            seen.set(p.port());
            windowStart = Math.min(windowStart, p.timeNs());
            windowEnd = Math.max(windowEnd, p.timeNs());
        }
        if (windowStart == Long.MAX_VALUE) { // every probed port also carried data: take them all as they come
            windowStart = Long.MIN_VALUE / 2;
            windowEnd = Long.MAX_VALUE / 2;
        }
        seen.clear();
        for (Probe p : probes) {
            boolean inWindow = p.timeNs() >= windowStart - graceNs && p.timeNs() <= windowEnd + graceNs;
            boolean fresh = !seen.get(p.port());
            if (dataPorts.contains(p.port()) ? !(fresh && inWindow) : !fresh && !inWindow) continue;
            seen.set(p.port());
            take(p);
        }
    }

    private void take(Probe p) {
        count++;
        packets += p.packets();
        probed.set(p.port());
        kinds[p.kind()]++;
        if (p.kind() == 8) udp = true;
        firstFrame = Math.min(firstFrame, p.firstFrame());
        lastFrame = Math.max(lastFrame, p.lastFrame());
        firstTime = Math.min(firstTime, p.timeNs());
        lastTime = Math.max(lastTime, p.timeNs());
        streams.add(p.stream());
        if (sourcePorts.size() < 64) sourcePorts.add(p.srcPort());
        if (p.kind() == 0 || p.kind() == 1) synTimes++;
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

    /**
     * SYN probes to closed ports look the same in a SYN scan and a connect scan; the open ports tell them apart (a
     * connect scan completes the handshake) and, without open ports, the source ports do (a SYN scanner reuses one,
     * the kernel's connect() takes a new one per probe).
     */
    void resolveSynOrConnect() {
        if (kinds[0] == 0 || kinds[1] == 0 && !manySourcePorts()) return;
        boolean connect = kinds[1] > 0 || manySourcePorts();
        if (connect) {
            kinds[1] += kinds[0];
            kinds[0] = 0;
        }
    }

    private boolean manySourcePorts() {
        return sourcePorts.size() >= 32 || sourcePorts.size() * 2 > count;
    }

    /** For FIN, NULL, Xmas and Maimon scans, open ports do not answer: the silent ports once some port answered RST. */
    java.util.List<Integer> silentPorts() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (closed.isEmpty()) return out;
        for (int p = probed.nextSetBit(0); p >= 0; p = p + 1 > 65535 ? -1 : probed.nextSetBit(p + 1)) {
            if (!answered.get(p)) out.add(p);
        }
        return out;
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
