package org.nta.decode;

import static org.nta.decode.IpDecoder.*;

import org.nta.bytes.Anomaly;
import org.nta.bytes.Bytes;

/** TCP, UDP, ICMP and ICMPv6, GRE and IP-in-IP: everything that follows an IP header. */
final class TransportDecoder {
    private final PacketDecoder link;
    private final IpDecoder ip;

    TransportDecoder(PacketDecoder link, IpDecoder ip) {
        this.link = link;
        this.ip = ip;
    }

    /**
     * @param wireLen bytes the IP header says follow it (may be more than {@code end - off} when the frame was cut
     *                by the snapshot length)
     */
    void dispatch(Packet p, int proto, byte[] b, int off, int end, int wireLen, int depth) {
        switch (proto) {
            case PROTO_TCP -> tcp(p, b, off, end, wireLen);
            case PROTO_UDP -> udp(p, b, off, end, wireLen, depth);
            case PROTO_ICMP -> icmp(p, b, off, end, false);
            case PROTO_ICMPV6 -> icmp(p, b, off, end, true);
            case PROTO_IPIP -> ip.tunnel(p, 4, b, off, end, depth);
            case PROTO_IPV6 -> ip.tunnel(p, 6, b, off, end, depth);
            case PROTO_GRE -> gre(p, b, off, end, depth);
            case PROTO_AH -> ah(p, b, off, end, wireLen, depth);
            case PROTO_ESP -> p.push(Proto.ESP);
            case PROTO_SCTP -> p.push(Proto.SCTP);
            case PROTO_IGMP -> p.push(Proto.IGMP);
            case PROTO_OSPF -> p.push(Proto.OSPF);
            case PROTO_PIM -> pim(p, b, off, end, depth);
            case PROTO_VRRP -> p.push(Proto.VRRP);
            default -> { }
        }
    }

    private void ah(Packet p, byte[] b, int off, int end, int wireLen, int depth) {
        if (end - off < 8) {
            link.mark(p, Anomaly.IPV4_TRUNCATED);
            return;
        }
        p.push(Proto.AH);
        int len = ((b[off + 1] & 0xff) + 2) * 4;
        if (off + len > end) return;
        dispatch(p, b[off] & 0xff, b, off + len, end, wireLen - len, depth);
    }

    private void tcp(Packet p, byte[] b, int off, int end, int wireLen) {
        if (end - off < 20) {
            link.mark(p, Anomaly.TCP_TRUNCATED);
            if (end - off >= 16) { // ports and sequence numbers: enough for Wireshark to assign a stream
                p.l4Proto = PROTO_TCP;
                p.l4HeaderTruncated = true;
                p.srcPort = Bytes.u16(b, off);
                p.dstPort = Bytes.u16(b, off + 2);
                p.tcpSeq = Bytes.u32l(b, off + 4);
                p.tcpAck = Bytes.u32l(b, off + 8);
                p.tcpFlags = Bytes.u16(b, off + 12) & 0x1ff;
                p.payload = b;
                p.payloadOff = end;
            }
            return;
        }
        int hlen = ((b[off + 12] & 0xf0) >> 4) * 4;
        if (hlen < 20) {
            link.mark(p, Anomaly.TCP_HLEN_TOO_SMALL);
            return;
        }
        p.push(Proto.TCP);
        p.l4Proto = PROTO_TCP;
        p.srcPort = Bytes.u16(b, off);
        p.dstPort = Bytes.u16(b, off + 2);
        p.tcpSeq = Bytes.u32l(b, off + 4);
        p.tcpAck = Bytes.u32l(b, off + 8);
        p.tcpFlags = Bytes.u16(b, off + 12) & 0x1ff;
        p.tcpWindow = Bytes.u16(b, off + 14);
        p.tcpHeaderLen = hlen;
        if (end - off < hlen) {
            link.mark(p, Anomaly.TCP_TRUNCATED);
            p.l4HeaderTruncated = true;
            p.payload = b;
            p.payloadOff = end;
            p.payloadLen = 0;
            p.payloadWireLen = Math.max(0, wireLen - hlen);
            return;
        }
        if (hlen > 20) options(p, b, off + 20, off + hlen);
        p.payload = b;
        p.payloadOff = off + hlen;
        p.payloadLen = end - off - hlen;
        p.payloadWireLen = Math.max(p.payloadLen, wireLen - hlen);
        if (p.payloadLen > 0) p.push(Proto.DATA);
    }

