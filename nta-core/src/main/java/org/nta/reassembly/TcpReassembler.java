package org.nta.reassembly;

import org.nta.bytes.Anomaly;
import org.nta.decode.Packet;
import org.nta.event.ConnInfo;

/**
 * Both directions of one TCP connection, feeding one {@link StreamHandler}. Without a handshake the roles are the
 * ports' guess until the content tells (see {@link RoleProbe}); the handler hears of a correction.
 */
final class TcpReassembler {
    private final TcpStreams streams;
    private final StreamHandler handler;
    private boolean clientIsA;
    private ConnInfo conn;
    /** Set while the content may still correct the guessed roles. */
    private RoleProbe probe;
    private final Direction a;
    private final Direction b;
    private boolean closed;

    TcpReassembler(TcpStreams streams, StreamHandler handler, ConnInfo conn, boolean clientIsA, RoleProbe probe) {
        this.streams = streams;
        this.handler = handler;
        this.conn = conn;
        this.clientIsA = clientIsA;
        this.probe = probe;
        this.a = new Direction(this, true, clientIsA);
        this.b = new Direction(this, false, !clientIsA);
    }

    ReassemblyConfig config() {
        return streams.config();
    }

    StreamHandler handler() {
        return handler;
    }

    void count(Anomaly an, long frame) {
        streams.count(an, frame);
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

    private Direction client() {
        return clientIsA ? a : b;
    }

    private Direction server() {
        return clientIsA ? b : a;
    }

    void packet(Packet p, boolean fromA, long frame, long timeNs) {
        if (closed) return;
        Direction d = fromA ? a : b;
        int flags = p.tcpFlags;
        long seq = p.tcpSeq;
        if ((flags & Packet.TCP_SYN) != 0) {
            if (!d.started || d.delivered == 0) d.start(seq + 1);
            seq = (seq + 1) & 0xffffffffL;
        } else if (!d.started) {
            d.start(seq);
        }
        if ((flags & Packet.TCP_ACK) != 0) (fromA ? b : a).acked(p.tcpAck, frame, timeNs);
        if (p.payloadLen > 0) d.segment(seq, p.payload, p.payloadOff, p.payloadLen, frame, timeNs);
        if (p.payloadWireLen > p.payloadLen) d.uncaptured(seq + p.payloadLen, p.payloadWireLen - p.payloadLen, frame, timeNs);
        if ((flags & Packet.TCP_RST) != 0) {
            client().flushWithGaps(frame, timeNs);
            server().flushWithGaps(frame, timeNs);
            handler.onFin(d.fromClient, true, frame, timeNs);
            close(frame, timeNs);
            return;
        }
        if ((flags & Packet.TCP_FIN) != 0) d.fin(seq + p.payloadWireLen, frame, timeNs);
        client().maybeDeliverFin(frame, timeNs);
        server().maybeDeliverFin(frame, timeNs);
        if (a.finDelivered && b.finDelivered) close(frame, timeNs);
    }

    /** Bytes {@code d} is about to deliver: while the roles are a guess, they may show which side is the client. */
    void observe(Direction d, byte[] bytes, int off, int len) {
        if (probe == null) return;
        int aIsClient = probe.look(d.isA, bytes, off, len);
        if (aIsClient == 0) {
            if (probe.exhausted()) probe = null;
            return;
        }
        probe = null;
        if ((aIsClient > 0) == clientIsA) return;
        clientIsA = !clientIsA;
        a.fromClient = clientIsA;
        b.fromClient = !clientIsA;
        conn = conn.swapped();
        handler.onRolesSwapped(conn);
    }

    /** {@code d} has a gap: for the probe, a new line starts after it. */
    void observeGap(Direction d) {
        if (probe != null) probe.gap(d.isA);
    }

    /** Ends the connection: gaps for what never came, pending FINs, then onClose. */
    void close(long frame, long timeNs) {
        if (closed) return;
        client().close(frame, timeNs);
        server().close(frame, timeNs);
        closed = true;
        handler.onClose(frame, timeNs);
    }
}
