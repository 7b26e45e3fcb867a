package org.nta.filter;

import org.nta.decode.Packet;
import org.nta.engine.CaptureSummary;
import org.nta.engine.PacketSink;
import org.nta.flow.Flow;

/**
 * Passes to {@code target} only the frames a display filter selects (as {@code -Y} does in tshark); flow ends and
 * the end of the capture always pass. Every frame still goes through the view, so time fields stay right.
 */
public final class FilteredSink implements PacketSink {
    private final DisplayFilter filter;
    private final PacketSink target;
    private final PacketView view = new PacketView();
    private long matched;

    public FilteredSink(DisplayFilter filter, PacketSink target) {
        this.filter = filter;
        this.target = target;
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        if (filter.matches(view.next(p, flow, fromA))) {
            matched++;
            target.onPacket(p, flow, fromA);
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        target.onFlowEnd(flow);
    }

    @Override
    public void onFinish(CaptureSummary summary) {
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
