package org.nta.event;

import java.util.List;

/**
 * The opening of a TCP connection whose protocol no parser recognised (a raw shell, a custom protocol), kept for
 * detectors: its first chunks of bytes in arrival order with the frames that delivered them, bounded.
 *
 * @param chunks      the kept chunks, in capture order
 * @param bytesClient bytes the client sent in all (kept or not), {@code bytesServer} the server
 * @param truncated   more was sent than was kept
 */
public record TcpSession(ConnInfo conn, long firstFrame, long frame, long timeNs, List<Chunk> chunks, long bytesClient,
                         long bytesServer, boolean truncated) implements Event {
    /** Bytes from one side delivered by one frame. */
    public record Chunk(boolean fromClient, long frame, long timeNs, byte[] data) {
    }

    public TcpSession {
        chunks = List.copyOf(chunks);
    }
}
