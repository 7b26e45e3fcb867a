package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nta.detect.StreamSet;

/** What one registered domain was asked and answered in a capture, bounded. */
final class DomainTally {
    final String domain;
    long queries, responses, nxdomain, unique, answerBytes, nameBytes;
    long encodedNames, sumLength;
    double sumEntropy;
    int maxLabel;
    final Map<String, Integer> encodings = new TreeMap<>();
    final Map<Integer, Long> qtypes = new TreeMap<>();
    final HashSet<String> names = new HashSet<>();
    final Map<String, long[]> clients = new TreeMap<>();
    final HashSet<String> servers = new HashSet<>();
    long firstFrame, lastFrame, firstTimeNs, lastTimeNs;
    final StreamSet streams = new StreamSet();
    final List<Long> frames = new ArrayList<>();
    long framesCounted;
    /** Distinct names in the order first asked, with their frames: the chunks a tunnel carried. */
    final List<String> chunks = new ArrayList<>();
    final List<Long> chunkFrames = new ArrayList<>();
    int iodine, dnscat, dns2tcp;

    DomainTally(String domain) {
        this.domain = domain;
    }

    int mostQtype() {
        int best = -1;
        long n = -1;
        for (Map.Entry<Integer, Long> e : qtypes.entrySet()) {
            if (e.getValue() > n) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }

    long qtype(int... types) {
        long n = 0;
        for (int t : types) n += qtypes.getOrDefault(t, 0L);
        return n;
    }
}
