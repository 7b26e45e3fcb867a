package org.nta.bench.peers;

import java.util.HashMap;
import java.util.Map;

/**
 * TCP conversations as the Java peers' programs count them: one per unordered pair of address and port, with
 * packets and bytes. What bench/compare.sh prints beside {@code nta conversations}.
 */
final class Conversations {
    private final Map<String, long[]> pairs = new HashMap<>();
    private long packets;

    void add(String srcAddr, int srcPort, String dstAddr, int dstPort, long bytes) {
        packets++;
        String a = srcAddr + "|" + srcPort, b = dstAddr + "|" + dstPort;
        String key = a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
        long[] c = pairs.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += bytes;
    }

    String summary(String tool) {
        return tool + ": " + pairs.size() + " TCP conversations, " + packets + " TCP packets";
    }
}
