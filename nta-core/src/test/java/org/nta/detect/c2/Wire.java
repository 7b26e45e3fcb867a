package org.nta.detect.c2;

import static org.nta.testing.Packets.eth;
import static org.nta.testing.Packets.ipv4;
import static org.nta.testing.Packets.ipv6;
import static org.nta.testing.Packets.tcp;
import static org.nta.testing.Packets.udp;

import java.util.List;

import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.flow.Flow;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;

/** Packets at chosen capture times through a real decoder and flow table into one detector (flows only). */
final class Wire {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;
    final Detector detector;
    final FlowTable flows;
    final PacketDecoder decoder = new PacketDecoder();
    long frame;

    Wire(Detector detector) {
        this.detector = detector;
        this.flows = new FlowTable(FlowConfig.DEFAULTS, detector::onFlowEnd, new AnomalyCounter());
    }

    long send(long timeNs, byte[] data) {
        Frame f = new Frame();
        f.number = ++frame;
        f.tsSec = timeNs / 1_000_000_000L;
        f.tsNanos = (int) (timeNs % 1_000_000_000L);
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        decoder.decode(f, p);
        Flow flow = flows.track(p);
        if (detector.readsPackets()) detector.onPacket(p, flow, flows.fromA);
        return f.number;
    }

    private byte[] ip(String src, String dst, int proto, byte[] l4) {
        return src.indexOf(':') >= 0 ? eth(0x86dd, ipv6(src, dst, proto, l4)) : eth(0x0800, ipv4(src, dst, proto, l4));
    }

    /** A whole TCP connection starting at {@code t}: handshake, request, answer, close; returns the SYN's frame. */
    long tcpConn(long t, String c, int cp, String s, int sp, int out, int in) {
        long ms = 1_000_000;
        long syn = send(t, ip(c, s, 6, tcp(cp, sp, 1000, 0, SYN, new byte[0])));
        send(t + ms, ip(s, c, 6, tcp(sp, cp, 5000, 1001, SYN | ACK, new byte[0])));
        send(t + 2 * ms, ip(c, s, 6, tcp(cp, sp, 1001, 5001, ACK, new byte[0])));
        if (out > 0) send(t + 3 * ms, ip(c, s, 6, tcp(cp, sp, 1001, 5001, PSH | ACK, new byte[out])));
        if (in > 0) send(t + 4 * ms, ip(s, c, 6, tcp(sp, cp, 5001, 1001 + out, PSH | ACK, new byte[in])));
        send(t + 5 * ms, ip(c, s, 6, tcp(cp, sp, 1001 + out, 5001 + in, FIN | ACK, new byte[0])));
        send(t + 6 * ms, ip(s, c, 6, tcp(sp, cp, 5001 + in, 1002 + out, FIN | ACK, new byte[0])));
        send(t + 7 * ms, ip(c, s, 6, tcp(cp, sp, 1002 + out, 5002 + in, ACK, new byte[0])));
        return syn;
    }

    /** A SYN nobody answers. */
    /**
     * One TCP connection kept open: the handshake at {@code t[0]}, then at each time a request of {@code out} bytes
     * answered by {@code in} bytes (and its ACK), never closed. Returns the frames of the requests.
     */
    long[] tcpSession(long[] t, String c, int cp, String s, int sp, int out, int in) {
        long ms = 1_000_000L, cs = 1001, ss = 5001;
        send(t[0] - 3 * ms, ip(c, s, 6, tcp(cp, sp, 1000, 0, SYN, new byte[0])));
        send(t[0] - 2 * ms, ip(s, c, 6, tcp(sp, cp, 5000, 1001, SYN | ACK, new byte[0])));
        send(t[0] - ms, ip(c, s, 6, tcp(cp, sp, 1001, 5001, ACK, new byte[0])));
        long[] frames = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            frames[i] = send(t[i], ip(c, s, 6, tcp(cp, sp, cs, ss, PSH | ACK, new byte[out])));
            cs += out;
            send(t[i] + 20 * ms, ip(s, c, 6, tcp(sp, cp, ss, cs, PSH | ACK, new byte[in])));
            ss += in;
            send(t[i] + 21 * ms, ip(c, s, 6, tcp(cp, sp, cs, ss, ACK, new byte[0])));
        }
        return frames;
    }

    long synOnly(long t, String c, int cp, String s, int sp) {
        return send(t, ip(c, s, 6, tcp(cp, sp, 1000, 0, SYN, new byte[0])));
    }

    /** A UDP question and its answer. */
    long udpPair(long t, String c, int cp, String s, int sp, byte[] q, byte[] a) {
        long f = send(t, ip(c, s, 17, udp(cp, sp, q)));
        if (a != null) send(t + 1_000_000, ip(s, c, 17, udp(sp, cp, a)));
        return f;
    }

    List<Finding> finish() {
        flows.finish();
        return detector.finish();
    }
}