    private void options(Packet p, byte[] b, int off, int end) {
        while (off < end) {
            int kind = b[off] & 0xff;
            if (kind == 0) return;
            if (kind == 1) {
                off++;
                continue;
            }
            if (off + 1 >= end) {
                link.mark(p, Anomaly.TCP_OPTIONS_MALFORMED);
                return;
            }
            int len = b[off + 1] & 0xff;
            if (len < 2 || off + len > end) {
                link.mark(p, Anomaly.TCP_OPTIONS_MALFORMED);
                return;
            }
            int shown = 0;
            switch (kind) {
                case 2 -> {
                    if (len == 4) {
                        p.tcpMss = Bytes.u16(b, off + 2);
                        shown = Packet.OPT_MSS;
                    }
                }
                case 3 -> {
                    if (len == 3) {
                        p.tcpWscale = b[off + 2] & 0xff;
                        shown = Packet.OPT_WS;
                    }
                }
                case 4 -> {
                    p.tcpSackPerm = true;
                    shown = Packet.OPT_SACK_PERM;
                }
                case 8 -> {
                    if (len == 10) {
                        p.tcpTsval = Bytes.u32l(b, off + 2);
                        p.tcpTsecr = Bytes.u32l(b, off + 6);
                        shown = Packet.OPT_TS;
                    }
                }
                default -> { }
            }
            if (shown != 0 && p.tcpOptOrder >>> 28 == 0) p.tcpOptOrder = p.tcpOptOrder << 4 | shown;
            off += len;
        }
    }

    private void udp(Packet p, byte[] b, int off, int end, int wireLen, int depth) {
        if (end - off < 8) {
            link.mark(p, Anomaly.UDP_TRUNCATED);
            return;
        }
        int len = Bytes.u16(b, off + 4);
        if (len < 8 && len != 0) {
            link.mark(p, Anomaly.UDP_LENGTH_INVALID);
            return;
        }
        if (len == 0) len = wireLen; // jumbogram or segmentation offload
        p.push(Proto.UDP);
        p.l4Proto = PROTO_UDP;
        p.srcPort = Bytes.u16(b, off);
        p.dstPort = Bytes.u16(b, off + 2);
        p.udpLength = len;
        if (len > wireLen) link.mark(p, Anomaly.UDP_LENGTH_INVALID);
        int payloadEnd = Math.min(end, off + len);
        p.payload = b;
        p.payloadOff = off + 8;
        p.payloadLen = Math.max(0, payloadEnd - off - 8);
        p.payloadWireLen = Math.max(p.payloadLen, len - 8);
        if (p.payloadLen > 0 && udpTunnel(p, b, off + 8, payloadEnd, depth)) return;
        if (p.payloadLen > 0) p.push(Proto.DATA);
    }

