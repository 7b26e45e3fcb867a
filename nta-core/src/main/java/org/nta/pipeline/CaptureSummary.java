package org.nta.pipeline;

import java.util.List;
import java.util.Map;

import org.nta.bytes.Anomaly;
import org.nta.capture.CapturePart;
import org.nta.capture.InterfaceInfo;
import org.nta.capture.ReadProblem;

/**
 * What {@code nta info} reports about one capture (the figures of Wireshark's Capture File Properties).
 *
 * @param firstNs earliest and {@code lastNs} latest packet time, ns since the epoch (0 when no packets)
 * @param bytes   data size as capinfos reports it: the sum of the frames' original (on the wire) lengths
 * @param capturedBytes the sum of the captured lengths (smaller when frames were cut to the snapshot length)
 * @param malformed malformed frames by anomaly kind, and every stream-level anomaly (limits reached included)
 * @param undecodedLinkTypes frames per link type NTA does not decode
 * @param parts   the files, when the capture was read from several one after another (frames numbered through
 *                them); empty for one file
 */
public record CaptureSummary(String file, String format, String compression, long fileSize, List<Integer> linkTypes,
                             long snaplen, int tsPrecisionDigits, List<InterfaceInfo> interfaces, long packets,
                             long bytes, long capturedBytes, long firstNs, long lastNs, boolean strictTimeOrder,
                             String sha256, Map<String, Long> malformed, Map<Integer, Long> undecodedLinkTypes,
                             long tcpStreams, long udpStreams, ReadProblem problem, List<CapturePart> parts) {
    public CaptureSummary {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** The file holding a frame of a capture read from several files, or null (one file, or no such frame). */
    public String fileOf(long frame) {
        for (CapturePart p : parts) if (p.local(frame) > 0) return p.file();
        return null;
    }


    /** {@code lastNs - firstNs} in seconds. */
    public double durationSeconds() {
        if (packets == 0) return 0;
        long d = lastNs - firstNs;
        return (double) (d / 1_000_000_000L) + (double) (d % 1_000_000_000L) / 1e9;
    }

    /**
     * The duration capinfos divides by for its rates: each time converted to seconds as a double, then subtracted
     * (less precise than {@link #durationSeconds()} by up to a microsecond, but it makes the rates agree to the digit).
     */
    public double rateSeconds() {
        return packets == 0 ? 0 : seconds(lastNs) - seconds(firstNs);
    }

    /** Wireshark's nstime_to_sec: seconds and nanoseconds converted separately. */
    private static double seconds(long epochNs) {
        return (double) Math.floorDiv(epochNs, 1_000_000_000L) + (double) Math.floorMod(epochNs, 1_000_000_000L) / 1e9;
    }

    /** The {@link #malformed()} counts of the kinds that are a configured limit reached ({@link Anomaly#isLimit()}). */
    public Map<String, Long> limitsReached() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        malformed.forEach((id, n) -> {
            Anomaly a = Anomaly.byId(id);
            if (a != null && a.isLimit()) m.put(id, n);
        });
        return m;
    }

    /** "ok", or "partial" when reading stopped at a corrupt or cut-off point. */
    public String status() {
        return problem == null ? "ok" : "partial";
    }
}
