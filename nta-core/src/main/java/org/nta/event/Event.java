package org.nta.event;

/**
 * Something a protocol parser or the flow layer observed, for detectors and reports to consume. Events are
 * immutable records carrying the frame that completed them (as Wireshark shows it) and its capture time.
 */
public interface Event {
    /** Frame number (1-based) that completed the observation. */
    long frame();

    /** Capture time of that frame, ns since the epoch. */
    long timeNs();
}
