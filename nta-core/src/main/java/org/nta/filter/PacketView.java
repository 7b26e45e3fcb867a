package org.nta.filter;

import java.util.List;

import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.event.Event;
import org.nta.flow.Flow;

/**
 * The {@link FrameView} of the engine's current packet. Call {@link #next} for every frame in file order (also
 * for frames a filter will reject: frame.time_delta and frame.time_relative depend on the frames before).
 */
public final class PacketView implements FrameView {
    private Packet packet;
    private Flow flow;
    private boolean fromA;
    private boolean started;
    private long startNs, previousNs, lastNs;
    private List<? extends Event> events = List.of();

    /** Moves to the next frame; its application events are empty until {@link #setEvents}. */
    public PacketView next(Packet p, Flow f, boolean fromA) {
        long t = p.frame.epochNanos();
        if (!started) {
            started = true;
            startNs = t;
            lastNs = t;
        }
        previousNs = lastNs;
        lastNs = t;
        this.packet = p;
        this.flow = f;
        this.fromA = fromA;
        this.events = List.of();
        return this;
    }

    /** The application events completed on the current frame. */
    public PacketView setEvents(List<? extends Event> events) {
        this.events = events;
        return this;
    }

    @Override
    public Frame frame() {
        return packet.frame;
    }

    @Override
    public Packet packet() {
        return packet;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    @Override
    public boolean fromA() {
        return fromA;
    }

    @Override
    public long captureStartNs() {
        return startNs;
    }

    @Override
    public long previousFrameNs() {
        return previousNs;
    }

    @Override
    public List<? extends Event> events() {
        return events;
    }
}
