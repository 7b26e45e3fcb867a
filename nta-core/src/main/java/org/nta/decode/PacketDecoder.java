package org.nta.decode;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.capture.Frame;
import org.nta.capture.LinkTypes;

/**
 * Decodes a frame's link layer and hands the network layer to {@link IpDecoder}. Dispatch is by link type
 * and EtherType; link types NTA does not decode are counted, never fatal.
 */
public final class PacketDecoder {
    public static final int ETH_IPV4 = 0x0800, ETH_ARP = 0x0806, ETH_IPV6 = 0x86dd, ETH_VLAN = 0x8100,
            ETH_QINQ = 0x88a8, ETH_QINQ_OLD1 = 0x9100, ETH_QINQ_OLD2 = 0x9200, ETH_PPPOE_SESSION = 0x8864,
            ETH_MPLS = 0x8847, ETH_MPLS_MC = 0x8848, ETH_LLDP = 0x88cc, ETH_TEB = 0x6558, ETH_MACSEC = 0x88e5,
            ETH_NSH = 0x894f, ETH_ERSPAN2 = 0x88be, ETH_ERSPAN3 = 0x22eb, ETH_WCCP = 0x883e;

    private final AnomalyCounter anomalies;
    private final IpDecoder ipDecoder;
    private final LinkExtras extra;
    private final long[] undecodedLinkTypes = new long[300];
    private long undecodedOther;

    public PacketDecoder(AnomalyCounter anomalies, DecoderConfig config) {
        this.anomalies = anomalies;
        this.ipDecoder = new IpDecoder(this, anomalies, config);
        this.extra = new LinkExtras(this, ipDecoder);
    }

    public PacketDecoder() {
        this(new AnomalyCounter(), DecoderConfig.DEFAULTS);
    }

    LinkExtras extras() {
        return extra;
    }

    public AnomalyCounter anomalies() {
        return anomalies;
    }

    /** Frames per link type that were not decoded beyond the frame itself. */
    public java.util.Map<Integer, Long> undecodedLinkTypes() {
        java.util.Map<Integer, Long> m = new java.util.TreeMap<>();
        for (int i = 0; i < undecodedLinkTypes.length; i++) if (undecodedLinkTypes[i] > 0) m.put(i, undecodedLinkTypes[i]);
        if (undecodedOther > 0) m.put(-1, undecodedOther);
        return m;
    }

    /** Decodes {@code f} into {@code p}. Never throws for bad input: anomalies are counted and set on the packet. */
    public void decode(Frame f, Packet p) {
        p.reset(f);
        byte[] b = f.data;
        int off = f.offset;
        int end = f.offset + f.capLen;
        try {
            switch (f.linkType) {
                case LinkTypes.ETHERNET -> ethernet(p, b, off, end, 0);
                case LinkTypes.NULL -> nullLoopback(p, b, off, end, false);
                case LinkTypes.LOOP -> nullLoopback(p, b, off, end, true);
                case LinkTypes.RAW, LinkTypes.RAW_OPENBSD, LinkTypes.RAW_14 -> ipDecoder.ipByVersion(p, b, off, end, 0);
                case LinkTypes.IPV4 -> ipDecoder.ipv4(p, b, off, end, 0);
                case LinkTypes.IPV6 -> ipDecoder.ipv6(p, b, off, end, 0);
                case LinkTypes.LINUX_SLL -> sll(p, b, off, end);
                case LinkTypes.LINUX_SLL2 -> sll2(p, b, off, end);
                case LinkTypes.PPP, LinkTypes.PPP_HDLC -> ppp(p, b, off, end, true);
                case LinkTypes.PPP_ETHER -> pppoe(p, b, off, end, 0);
                case LinkTypes.C_HDLC -> chdlc(p, b, off, end);
                default -> {
                    if (!extra.decode(p, f.linkType, b, off, end)) undecoded(p, f.linkType);
                }
            }
        } catch (IndexOutOfBoundsException e) {
            // every decoder checks lengths first; this is a guard against a missed check, counted not thrown
            mark(p, Anomaly.LINK_TRUNCATED);
        }
    }

