package org.nta.detect;

import java.util.List;

import org.nta.decode.Packet;
import org.nta.event.Event;
import org.nta.flow.Flow;

/**
 * One class of detection. Detectors see every packet (after its flow was updated), every released flow and every
 * application event, in capture order; they keep bounded state and report findings when the capture ends.
 * Thresholds live in {@link DetectionConfig}; detectors never use the wall clock.
 */
public interface Detector {
    /**
     * Whether this detector reads packets ({@link #onPacket}). Those that do not may run on a thread of their own
     * (see {@link DetectionSink}): then the flows and events they are given must only be read, never kept for
     * changes.
     */
    default boolean readsPackets() {
        return false;
    }

    default void onPacket(Packet p, Flow flow, boolean fromA) {
    }

    default void onFlowEnd(Flow flow) {
    }

    default void onEvent(Event e) {
    }

    /**
     * The event types {@link #onEvent} reads (an event is given when it is an instance of one of them), so the
     * others need not be handed to it; {@code null}, the default, means every event. Releasing flows and events to
     * only the detectors that read them keeps the cost of a detector for another protocol near nothing.
     */
    default List<Class<? extends Event>> eventTypes() {
        return null;
    }

    /** Findings, once the capture has been read. */
    List<Finding> finish();
}
