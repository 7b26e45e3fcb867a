package org.nta.detect;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a detector found, with the evidence an analyst needs to check it in Wireshark.
 *
 * @param attacker   address of the party doing it (for a reverse shell: the host the shell connects to)
 * @param victim     address of the party it is done to
 * @param firstFrame first evidence frame; {@code lastFrame} the last
 * @param streams    tcp.stream (or udp.stream) indices involved, ascending; when there are more than
 *                   {@link #MAX_LISTED_STREAMS}, the lowest of them and the highest
 * @param filter     a display filter valid in Wireshark and NTA that selects exactly the evidence frames
 * @param summary    one sentence for people
 * @param succeeded  true when the traffic shows it worked, false when it shows it failed, null when it cannot tell
 * @param techniques MITRE ATT&CK technique IDs
 * @param evidence   decoded evidence; keys per type are documented in docs/analyze.md (a JSON contract)
 * @param streamCount how many distinct streams are involved (at least as many as listed)
 */
public record Finding(FindingType type, Severity severity, Phase phase, String attacker, String victim, long firstFrame,
                      long lastFrame, long firstTimeNs, long lastTimeNs, List<Integer> streams, String filter,
                      String summary, Boolean succeeded, List<String> techniques, Map<String, Object> evidence,
                      int streamCount) {
    /** Streams listed at most; {@link #streamCount} says how many there are. */
    public static final int MAX_LISTED_STREAMS = 1000;

    /** A finding whose streams are all listed. */
    public Finding(FindingType type, Severity severity, Phase phase, String attacker, String victim, long firstFrame,
                   long lastFrame, long firstTimeNs, long lastTimeNs, List<Integer> streams, String filter,
                   String summary, Boolean succeeded, List<String> techniques, Map<String, Object> evidence) {
        this(type, severity, phase, attacker, victim, firstFrame, lastFrame, firstTimeNs, lastTimeNs, streams, filter,
                summary, succeeded, techniques, evidence, streams.size());
    }

    /** A finding over a set of streams, listed up to {@link #MAX_LISTED_STREAMS}. */
    public Finding(FindingType type, Severity severity, Phase phase, String attacker, String victim, long firstFrame,
                   long lastFrame, long firstTimeNs, long lastTimeNs, StreamSet streams, String filter,
                   String summary, Boolean succeeded, List<String> techniques, Map<String, Object> evidence) {
        this(type, severity, phase, attacker, victim, firstFrame, lastFrame, firstTimeNs, lastTimeNs,
                streams.sample(MAX_LISTED_STREAMS), filter, summary, succeeded, techniques, evidence, streams.size());
    }

    public Finding {
        Objects.requireNonNull(type);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(phase);
        Objects.requireNonNull(filter);
        Objects.requireNonNull(summary);
        streams = List.copyOf(streams);
        streamCount = Math.max(streamCount, streams.size());
        techniques = List.copyOf(techniques);
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }
}
