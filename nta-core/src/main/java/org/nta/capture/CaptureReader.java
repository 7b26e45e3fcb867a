package org.nta.capture;

import java.io.Closeable;
import java.util.List;

import org.nta.bytes.AnomalyCounter;

/**
 * Reads frames from a pcap or pcapng stream. {@link #next(Frame)} never throws for bad input: it returns
 * false and {@link #problem()} says why reading stopped (null after a clean end of file).
 */
public interface CaptureReader extends Closeable {
    CaptureFormat format();

    /** Interfaces seen so far (pcapng files may add interfaces as they go). */
    List<InterfaceInfo> interfaces();

    /** Fills {@code f} with the next frame; false at the end of the capture or at a corrupt point. */
    boolean next(Frame f);

    /** Why reading stopped early, or null when the file was read to a clean end (or is still being read). */
    ReadProblem problem();

    /** Capture-level anomalies (records that were skipped or repaired). */
    AnomalyCounter anomalies();

    /** Bytes consumed from the decompressed stream so far. */
    long position();

    /** Snapshot length from the pcap file header; 0 when not set (always for pcapng, whose interfaces each have one). */
    long snaplen();

    /** Timestamp resolution of the file header or the first interface, as digits after the point (6 or 9). */
    int tsPrecisionDigits();

    @Override
    void close();
}
