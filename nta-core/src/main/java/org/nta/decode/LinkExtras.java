package org.nta.decode;

import org.nta.bytes.Anomaly;
import org.nta.bytes.Bytes;

/**
 * Less common link layers and encapsulations that Wireshark decodes by default: Apple PKTAP, Linux NFLOG, IP over
 * InfiniBand, Linux ARCNET, Juniper's capture header, IEEE 802.11 (with radiotap, Prism or AVS headers), MACsec
 * without encryption, and the Network Service Header.
 */
final class LinkExtras {
    private final PacketDecoder link;
    private final IpDecoder ip;

    LinkExtras(PacketDecoder link, IpDecoder ip) {
        this.link = link;
        this.ip = ip;
    }

    /** Returns false for a link type not handled here. */
    boolean decode(Packet p, int linkType, byte[] b, int off, int end) {
        switch (linkType) {
            case 258, 149 -> pktap(p, b, off, end); // macOS tcpdump writes PKTAP as DLT_USER2 too
            case 239 -> nflog(p, b, off, end);
            case 242 -> ipoib(p, b, off, end);
            case 129 -> arcnet(p, b, off, end);
            case 178 -> juniperEther(p, b, off, end);
            case 105 -> Ieee80211.frame(p, link, b, off, end, false);
            case 127 -> Ieee80211.radiotap(p, link, b, off, end);
            case 119 -> Ieee80211.prism(p, link, b, off, end);
            case 163 -> Ieee80211.avs(p, link, b, off, end);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void truncated(Packet p) {
        link.mark(p, Anomaly.LINK_TRUNCATED);
    }

    /** Apple PKTAP: a little-endian header whose length and DLT say where and what the packet is. */
    private void pktap(Packet p, byte[] b, int off, int end) {
        if (end - off < 12) {
            truncated(p);
            return;
        }
        long hdrLen = Bytes.u32lle(b, off);
        int dlt = Bytes.i32le(b, off + 8);
        if (hdrLen < 12 || hdrLen > end - off) {
            truncated(p);
            return;
        }
        int inner = off + (int) hdrLen;
        switch (dlt) {
            case 1 -> link.ethernet(p, b, inner, end, 0);
            case 0 -> link.etherType(p, familyToEtherType(Bytes.i32le(b, inner)), b, inner + 4, end, 0);
            case 12, 14, 101 -> ip.ipByVersion(p, b, inner, end, 0);
            default -> { }
        }
    }

    private static int familyToEtherType(int family) {
        return family == 2 ? PacketDecoder.ETH_IPV4 : PacketDecoder.ETH_IPV6;
    }

    /** Linux NFLOG: TLVs (little-endian lengths, 4-byte aligned); type 9 carries the packet. */
    private void nflog(Packet p, byte[] b, int off, int end) {
        if (end - off < 4) {
            truncated(p);
            return;
        }
        int family = b[off] & 0xff;
        int q = off + 4;
        while (q + 4 <= end) {
            int len = Bytes.u16le(b, q);
            int type = Bytes.u16le(b, q + 2);
            if (len < 4 || q + len > end) {
                truncated(p);
                return;
            }
            if (type == 9) {
                if (family == 2) ip.ipv4(p, b, q + 4, q + len, 0);
                else if (family == 10) ip.ipv6(p, b, q + 4, q + len, 0);
                else ip.ipByVersion(p, b, q + 4, q + len, 0);
                return;
            }
            q += (len + 3) & ~3;
        }
    }

    /**
     * IP over InfiniBand: a 4-byte header with an EtherType, optionally after a 40-byte pseudo-header with the
     * link addresses (Linux captures).
     */
    private void ipoib(Packet p, byte[] b, int off, int end) {
        if (end - off < 4) {
            truncated(p);
            return;
        }
        int q = off;
        if (!isEtherType(Bytes.u16(b, q)) && end - off >= 44 && isEtherType(Bytes.u16(b, off + 40))) q = off + 40;
        link.etherType(p, Bytes.u16(b, q), b, q + 4, end, 0);
    }

    private static boolean isEtherType(int t) {
        return t == PacketDecoder.ETH_IPV4 || t == PacketDecoder.ETH_IPV6 || t == PacketDecoder.ETH_ARP;
    }

    /** Linux ARCNET: source, destination, offset, protocol id (RFC 1051 or RFC 1201 with split flag and sequence). */
    private void arcnet(Packet p, byte[] b, int off, int end) {
        if (end - off < 5) {
            truncated(p);
            return;
        }
        int proto = b[off + 4] & 0xff;
        switch (proto) {
            case 0xf0 -> ip.ipv4(p, b, off + 5, end, 0);
            case 0xf1 -> p.push(Proto.ARP);
            case 0xd4 -> {
                if (end - off >= 8) ip.ipv4(p, b, off + 8, end, 0);
            }
            case 0xd5 -> p.push(Proto.ARP);
            default -> { }
        }
    }

    /** Juniper's capture header: "MGC", flags, optional extension TLVs, then Ethernet. */
    private void juniperEther(Packet p, byte[] b, int off, int end) {
        if (end - off < 4 || b[off] != 'M' || b[off + 1] != 'G' || b[off + 2] != 'C') {
            truncated(p);
            return;
        }
        int flags = b[off + 3] & 0xff;
        int q = off + 4;
        if ((flags & 0x80) != 0) {
            if (end - q < 2) {
                truncated(p);
                return;
            }
            q += 2 + Bytes.u16(b, q);
        }
        if (q > end) {
            truncated(p);
            return;
        }
        if ((flags & 0x02) != 0) ip.ipByVersion(p, b, q, end, 0); // JUNIPER_FLAG_NO_L2
        else link.ethernet(p, b, q, end, 0);
    }

    /** MACsec: the SecTAG, then the EtherType and payload unless the frame is encrypted or modified. */
    void macsec(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 6) {
            truncated(p);
            return;
        }
        int tci = b[off] & 0xff;
        int shortLen = b[off + 1] & 0x3f;
        int q = off + 6 + ((tci & 0x20) != 0 ? 8 : 0);
        if ((tci & 0x0c) != 0) return; // E or C bit: confidentiality, the payload is not readable
        int icvEnd = end - 16;
        if (shortLen != 0) icvEnd = Math.min(icvEnd, q + shortLen);
        if (icvEnd - q < 2) {
            truncated(p);
            return;
        }
        link.etherType(p, Bytes.u16(b, q), b, q + 2, icvEnd, depth);
    }

    /** Network Service Header: base and service path headers, metadata, then IPv4, IPv6 or Ethernet. */
    void nsh(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 8) {
            truncated(p);
            return;
        }
        int len = (Bytes.u16(b, off) & 0x3f) * 4;
        int next = b[off + 3] & 0xff;
        if (len < 8 || off + len > end) {
            truncated(p);
            return;
        }
        nextProtocol(p, next, b, off + len, end, depth);
    }

    /** Next-protocol values shared by NSH and VXLAN-GPE. */
    void nextProtocol(Packet p, int next, byte[] b, int off, int end, int depth) {
        switch (next) {
            case 1 -> ip.tunnel(p, 4, b, off, end, depth);
            case 2 -> ip.tunnel(p, 6, b, off, end, depth);
            case 3 -> ip.tunnelEthernet(p, b, off, end, depth);
            case 4 -> nsh(p, b, off, end, depth + 1);
            case 5 -> link.mpls(p, b, off, end, depth + 1);
            default -> { }
        }
    }
}
