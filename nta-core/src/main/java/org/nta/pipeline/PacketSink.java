package org.nta.pipeline;

import org.nta.decode.Packet;
import org.nta.flow.Flow;

/** A consumer of the pipeline's output: one call per frame in file order, one per released flow, one at the end. */
public interface PacketSink {
    /**
     * @param flow  the packet's TCP or UDP flow, or null
     * @param fromA whether the packet was sent by the flow's A side
     */
    default void onPacket(Packet p, Flow flow, boolean fromA) {
    }

    default void onFlowEnd(Flow flow) {
    }

    /** An application event, delivered when a parser emits it (before the packet that completed it is passed on). */
    default void onEvent(org.nta.event.Event event) {
    }

    default void onFinish(CaptureSummary summary) {
    }
}
