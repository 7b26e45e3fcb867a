package org.nta.detect.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.StreamSet;

/** One host that answered broadcast or multicast name queries: what it answered, to whom, and what followed. */
final class Responder {
    final String addr;
    /** Names it answered (lower case, NetBIOS suffix dropped), with the first answer's frame. */
    final Map<String, Long> names = new LinkedHashMap<>();
    final Set<String> protocols = new LinkedHashSet<>();
    final Set<String> askers = new LinkedHashSet<>();
    final List<Answer> answers = new ArrayList<>();
    final List<Conflict> conflicts = new ArrayList<>();
    final List<Captured> credentials = new ArrayList<>();
    final StreamSet streams = new StreamSet();
    /** "asker → responder:port" of the connections an asker opened to it after its answer, with the first frame. */
    final Map<String, Long> connections = new LinkedHashMap<>();
    /** Asker → time of the last answer given to it (the most recent askers, bounded). */
    final Map<String, Long> answeredAt = org.nta.detect.Lru.of(4096);
    /** Distinct names answered beyond those kept. */
    long namesNotKept;
    long firstFrame = Long.MAX_VALUE, lastFrame, firstNs = Long.MAX_VALUE, lastNs;
    int answerCount;

    record Answer(long frame, String protocol, String name, String asker, String address) {}

    /** A name this host answered that another host owns (registered it, or answered it with its own address). */
    record Conflict(long frame, String name, String owner) {}

    record Captured(long frame, String carrier, String user, String domain, String workstation, String kind, String victim) {}

    Responder(String addr) {
        this.addr = addr;
    }

    void frame(long frame, long ns, int stream) {
        firstFrame = Math.min(firstFrame, frame);
        lastFrame = Math.max(lastFrame, frame);
        firstNs = Math.min(firstNs, ns);
        lastNs = Math.max(lastNs, ns);
        streams.add(stream);
    }
}
