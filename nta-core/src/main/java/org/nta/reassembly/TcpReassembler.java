package org.nta.reassembly;

import org.nta.bytes.Anomaly;
import org.nta.decode.Packet;

/** Both directions of one TCP connection, feeding one {@link StreamHandler}. */
final class TcpReassembler {
    private final TcpStreams streams;
    private final StreamHandler handler;
    final boolean clientIsA;
    private final Direction client = new Direction(this, true);
    private final Direction server = new Direction(this, false);
    private boolean closed;

    TcpReassembler(TcpStreams streams, StreamHandler handler, boolean clientIsA) {
        this.streams = streams;
        this.handler = handler;
        this.clientIsA = clientIsA;
    }

    ReassemblyConfig config() {
        return streams.config();
    }

    StreamHandler handler() {
        return handler;
    }

    void count(Anomaly a, long frame) {
        streams.count(a, frame);
    }

    boolean reserve(int n) {
        return streams.reserve(n);
    }

    void release(int n) {
        streams.release(n);
    }

    boolean closed() {
        return closed;
    }

    void packet(Packet p, boolean fromA, long frame, long timeNs) {
        if (closed) return;
        boolean fromClient = fromA == clientIsA;
        Direction d = fromClient ? client : server;
        int flags = p.tcpFlags;
        long seq = p.tcpSeq;
        if ((flags & Packet.TCP_SYN) != 0) {
            if (!d.started || d.delivered == 0) d.start(seq + 1);
            seq = (seq + 1) & 0xffffffffL;
        } else if (!d.started) {
            d.start(seq);
        }
        if ((flags & Packet.TCP_ACK) != 0) (fromClient ? server : client).acked(p.tcpAck, frame, timeNs);
        if (p.payloadLen > 0) d.segment(seq, p.payload, p.payloadOff, p.payloadLen, frame, timeNs);
        if (p.payloadWireLen > p.payloadLen) d.uncaptured(seq + p.payloadLen, p.payloadWireLen - p.payloadLen, frame, timeNs);
        if ((flags & Packet.TCP_RST) != 0) {
            client.flushWithGaps(frame, timeNs);
            server.flushWithGaps(frame, timeNs);
            handler.onFin(fromClient, true, frame, timeNs);
            close(frame, timeNs);
            return;
        }
        if ((flags & Packet.TCP_FIN) != 0) d.fin(seq + p.payloadWireLen, frame, timeNs);
        client.maybeDeliverFin(frame, timeNs);
        server.maybeDeliverFin(frame, timeNs);
        if (client.finDelivered && server.finDelivered) close(frame, timeNs);
    }

    /** Ends the connection: gaps for what never came, pending FINs, then onClose. */
    void close(long frame, long timeNs) {
        if (closed) return;
        client.close(frame, timeNs);
        server.close(frame, timeNs);
        closed = true;
        handler.onClose(frame, timeNs);
    }
}
