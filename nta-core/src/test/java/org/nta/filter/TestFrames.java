package org.nta.filter;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;
import org.nta.capture.LinkTypes;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.event.Event;
import org.nta.flow.Flow;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;

/**
 * Builds Ethernet frames byte by byte and runs them through the real decoder and flow table, giving the
 * {@link FrameView} a filter sees. Frames are numbered from 1 in the order they are fed.
 */
final class TestFrames {
    static final long MAC_A = 0x0800275e0105L, MAC_B = 0x0800275e0209L, BROADCAST = 0xffffffffffffL;

    private final PacketDecoder decoder = new PacketDecoder();
    private final FlowTable flows = new FlowTable(FlowConfig.DEFAULTS, f -> { }, new AnomalyCounter());
    private final PacketView view = new PacketView();
    private long number;

    /** Decodes the frame (captured at {@code timeNs}) and returns the view of it. */
    FrameView feed(byte[] bytes, long timeNs) {
        return feed(bytes, timeNs, List.of());
    }

    FrameView feed(byte[] bytes, long timeNs, List<? extends Event> events) {
        Frame f = new Frame();
        f.number = ++number;
        f.tsSec = Math.floorDiv(timeNs, 1_000_000_000L);
        f.tsNanos = (int) Math.floorMod(timeNs, 1_000_000_000L);
        f.data = bytes;
        f.offset = 0;
        f.capLen = bytes.length;
        f.origLen = bytes.length;
        f.linkType = LinkTypes.ETHERNET;
        Packet p = new Packet();
        decoder.decode(f, p);
        Flow flow = flows.track(p);
        return view.next(p, flow, flow != null && flows.fromA).setEvents(events);
    }

    // ---- builders ----------------------------------------------------------------------------------------------

    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >>> 8).u8(v & 0xff);
        }

        Bytes u32(long v) {
            return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
        }

        Bytes mac(long m) {
            for (int i = 5; i >= 0; i--) u8((int) (m >>> (8 * i)) & 0xff);
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] get() {
            return out.toByteArray();
        }

        int size() {
            return out.size();
        }
    }

    static int ip4(String dotted) {
        String[] p = dotted.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] payload) {
        return new Bytes().u16(sport).u16(dport).u32(seq).u32(ack).u16((5 << 12) | flags).u16(window).u16(0).u16(0)
                .raw(payload).get();
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return new Bytes().u16(sport).u16(dport).u16(8 + payload.length).u16(0).raw(payload).get();
    }

    /** An IPv4 header (no options) and its payload. {@code flags} are the 3 flag bits (2 = DF). */
    static byte[] ipv4(String src, String dst, int proto, int ttl, int id, int flags, byte[] payload) {
        return new Bytes().u8(0x45).u8(0).u16(20 + payload.length).u16(id).u16(flags << 13).u8(ttl).u8(proto).u16(0)
                .u32(ip4(src) & 0xffffffffL).u32(ip4(dst) & 0xffffffffL).raw(payload).get();
    }

    static byte[] ipv6(long[] src, long[] dst, int next, int hlim, byte[] payload) {
        return new Bytes().u32(0x60000000L).u16(payload.length).u8(next).u8(hlim)
                .u32(src[0] >>> 32).u32(src[0] & 0xffffffffL).u32(src[1] >>> 32).u32(src[1] & 0xffffffffL)
                .u32(dst[0] >>> 32).u32(dst[0] & 0xffffffffL).u32(dst[1] >>> 32).u32(dst[1] & 0xffffffffL).raw(payload).get();
    }

    static byte[] eth(long src, long dst, int type, byte[] payload) {
        return new Bytes().mac(dst).mac(src).u16(type).raw(payload).get();
    }

    /** Ethernet with one 802.1Q tag. */
    static byte[] ethVlan(long src, long dst, int vlan, int type, byte[] payload) {
        return new Bytes().mac(dst).mac(src).u16(0x8100).u16(vlan).u16(type).raw(payload).get();
    }

    /** A complete Ethernet/IPv4/TCP frame from A (10.0.0.1) to B (10.0.0.2). */
    static byte[] tcpFrame(String src, String dst, int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return eth(MAC_A, MAC_B, 0x0800, ipv4(src, dst, 6, 64, 1, 2, tcp(sport, dport, seq, ack, flags, 64240, payload)));
    }

    static byte[] udpFrame(String src, String dst, int sport, int dport, byte[] payload) {
        return eth(MAC_A, MAC_B, 0x0800, ipv4(src, dst, 17, 64, 2, 0, udp(sport, dport, payload)));
    }
}