    private void undecoded(Packet p, int linkType) {
        p.undecodedLink = true;
        if (linkType >= 0 && linkType < undecodedLinkTypes.length) undecodedLinkTypes[linkType]++;
        else undecodedOther++;
    }

    void mark(Packet p, Anomaly a) {
        if (p.anomaly == null) p.anomaly = a;
        anomalies.add(a, p.frame.number);
    }

    /** Ethernet II and 802.3 with SNAP; tunnels call this again for inner Ethernet. */
    void ethernet(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 14) {
            mark(p, Anomaly.ETH_TRUNCATED);
            return;
        }
        p.push(Proto.ETH);
        if (!p.hasEth) {
            p.hasEth = true;
            p.ethDst = Bytes.u48(b, off);
            p.ethSrc = Bytes.u48(b, off + 6);
        }
        int type = Bytes.u16(b, off + 12);
        off += 14;
        if (type <= 1500) {
            llc(p, b, off, Math.min(end, off + type), depth);
            return;
        }
        etherType(p, type, b, off, end, depth);
    }

    private void llc(Packet p, byte[] b, int off, int end, int depth) {
        p.push(Proto.LLC);
        if (end - off >= 8 && (b[off] & 0xff) == 0xaa && (b[off + 1] & 0xff) == 0xaa && (b[off + 2] & 0xff) == 0x03) {
            etherType(p, Bytes.u16(b, off + 6), b, off + 8, end, depth);
        } else if (end - off >= 3 && (b[off] & 0xff) == 0x42 && (b[off + 1] & 0xff) == 0x42) {
            p.push(Proto.STP);
        }
    }

    /** Dispatch on an EtherType value. */
    void etherType(Packet p, int type, byte[] b, int off, int end, int depth) {
        while (true) {
            if (p.etherType == 0 || type == ETH_IPV4 || type == ETH_IPV6) p.etherType = type;
            switch (type) {
                case ETH_IPV4 -> {
                    ipDecoder.ipv4(p, b, off, end, depth);
                    return;
                }
                case ETH_IPV6 -> {
                    ipDecoder.ipv6(p, b, off, end, depth);
                    return;
                }
                case ETH_VLAN, ETH_QINQ, ETH_QINQ_OLD1, ETH_QINQ_OLD2 -> {
                    if (end - off < 4) {
                        mark(p, Anomaly.VLAN_TRUNCATED);
                        return;
                    }
                    if (p.vlanCount >= Packet.MAX_VLANS) {
                        mark(p, Anomaly.VLAN_TOO_DEEP);
                        return;
                    }
                    p.push(Proto.VLAN);
                    p.vlanIds[p.vlanCount] = Bytes.u16(b, off) & 0x0fff;
                    p.vlanTpids[p.vlanCount] = type;
                    type = Bytes.u16(b, off + 2);
                    p.vlanInner[p.vlanCount++] = type;
                    off += 4;
                    if (type <= 1500) {
                        llc(p, b, off, Math.min(end, off + type), depth);
                        return;
                    }
                }
                case ETH_PPPOE_SESSION -> {
                    pppoe(p, b, off, end, depth);
                    return;
                }
                case ETH_MPLS, ETH_MPLS_MC -> {
                    mpls(p, b, off, end, depth);
                    return;
                }
                case ETH_ARP -> {
                    p.push(Proto.ARP);
                    return;
                }
                case ETH_LLDP -> {
                    p.push(Proto.LLDP);
                    return;
                }
                case ETH_TEB -> {
                    ethernet(p, b, off, end, depth + 1);
                    return;
                }
                case ETH_MACSEC -> {
                    extra.macsec(p, b, off, end, depth);
                    return;
                }
                case ETH_NSH -> {
                    extra.nsh(p, b, off, end, depth);
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    void mpls(Packet p, byte[] b, int off, int end, int depth) {
        p.push(Proto.MPLS);
        for (int i = 0; i < 16; i++) {
            if (end - off < 4) {
                mark(p, Anomaly.LINK_TRUNCATED);
                return;
            }
            boolean bottom = (b[off + 2] & 0x01) != 0;
            off += 4;
            if (bottom) break;
        }
        if (off < end) {
            int v = (b[off] & 0xf0) >> 4;
            if (v == 4) ipDecoder.ipv4(p, b, off, end, depth);
            else if (v == 6) ipDecoder.ipv6(p, b, off, end, depth);
        }
    }

    private void pppoe(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 6) {
            mark(p, Anomaly.PPPOE_TRUNCATED);
            return;
        }
        p.push(Proto.PPPOES);
        int len = Bytes.u16(b, off + 4);
        off += 6;
        end = Math.min(end, off + len);
        ppp(p, b, off, end, false);
    }

    /** PPP, with or without the HDLC-like address and control bytes, protocol field compressed or not. */
    void ppp(Packet p, byte[] b, int off, int end, boolean framed) {
        if (end - off >= 2 && (b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0x03) off += 2;
        if (end - off < 1) {
            mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        p.push(Proto.PPP);
        int proto;
        if ((b[off] & 0x01) != 0) {
            proto = b[off] & 0xff;
            off += 1;
        } else {
            if (end - off < 2) {
                mark(p, Anomaly.LINK_TRUNCATED);
                return;
            }
            proto = Bytes.u16(b, off);
            off += 2;
        }
        if (proto == 0x0021) ipDecoder.ipv4(p, b, off, end, 0);
        else if (proto == 0x0057) ipDecoder.ipv6(p, b, off, end, 0);
        else if (proto == 0x0281 || proto == 0x0283) mpls(p, b, off, end, 0);
    }

    private void chdlc(Packet p, byte[] b, int off, int end) {
        if (end - off < 4) {
            mark(p, Anomaly.LINK_TRUNCATED);
            return;
        }
        p.push(Proto.CHDLC);
        etherType(p, Bytes.u16(b, off + 2), b, off + 4, end, 0);
    }

    private void nullLoopback(Packet p, byte[] b, int off, int end, boolean bigEndian) {
        if (end - off < 4) {
            mark(p, Anomaly.NULL_TRUNCATED);
            return;
        }
        p.push(Proto.NULL);
        if ((b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0x03) {
            ppp(p, b, off, end, true);
            return;
        }
        long family = bigEndian ? Bytes.u32l(b, off) : Bytes.u32lle(b, off);
        if ((family & 0xffff0000L) != 0) family = bigEndian ? Bytes.u32lle(b, off) : Bytes.u32l(b, off);
        off += 4;
        if (family > 1500) {
            etherType(p, (int) family, b, off, end, 0);
            return;
        }
        switch ((int) family) {
            case 2 -> ipDecoder.ipv4(p, b, off, end, 0);
            case 10, 23, 24, 26, 28, 30 -> ipDecoder.ipv6(p, b, off, end, 0);
            default -> mark(p, Anomaly.NULL_UNKNOWN_FAMILY);
        }
    }

    private void sll(Packet p, byte[] b, int off, int end) {
        if (end - off < 16) {
            mark(p, Anomaly.SLL_TRUNCATED);
            return;
        }
        p.push(Proto.SLL);
        int addrLen = Bytes.u16(b, off + 4);
        if (addrLen == 6) p.ethSrc = Bytes.u48(b, off + 6);
        int proto = Bytes.u16(b, off + 14);
        sllPayload(p, Bytes.u16(b, off + 2), proto, b, off + 16, end);
    }

    private void sll2(Packet p, byte[] b, int off, int end) {
        if (end - off < 20) {
            mark(p, Anomaly.SLL_TRUNCATED);
            return;
        }
        p.push(Proto.SLL);
        int proto = Bytes.u16(b, off);
        int addrLen = b[off + 11] & 0xff;
        if (addrLen == 6) p.ethSrc = Bytes.u48(b, off + 12);
        sllPayload(p, Bytes.u16(b, off + 8), proto, b, off + 20, end);
    }

    private void sllPayload(Packet p, int hatype, int proto, byte[] b, int off, int end) {
        if (hatype == 512 || hatype == 513) { // ARPHRD_PPP, or 513 (unused)
            if (proto == ETH_IPV4 || proto == ETH_IPV6) etherType(p, proto, b, off, end, 0);
            else ppp(p, b, off, end, true);
            return;
        }
        switch (proto) {
            case 0x0004 -> llc(p, b, off, end, 0);
            case 0x0001 -> { } // Novell 802.3
            default -> etherType(p, proto, b, off, end, 0);
        }
    }
}
