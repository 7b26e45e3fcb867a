package org.nta.decode;

import org.nta.bytes.Anomaly;
import org.nta.bytes.Bytes;

/**
 * IEEE 802.11 data frames down to their LLC/SNAP payload (encrypted frames are not decoded), and the radio
 * headers in front of them: radiotap (with its FCS flag), Prism and AVS.
 */
final class Ieee80211 {
    private Ieee80211() {}

    static void radiotap(Packet p, PacketDecoder link, byte[] b, int off, int end) {
        if (end - off < 8) {
            link.mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        int len = Bytes.u16le(b, off + 2);
        if (len < 8 || off + len > end) {
            link.mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        boolean fcs = false;
        long present = Bytes.u32lle(b, off + 4);
        int q = off + 8;
        long word = present;
        while ((word & 0x80000000L) != 0 && q + 4 <= off + len) { // extended bitmaps
            word = Bytes.u32lle(b, q);
            q += 4;
        }
        if ((present & 0x1) != 0) { // TSFT, 8 bytes aligned to 8
            q = off + (((q - off) + 7) & ~7) + 8;
        }
        if ((present & 0x2) != 0 && q < off + len) fcs = (b[q] & 0x10) != 0;
        int frameEnd = fcs ? end - 4 : end;
        frame(p, link, b, off + len, Math.max(off + len, frameEnd), false);
    }

    static void prism(Packet p, PacketDecoder link, byte[] b, int off, int end) {
        if (end - off < 144) {
            link.mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        frame(p, link, b, off + 144, end, false);
    }

    static void avs(Packet p, PacketDecoder link, byte[] b, int off, int end) {
        if (end - off < 8) {
            link.mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        long len = Bytes.u32l(b, off + 4);
        if (len < 8 || len > end - off) {
            link.mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        frame(p, link, b, off + (int) len, end, false);
    }

    /** An 802.11 frame: data frames (not protected) continue into LLC/SNAP and the EtherType they carry. */
    static void frame(Packet p, PacketDecoder link, byte[] b, int off, int end, boolean unused) {
        if (end - off < 24) {
            link.mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        int fc = Bytes.u16le(b, off);
        int type = (fc >> 2) & 3;
        int subtype = (fc >> 4) & 0xf;
        if (type != 2) return; // management and control frames carry no IP
        if ((fc & 0x4000) != 0) return; // protected: encrypted payload
        if ((subtype & 0x4) != 0) return; // null-data frames
        boolean toDs = (fc & 0x0100) != 0, fromDs = (fc & 0x0200) != 0;
        int hl = 24;
        if (toDs && fromDs) hl += 6;
        boolean qos = (subtype & 0x8) != 0;
        if (qos) hl += 2;
        if (qos && (fc & 0x8000) != 0) hl += 4; // HT control
        if (end - off < hl + 8) return;
        int q = off + hl;
        if ((b[q] & 0xff) == 0xaa && (b[q + 1] & 0xff) == 0xaa && (b[q + 2] & 0xff) == 0x03) {
            link.etherType(p, Bytes.u16(b, q + 6), b, q + 8, end, 0);
        }
    }
}
