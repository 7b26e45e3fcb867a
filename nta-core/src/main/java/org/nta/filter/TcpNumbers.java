package org.nta.filter;

import org.nta.decode.Packet;
import org.nta.flow.Flow;
import org.nta.flow.TcpSide;

/** Wireshark's relative TCP sequence and acknowledgment numbers (its default "relative sequence numbers"). */
public final class TcpNumbers {
    private static final long U32 = 0xffffffffL;

    private TcpNumbers() {}

    /** tcp.seq: the sequence number minus the base of its direction (the raw number when no base is known). */
    public static long relativeSeq(FrameView v) {
        Packet p = v.packet();
        TcpSide me = side(v, true);
        return me == null || me.baseSeq() < 0 ? p.tcpSeq : (p.tcpSeq - me.baseSeq()) & U32;
    }

    /**
     * tcp.window_size: the window field scaled by the sender's window scale factor (as Wireshark calculates it; a
     * SYN's window is never scaled, and without the handshake the factor is unknown and the field is taken as is).
     */
    public static long window(FrameView v) {
        Packet p = v.packet();
        if ((p.tcpFlags & Packet.TCP_SYN) != 0) return p.tcpWindow;
        TcpSide me = side(v, true), peer = side(v, false);
        long f = me == null || peer == null ? -1 : TcpSide.scaling(me, peer);
        return f > 0 ? p.tcpWindow * f : p.tcpWindow;
    }

    /** tcp.ack: the acknowledgment number minus the base of the other direction when ACK is set, else raw. */
    public static long relativeAck(FrameView v) {
        Packet p = v.packet();
        if ((p.tcpFlags & Packet.TCP_ACK) == 0) return p.tcpAck;
        TcpSide peer = side(v, false);
        return peer == null || peer.baseSeq() < 0 ? p.tcpAck : (p.tcpAck - peer.baseSeq()) & U32;
    }

    private static TcpSide side(FrameView v, boolean sender) {
        Flow f = v.flow();
        if (f == null || !f.isTcp()) return null;
        return v.fromA() == sender ? f.tcpA : f.tcpB;
    }
}