    /**
     * VXLAN (4789), VXLAN-GPE (4790) and Geneve (6081), by the lower port first as Wireshark tries them: the UDP
     * header becomes an outer layer and decoding continues with the inner packet.
     */
    private boolean udpTunnel(Packet p, byte[] b, int off, int end, int depth) {
        int lo = Math.min(p.srcPort, p.dstPort), hi = Math.max(p.srcPort, p.dstPort);
        int port = isTunnelPort(lo) ? lo : isTunnelPort(hi) ? hi : -1;
        if (port < 0 || end - off < 8 || p.outerUdpCount >= Packet.MAX_OUTER_UDP) return false;
        int inner, kind;
        switch (port) {
            case 4789 -> {
                inner = off + 8;
                kind = 0;
            }
            case 4790 -> {
                inner = off + 8;
                kind = b[off + 3] & 0xff;
            }
            default -> {
                inner = off + 8 + (b[off] & 0x3f) * 4;
                kind = Bytes.u16(b, off + 2);
                if (inner > end) return false;
            }
        }
        int i = p.outerUdpCount++;
        p.outerUdpIpIndex[i] = p.ipCount - 1;
        p.outerUdpSrcPort[i] = p.srcPort;
        p.outerUdpDstPort[i] = p.dstPort;
        p.push(port == 6081 ? Proto.GENEVE : Proto.VXLAN);
        p.l4Proto = -1;
        p.srcPort = p.dstPort = 0;
        p.payload = null;
        p.payloadOff = p.payloadLen = p.payloadWireLen = 0;
        p.udpLength = 0;
        if (port == 4789) ip.tunnelEthernet(p, b, inner, end, depth);
        else if (port == 4790) ip.gpeNext(p, kind, b, inner, end, depth);
        else if (kind == PacketDecoder.ETH_TEB) ip.tunnelEthernet(p, b, inner, end, depth);
        else if (kind == PacketDecoder.ETH_IPV4) ip.tunnel(p, 4, b, inner, end, depth);
        else if (kind == PacketDecoder.ETH_IPV6) ip.tunnel(p, 6, b, inner, end, depth);
        return true;
    }

    private static boolean isTunnelPort(int port) {
        return port == 4789 || port == 4790 || port == 6081;
    }

    private void icmp(Packet p, byte[] b, int off, int end, boolean v6) {
        if (end - off < 4) {
            link.mark(p, v6 ? Anomaly.ICMPV6_TRUNCATED : Anomaly.ICMP_TRUNCATED);
            return;
        }
        p.push(v6 ? Proto.ICMPV6 : Proto.ICMP);
        p.l4Proto = v6 ? PROTO_ICMPV6 : PROTO_ICMP;
        p.icmpType = b[off] & 0xff;
        p.icmpCode = b[off + 1] & 0xff;
        p.payload = b;
        p.payloadOff = Math.min(end, off + 8);
        p.payloadLen = Math.max(0, end - off - 8);
        boolean error = v6 ? p.icmpType >= 1 && p.icmpType <= 4
                : p.icmpType == 3 || p.icmpType == 4 || p.icmpType == 5 || p.icmpType == 11 || p.icmpType == 12;
        if (error && end - off >= 8) quoted(p, b, off + 8, end);
    }

    /** The header an ICMP error quotes: addresses and, when present, ports. Never a packet of its own. */
    private void quoted(Packet p, byte[] b, int off, int end) {
        IpLayer q = p.icmpQuoted;
        q.clear();
        q.quoted = true;
        if (end - off < 1) return;
        int v = (b[off] & 0xf0) >> 4;
        int l4;
        if (v == 4 && end - off >= 20) {
            int ihl = (b[off] & 0x0f) * 4;
            if (ihl < 20) return;
            q.version = 4;
            q.headerLen = ihl;
            q.length = Bytes.u16(b, off + 2);
            q.id = Bytes.u16(b, off + 4);
            q.ttl = b[off + 8] & 0xff;
            q.proto = b[off + 9] & 0xff;
            q.srcLo = Bytes.u32l(b, off + 12);
            q.dstLo = Bytes.u32l(b, off + 16);
            l4 = off + ihl;
        } else if (v == 6 && end - off >= 40) {
            q.version = 6;
            q.headerLen = 40;
            q.length = Bytes.u16(b, off + 4);
            q.proto = b[off + 6] & 0xff;
            q.ttl = b[off + 7] & 0xff;
            q.srcHi = Bytes.i64(b, off + 8);
            q.srcLo = Bytes.i64(b, off + 16);
            q.dstHi = Bytes.i64(b, off + 24);
            q.dstLo = Bytes.i64(b, off + 32);
            l4 = off + 40;
        } else {
            return;
        }
        p.hasIcmpQuoted = true;
        p.icmpQuotedL4Len = Math.max(0, end - l4);
        if ((q.proto == PROTO_TCP || q.proto == PROTO_UDP || q.proto == 132) && end - l4 >= 4) {
            p.icmpQuotedSrcPort = Bytes.u16(b, l4);
            p.icmpQuotedDstPort = Bytes.u16(b, l4 + 2);
        }
    }

