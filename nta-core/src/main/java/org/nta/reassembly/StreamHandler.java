package org.nta.reassembly;

import org.nta.event.ConnInfo;

/**
 * Receives one TCP connection's bytes as two ordered streams (client to server, server to client), the way an
 * application parser wants them: retransmissions removed, out-of-order segments put back in order, missing bytes
 * signalled as gaps. Calls come in capture order; data passed in is only valid during the call.
 */
public interface StreamHandler {
    /**
     * In-order bytes of one direction.
     *
     * @param fromClient sent by the client (see {@link org.nta.event.ConnInfo})
     * @param frame      the frame whose arrival delivered these bytes (the one Wireshark shows a PDU on when it
     *                   completes here)
     * @param timeNs     that frame's capture time
     */
    void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs);

    /** {@code len} bytes of this direction were never captured; the next {@link #onData} starts after them. */
    void onGap(boolean fromClient, long len, long frame, long timeNs);

    /** This direction ended with a FIN, or the connection with a RST ({@code reset}). */
    default void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
    }

    /**
     * The connection was picked up without its handshake and its content showed that the side taken for the client
     * is the server: from now on {@code fromClient} follows {@code conn}, and the bytes delivered before came from
     * the side opposite to the one they were labelled with.
     */
    default void onRolesSwapped(ConnInfo conn) {
    }

    /** The connection is over and everything captured has been delivered: flush what is pending. */
    void onClose(long frame, long timeNs);
}
