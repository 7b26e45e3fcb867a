package org.nta.testing;

import java.util.ArrayList;
import java.util.List;

/** Writes pcap and pcapng files in memory for reader tests. */
public final class CaptureFiles {
    private CaptureFiles() {}

    /** A packet to write: time in ns since the epoch, interface, bytes, original length. */
    public record Rec(long timeNs, int iface, byte[] data, int origLen) {
        public Rec(long timeNs, byte[] data) {
            this(timeNs, 0, data, data.length);
        }
    }

    public static byte[] pcap(boolean bigEndian, boolean nanos, int linkType, List<Rec> recs) {
        Bytes2 b = new Bytes2();
        long magic = nanos ? 0xa1b23c4dL : 0xa1b2c3d4L;
        if (bigEndian) b.u32(magic).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(linkType);
        else b.u32le(magic).u16le(2).u16le(4).u32le(0).u32le(0).u32le(262144).u32le(linkType);
        for (Rec r : recs) {
            long sec = r.timeNs() / 1_000_000_000L;
            long frac = nanos ? r.timeNs() % 1_000_000_000L : (r.timeNs() % 1_000_000_000L) / 1000;
            if (bigEndian) b.u32(sec).u32(frac).u32(r.data().length).u32(r.origLen());
            else b.u32le(sec).u32le(frac).u32le(r.data().length).u32le(r.origLen());
            b.bytes(r.data());
        }
        return b.build();
    }

    /** A pcapng section: interfaces (link type, tsresol byte or -1 for the default, tsoffset seconds) and packets. */
    public static final class Section {
        final boolean bigEndian;
        final Bytes2 blocks = new Bytes2();
        final List<int[]> ifaces = new ArrayList<>();

        public Section(boolean bigEndian) {
            this.bigEndian = bigEndian;
            block(0x0A0D0D0A, shbBody());
        }

        private byte[] shbBody() {
            Bytes2 b = new Bytes2();
            if (bigEndian) b.u32(0x1A2B3C4D).u16(1).u16(0).u32(0xffffffffL).u32(0xffffffffL);
            else b.u32le(0x1A2B3C4D).u16le(1).u16le(0).u32le(0xffffffffL).u32le(0xffffffffL);
            return b.build();
        }

        private Bytes2 n() {
            return new Bytes2();
        }

        private Bytes2 u16(Bytes2 b, int v) {
            return bigEndian ? b.u16(v) : b.u16le(v);
        }

        private Bytes2 u32(Bytes2 b, long v) {
            return bigEndian ? b.u32(v) : b.u32le(v);
        }

        public Section block(int type, byte[] body) {
            int len = 12 + ((body.length + 3) & ~3);
            u32(blocks, type);
            u32(blocks, len);
            blocks.bytes(body).pad4();
            u32(blocks, len);
            return this;
        }

        public Section iface(int linkType, int tsresol, long tsoffset, String name) {
            return iface(linkType, tsresol, tsoffset, name, 0);
        }

        /** An interface with a snapshot length (0 = unlimited). */
        public Section iface(int linkType, int tsresol, long tsoffset, String name, long snaplen) {
            Bytes2 b = n();
            u16(b, linkType);
            u16(b, 0);
            u32(b, snaplen);
            if (name != null) {
                u16(b, 2);
                u16(b, name.length());
                b.ascii(name).pad4();
            }
            if (tsresol >= 0) {
                u16(b, 9);
                u16(b, 1);
                b.u8(tsresol).pad4();
            }
            if (tsoffset != 0) {
                u16(b, 14);
                u16(b, 8);
                if (bigEndian) b.u32(tsoffset >>> 32).u32(tsoffset);
                else b.u64le(tsoffset);
            }
            u16(b, 0);
            u16(b, 0);
            ifaces.add(new int[] {linkType});
            return block(1, b.build());
        }

        /** Enhanced packet block with a raw timestamp in the interface's units. */
        public Section epb(int iface, long ticks, byte[] data, int origLen) {
            Bytes2 b = n();
            u32(b, iface);
            u32(b, ticks >>> 32);
            u32(b, ticks & 0xffffffffL);
            u32(b, data.length);
            u32(b, origLen);
            b.bytes(data).pad4();
            return block(6, b.build());
        }

        public Section spb(byte[] data) {
            Bytes2 b = n();
            u32(b, data.length);
            b.bytes(data).pad4();
            return block(3, b.build());
        }

        public Section opb(int iface, long ticks, byte[] data) {
            Bytes2 b = n();
            u16(b, iface);
            u16(b, 0);
            u32(b, ticks >>> 32);
            u32(b, ticks & 0xffffffffL);
            u32(b, data.length);
            u32(b, data.length);
            b.bytes(data).pad4();
            return block(2, b.build());
        }

        public byte[] build() {
            return blocks.build();
        }
    }
}
