package org.nta.pipeline;

import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Packet;
import org.nta.event.EventSink;
import org.nta.flow.Flow;
import org.nta.reassembly.StreamHandlerFactory;

/**
 * What runs above the flow table for one analysis: handlers for TCP byte streams (after reassembly) and for UDP
 * datagrams. The engine calls {@link #start} once, before reading, with the sink that receives events.
 */
public interface AppLayer {
    /** Returns the factory of TCP stream handlers, or null when no TCP stream is wanted (no reassembly then). */
    StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies);

    /** A UDP datagram of {@code flow}. */
    default void onDatagram(Packet p, Flow flow, boolean fromA) {
    }

    /** The capture ended; every flow has been closed. */
    default void finish() {
    }
}
