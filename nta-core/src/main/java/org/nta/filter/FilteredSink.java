package org.nta.filter;

import org.nta.decode.Packet;
import org.nta.pipeline.CaptureSummary;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/**
 * Passes to {@code target} only the frames a display filter selects (as {@code -Y} does in tshark), the application
 * events those frames completed, and the ends of flows that had a selected frame; the end of the capture always
 * passes. Every frame still goes through the view, so time fields stay right.
 */
public final class FilteredSink implements PacketSink {
    private final DisplayFilter filter;
    private final PacketSink target;
    private final PacketView view = new PacketView();
    private final java.util.BitSet matchedFrames = new java.util.BitSet();
    /** Events emitted since the last frame (parsers emit before the frame that completed them is passed on). */
    private final java.util.List<org.nta.event.Event> pending = new java.util.ArrayList<>();
    private final java.util.List<org.nta.event.Event> current = new java.util.ArrayList<>();
    private long matched;
    /** Flows with at least one selected frame: only their ends are passed on. */
    private final java.util.Set<Flow> selectedFlows = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public FilteredSink(DisplayFilter filter, PacketSink target) {
        this.filter = filter;
        this.target = target;
    }

    @Override
    public void onEvent(org.nta.event.Event e) {
        pending.add(e);
    }

    /**
     * Evaluates the filter on the frame with the events completed on it; passes on the frame and those events when
     * it matches. Events of earlier frames (emitted late, when a connection closes) pass when their frame matched.
     */
    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        long n = p.frame.number;
        current.clear();
        for (org.nta.event.Event e : pending) if (e.frame() == n) current.add(e);
        boolean match = filter.matches(view.next(p, flow, fromA).setEvents(current));
        if (match && n <= Integer.MAX_VALUE) matchedFrames.set((int) n);
        for (org.nta.event.Event e : pending) {
            long f = e.frame();
            if (f == n ? match : f <= Integer.MAX_VALUE && matchedFrames.get((int) f)) target.onEvent(e);
        }
        pending.clear();
        if (match) {
            matched++;
            if (flow != null) selectedFlows.add(flow);
            target.onPacket(p, flow, fromA);
        }
    }

    /** Whether the filter selected frame {@code n}. */
    public boolean matched(long n) {
        return n <= Integer.MAX_VALUE && matchedFrames.get((int) n);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        for (org.nta.event.Event e : pending) {
            long f = e.frame();
            if (f <= Integer.MAX_VALUE && matchedFrames.get((int) f)) target.onEvent(e);
        }
        pending.clear();
        if (selectedFlows.remove(flow)) target.onFlowEnd(flow);
    }

    @Override
    public void onFinish(CaptureSummary summary) {
        for (org.nta.event.Event e : pending) {
            long f = e.frame();
            if (f <= Integer.MAX_VALUE && matchedFrames.get((int) f)) target.onEvent(e);
        }
        pending.clear();
        target.onFinish(summary);
    }

    /** Frames the filter selected so far. */
    public long matched() {
        return matched;
    }

    /** The view of the current frame, for a target that reads fields of it. */
    public PacketView view() {
        return view;
    }
}
