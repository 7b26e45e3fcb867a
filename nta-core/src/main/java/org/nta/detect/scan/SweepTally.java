package org.nta.detect.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.StreamSet;

/**
 * One source's probes of one service (a TCP or UDP port, or ping) across hosts: the material of a horizontal sweep.
 * A sweep is many hosts probed within a short window, each once or twice; the same few hosts probed round after
 * round are being monitored (health checks, ping monitoring), and hosts tried one by one over hours are not a sweep.
 */
final class SweepTally {
    static final int MAX_PROBES = 300_000;

    /** One probe: {@code kind} as in {@link ScanTally#KINDS}, or -1 for a ping. */
    record Probe(String host, long frame, long timeNs, int stream, boolean answered, int kind) {
    }

    final String attacker;
    /** "tcp/445", "udp/161" or "icmp". */
    final String what;
    private final List<Probe> probes = new ArrayList<>(0);

    // settled by {@link #settle}
    final TreeSet<String> hosts = new TreeSet<>();
    final TreeSet<String> answeredHosts = new TreeSet<>();
    final StreamSet streams = new StreamSet();
    final int[] kinds = new int[ScanTally.KINDS.length];
    int pings;
    long count, firstFrame = Long.MAX_VALUE, lastFrame, firstTime = Long.MAX_VALUE, lastTime;
    /** Most distinct hosts first probed within one window, and the largest number of probes of any one host. */
    int densestHosts, maxProbesPerHost;
    double probesPerHost;

    SweepTally(String attacker, String what) {
        this.attacker = attacker;
        this.what = what;
    }

    void add(Probe p) {
        if (probes.size() < MAX_PROBES) probes.add(p);
    }

    int distinctHosts() {
        Map<String, Boolean> seen = new HashMap<>();
        for (Probe p : probes) seen.put(p.host(), Boolean.TRUE);
        return seen.size();
    }

    /** Takes every probe into the totals and measures how dense and how repetitive the probing was. */
    void settle(long windowNs) {
        probes.sort(Comparator.comparingLong(Probe::timeNs));
        Map<String, Integer> perHost = new HashMap<>();
        List<Long> firstProbes = new ArrayList<>();
        for (Probe p : probes) {
            Integer n = perHost.merge(p.host(), 1, Integer::sum);
            if (n == 1) firstProbes.add(p.timeNs());
            hosts.add(p.host());
            if (p.answered()) answeredHosts.add(p.host());
            streams.add(p.stream());
            if (p.kind() >= 0) kinds[p.kind()]++;
            else pings++;
            count++;
            firstFrame = Math.min(firstFrame, p.frame());
            lastFrame = Math.max(lastFrame, p.frame());
            firstTime = Math.min(firstTime, p.timeNs());
            lastTime = Math.max(lastTime, p.timeNs());
        }
        int start = 0;
        for (int i = 0; i < firstProbes.size(); i++) {
            while (firstProbes.get(i) - firstProbes.get(start) > windowNs) start++;
            densestHosts = Math.max(densestHosts, i - start + 1);
        }
        for (int n : perHost.values()) maxProbesPerHost = Math.max(maxProbesPerHost, n);
        probesPerHost = hosts.isEmpty() ? 0 : (double) count / hosts.size();
    }

    /**
     * Probed round after round: on average every host three times or more. A scanner probes a host once, and again
     * only when it did not answer.
     */
    boolean monitoring() {
        return probesPerHost >= 3;
    }

    /** The kind most probes were ("syn", "ack", "udp", … or "ping"), or "mixed". */
    String probeType() {
        if (pings > 0) return "ping";
        int best = 0;
        for (int i = 1; i < kinds.length; i++) if (kinds[i] > kinds[best]) best = i;
        return kinds[best] == count ? ScanTally.KINDS[best] : "mixed";
    }
}
