package org.nta.reassembly;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Packet;
import org.nta.event.ConnInfo;
import org.nta.flow.Flow;

/**
 * TCP reassembly for all connections: one {@link TcpReassembler} per flow (kept in the flow's attachment while the
 * connection is open), a global cap on buffered out-of-order bytes, and the handler each connection gets from the
 * factory.
 */
public final class TcpStreams {
    private final ReassemblyConfig config;
    private final StreamHandlerFactory factory;
    private final AnomalyCounter anomalies;
    private long buffered;
    private long connections;

    public TcpStreams(ReassemblyConfig config, StreamHandlerFactory factory, AnomalyCounter anomalies) {
        this.config = config;
        this.factory = factory;
        this.anomalies = anomalies;
    }

    ReassemblyConfig config() {
        return config;
    }

    void count(Anomaly a, long frame) {
        anomalies.add(a, frame);
    }

    boolean reserve(int n) {
        if (buffered + n > config.memcap()) return false;
        buffered += n;
        return true;
    }

    void release(int n) {
        buffered -= n;
    }

    /** Out-of-order bytes buffered now, across all connections. */
    public long bufferedBytes() {
        return buffered;
    }

    public long connections() {
        return connections;
    }

    /** Feeds one TCP packet of {@code flow}; call after the flow table has counted it. */
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        if (p.l4HeaderTruncated || p.fragmentedL4) return;
        Object att = flow.attachment;
        TcpReassembler r;
        if (att instanceof TcpReassembler tr) {
            r = tr;
        } else if (att == null) {
            if (flow.tcpA == null || flow.frames() == 0) return;
            boolean clientIsA = clientIsA(p, flow, fromA);
            ConnInfo conn = conn(flow, clientIsA);
            StreamHandler h = factory.create(flow, conn);
            if (h == null) {
                flow.attachment = Boolean.FALSE; // nobody wants this connection's bytes
                return;
            }
            Opener opener = (p.tcpFlags & Packet.TCP_SYN) != 0 ? null : factory.opener();
            r = new TcpReassembler(this, h, conn, clientIsA, opener == null ? null : new RoleProbe(opener, config.roleProbeBytes()));
            flow.attachment = r;
            connections++;
        } else {
            return;
        }
        r.packet(p, fromA, p.frame.number, p.frame.epochNanos());
        if (r.closed()) flow.attachment = Boolean.FALSE;
    }

    /** The flow was released: flush and close its connection. */
    public void onFlowEnd(Flow flow) {
        if (flow.attachment instanceof TcpReassembler r) {
            r.close(flow.lastFrame, flow.endNs);
            flow.attachment = Boolean.FALSE;
        }
    }

    /**
     * The connection was picked up with its handshake: its first packet was a SYN or a SYN-ACK. Without it the
     * roles are a guess that the content may correct ({@link StreamHandler#onRolesSwapped}).
     */
    public static boolean handshakeSeen(Flow flow) {
        return flow.firstTcpFlags >= 0 && (flow.firstTcpFlags & Packet.TCP_SYN) != 0;
    }

    /**
     * The client opened the connection: the sender of a pure SYN, the receiver of a SYN-ACK; without a handshake,
     * the side on a high port talking to a well-known one; else the first sender (until the content tells, see
     * {@link StreamHandlerFactory#opener}).
     */
    static boolean clientIsA(Packet p, Flow flow, boolean fromA) {
        int syn = p.tcpFlags & (Packet.TCP_SYN | Packet.TCP_ACK);
        if (syn == Packet.TCP_SYN) return fromA;
        if (syn == (Packet.TCP_SYN | Packet.TCP_ACK)) return !fromA;
        int a = flow.aPort(), b = flow.bPort();
        if (b < 1024 && a >= 1024) return true;
        if (a < 1024 && b >= 1024) return false;
        return true;
    }

    public static ConnInfo conn(Flow flow, boolean clientIsA) {
        String ta = flow.isTcp() ? "tcp" : "udp";
        return clientIsA
                ? new ConnInfo(ta, flow.stream(), flow.ipVersion(), flow.aAddr(), flow.aPort(), flow.bAddr(), flow.bPort())
                : new ConnInfo(ta, flow.stream(), flow.ipVersion(), flow.bAddr(), flow.bPort(), flow.aAddr(), flow.aPort());
    }
}
