package org.nta.filter;

import java.util.List;

import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.event.Event;
import org.nta.flow.Flow;

/**
 * What a display filter sees of one frame: the frame, its decoded layers, its flow, and the application events
 * completed on it. Field extractors read only this, so new fields (application protocols) plug in without
 * changing the evaluator. Valid only during one evaluation: the objects behind it are reused for the next frame.
 */
public interface FrameView {
    Frame frame();

    Packet packet();

    /** The frame's TCP or UDP flow (its stream index is Wireshark's tcp.stream / udp.stream), or null. */
    Flow flow();

    /** Whether the frame was sent by the flow's A side (meaningless when {@link #flow()} is null). */
    boolean fromA();

    /** Capture time of frame 1, ns since the epoch: frame.time_relative is measured from it. */
    long captureStartNs();

    /** Capture time of the previous frame in file order (of this frame itself for frame 1): frame.time_delta. */
    long previousFrameNs();

    /** Application events completed on this frame (HTTP request, DNS answer, ...), in the order they were made. */
    List<? extends Event> events();
}
