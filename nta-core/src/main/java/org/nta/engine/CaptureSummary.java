package org.nta.engine;

import java.util.List;
import java.util.Map;

import org.nta.capture.InterfaceInfo;
import org.nta.capture.ReadProblem;

/**
 * What {@code nta info} reports about one capture (the figures of Wireshark's Capture File Properties).
 *
 * @param firstNs earliest and {@code lastNs} latest packet time, ns since the epoch (0 when no packets)
 * @param bytes   captured bytes (sum of captured lengths)
 * @param malformed malformed frames by anomaly kind
 * @param undecodedLinkTypes frames per link type NTA does not decode
 */
public record CaptureSummary(String file, String format, String compression, long fileSize, List<Integer> linkTypes,
                             long snaplen, int tsPrecisionDigits, List<InterfaceInfo> interfaces, long packets,
                             long bytes, long wireBytes, long firstNs, long lastNs, boolean strictTimeOrder,
                             String sha256, Map<String, Long> malformed, Map<Integer, Long> undecodedLinkTypes,
                             long tcpStreams, long udpStreams, ReadProblem problem) {

    public double durationSeconds() {
        return packets == 0 ? 0 : (lastNs - firstNs) / 1e9;
    }

    /** "ok", or "partial" when reading stopped at a corrupt or cut-off point. */
    public String status() {
        return problem == null ? "ok" : "partial";
    }
}
