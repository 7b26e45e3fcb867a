package org.nta.detect.web;

import java.util.TreeSet;

import org.nta.detect.Filters;
import org.nta.detect.StreamSet;

/**
 * The frames and connections behind one finding, bounded, and the display filter that shows them: the frames one
 * by one when there are few, else the connections ({@code tcp.stream in {…}}) between the two hosts within the
 * frame range, else the two hosts within the frame range. The filter always selects the first and last frame.
 */
public final class EvidenceFrames {
    private final int maxFrames, maxStreams;
    private final TreeSet<Long> frames = new TreeSet<>();
    private final StreamSet streams = new StreamSet();
    private boolean framesOverflow;
    private long minFrame = Long.MAX_VALUE, maxFrame = Long.MIN_VALUE;
    private String transport = "tcp";

    public EvidenceFrames(int maxFrames, int maxStreams) {
        this.maxFrames = maxFrames;
        this.maxStreams = maxStreams;
    }

    /** Adds an evidence frame (0 or less is ignored: no such frame) of connection {@code stream}. */
    public void add(long frame, String transport, int stream) {
        if (frame <= 0) return;
        this.transport = transport;
        minFrame = Math.min(minFrame, frame);
        maxFrame = Math.max(maxFrame, frame);
        if (!framesOverflow) {
            frames.add(frame);
            if (frames.size() > maxFrames) framesOverflow = true;
        }
        streams.add(stream);
    }

    public void addAll(EvidenceFrames o) {
        for (long f : o.frames) add(f, o.transport, -1);
        streams.addAll(o.streams);
        framesOverflow |= o.framesOverflow;
        if (o.minFrame != Long.MAX_VALUE) {
            minFrame = Math.min(minFrame, o.minFrame);
            maxFrame = Math.max(maxFrame, o.maxFrame);
        }
    }

    public boolean isEmpty() {
        return minFrame == Long.MAX_VALUE;
    }

    /** Every connection involved. */
    public StreamSet streams() {
        return streams;
    }

    public int streamCount() {
        return streams.size();
    }

    /** Few enough connections to name them all in the filter. */
    public boolean streamsComplete() {
        return streams.size() <= maxStreams;
    }

    /** A filter for Wireshark and NTA selecting the evidence of {@code a} and {@code b} (either may be null). */
    public String filter(String a, String b) {
        if (isEmpty()) return "frame.number == 0";
        if (!framesOverflow) return Filters.frameSet(frames);
        String range = Filters.frames(minFrame, maxFrame);
        String hosts = a != null && b != null ? Filters.between(a, b) : a != null ? Filters.host(a) : b != null ? Filters.host(b) : null;
        if (streamsComplete() && !streams.isEmpty()) return Filters.and(hosts, Filters.streams(transport, streams.all()), range);
        return Filters.and(hosts, range);
    }
}