    /** PIM; a version 2 Register message carries a whole IP packet after its 8-byte header. */
    private void pim(Packet p, byte[] b, int off, int end, int depth) {
        p.push(Proto.PIM);
        if (end - off >= 9 && (b[off] & 0xff) == 0x21) {
            int v = (b[off + 8] & 0xf0) >> 4;
            if (v == 4 || v == 6) ip.tunnel(p, v, b, off + 8, end, depth);
        }
    }

    private void gre(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 4) {
            link.mark(p, Anomaly.GRE_TRUNCATED);
            return;
        }
        p.push(Proto.GRE);
        int flags = Bytes.u16(b, off);
        int type = Bytes.u16(b, off + 2);
        int version = flags & 7;
        int hl = 4;
        if ((flags & 0xc000) != 0) hl += 4; // checksum and/or routing present: checksum + offset
        if ((flags & 0x2000) != 0) hl += 4; // key
        if ((flags & 0x1000) != 0) hl += 4; // sequence
        if (version == 1 && (flags & 0x0080) != 0) hl += 4; // enhanced GRE acknowledgment
        if (end - off < hl) {
            link.mark(p, Anomaly.GRE_TRUNCATED);
            return;
        }
        if ((flags & 0x4000) != 0 && version == 0) return; // source routing entries: rare, not followed
        int inner = off + hl;
        switch (type) {
            case PacketDecoder.ETH_IPV4 -> ip.tunnel(p, 4, b, inner, end, depth);
            case PacketDecoder.ETH_IPV6 -> ip.tunnel(p, 6, b, inner, end, depth);
            case PacketDecoder.ETH_TEB -> ip.tunnelEthernet(p, b, inner, end, depth);
            case 0x880b -> ip.tunnelPpp(p, b, inner, end, depth);
            case PacketDecoder.ETH_MPLS -> ip.tunnelEtherType(p, type, b, inner, end, depth);
            case PacketDecoder.ETH_ERSPAN2 -> {
                if (end - inner >= 8 && (flags & 0x1000) != 0) ip.tunnelEthernet(p, b, inner + 8, end, depth);
                else if ((flags & 0x1000) == 0) ip.tunnelEthernet(p, b, inner, end, depth); // ERSPAN type I: no header
            }
            case PacketDecoder.ETH_ERSPAN3 -> {
                if (end - inner >= 12) {
                    int h = 12 + ((b[inner + 11] & 0x01) != 0 ? 8 : 0);
                    if (end - inner >= h) ip.tunnelEthernet(p, b, inner + h, end, depth);
                }
            }
            case PacketDecoder.ETH_WCCP -> {
                if (end - inner >= 4) {
                    int v = ((b[inner + 4 < end ? inner + 4 : inner] & 0xf0) >> 4);
                    ip.tunnel(p, v == 6 ? 6 : 4, b, inner + 4, end, depth);
                }
            }
            case 0x8909 -> { // Cisco MetaData: EtherType, version, length, option, SGT (8 bytes), then the packet
                if (end - inner >= 8) ip.tunnelEtherType(p, Bytes.u16(b, inner), b, inner + 8, end, depth);
            }
            default -> { }
        }
    }
}
