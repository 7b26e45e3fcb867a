package org.nta.decode;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;

/** IPv4 (with options), IPv6 (with extension headers), fragment reassembly, and tunnels to the inner packet. */
final class IpDecoder {
    static final int PROTO_ICMP = 1, PROTO_IGMP = 2, PROTO_IPIP = 4, PROTO_TCP = 6, PROTO_UDP = 17,
            PROTO_IPV6 = 41, PROTO_GRE = 47, PROTO_ESP = 50, PROTO_AH = 51, PROTO_ICMPV6 = 58, PROTO_NONE = 59,
            PROTO_OSPF = 89, PROTO_PIM = 103, PROTO_VRRP = 112, PROTO_SCTP = 132;

    private final PacketDecoder link;
    private final TransportDecoder transport;
    private final Defragmenter defrag;
    private final DecoderConfig config;

    IpDecoder(PacketDecoder link, AnomalyCounter anomalies, DecoderConfig config) {
        this.link = link;
        this.config = config;
        this.transport = new TransportDecoder(link, this);
        this.defrag = new Defragmenter(config, anomalies);
    }

    void ipByVersion(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 1) {
            link.mark(p, Anomaly.IPV4_TRUNCATED);
            return;
        }
        int v = (b[off] & 0xf0) >> 4;
        if (v == 6) ipv6(p, b, off, end, depth);
        else if (v == 4) ipv4(p, b, off, end, depth);
        else link.mark(p, Anomaly.IP_VERSION_MISMATCH);
    }

    void ipv4(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 20) {
            link.mark(p, Anomaly.IPV4_TRUNCATED);
            return;
        }
        int vhl = b[off] & 0xff;
        if ((vhl >> 4) == 6) { // Wireshark hands an IPv6 packet found where IPv4 was announced to IPv6
            ipv6(p, b, off, end, depth);
            return;
        }
        if ((vhl >> 4) != 4) {
            link.mark(p, Anomaly.IP_VERSION_MISMATCH);
            return;
        }
        int ihl = (vhl & 0x0f) * 4;
        if (ihl < 20) {
            link.mark(p, Anomaly.IPV4_HLEN_TOO_SMALL);
            return;
        }
        if (end - off < ihl) {
            link.mark(p, Anomaly.IPV4_TRUNCATED);
            return;
        }
        int totalLen = Bytes.u16(b, off + 2);
        if (totalLen == 0) {
            totalLen = end - off; // segmentation offload: the length field is left zero
        } else if (totalLen < ihl) {
            link.mark(p, Anomaly.IPV4_TOTAL_LEN_TOO_SMALL);
            return;
        }
        IpLayer l = p.nextIp();
        if (l == null) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        p.push(Proto.IP);
        l.version = 4;
        l.headerLen = ihl;
        l.tos = b[off + 1] & 0xff;
        l.length = totalLen;
        l.id = Bytes.u16(b, off + 4);
        int ff = Bytes.u16(b, off + 6);
        l.flags = ff >>> 13;
        l.fragOffset = (ff & 0x1fff) * 8;
        l.ttl = b[off + 8] & 0xff;
        l.proto = b[off + 9] & 0xff;
        l.srcLo = Bytes.u32l(b, off + 12);
        l.dstLo = Bytes.u32l(b, off + 16);
        l.flowDstLo = l.dstLo;
        if (ihl > 20 && !optionsValid(b, off + 20, off + ihl)) link.mark(p, Anomaly.IPV4_OPTIONS_MALFORMED);
        int payloadEnd = Math.min(end, off + totalLen);
        int wireLen = totalLen - ihl;
        boolean more = (ff & 0x2000) != 0;
        if (more || l.fragOffset != 0) {
            l.fragment = true;
            if (payloadEnd - (off + ihl) < wireLen) {
                // cut by the snapshot length: cannot be reassembled; Wireshark decodes a first fragment alone
                if (l.fragOffset == 0) {
                    p.fragmentedL4 = true;
                    transport.dispatch(p, l.proto, b, off + ihl, payloadEnd, wireLen, depth);
                } else {
                    p.fragment = true;
                }
                return;
            }
            byte[] whole = defrag.add(p, l, 0, more, b, off + ihl, payloadEnd, wireLen);
            if (whole == null) {
                p.fragment = true;
                return;
            }
            transport.dispatch(p, l.proto, whole, 0, whole.length, whole.length, depth);
            return;
        }
        transport.dispatch(p, l.proto, b, off + ihl, payloadEnd, wireLen, depth);
    }

    private static boolean optionsValid(byte[] b, int off, int end) {
        while (off < end) {
            int type = b[off] & 0xff;
            if (type == 0) return true;
            if (type == 1) {
                off++;
                continue;
            }
            if (off + 1 >= end) return false;
            int len = b[off + 1] & 0xff;
            if (len < 2 || off + len > end) return false;
            off += len;
        }
        return true;
    }

    void ipv6(Packet p, byte[] b, int off, int end, int depth) {
        if (end - off < 40) {
            link.mark(p, Anomaly.IPV6_TRUNCATED);
            return;
        }
        if (((b[off] & 0xf0) >> 4) != 6) {
            link.mark(p, Anomaly.IP_VERSION_MISMATCH);
            return;
        }
        IpLayer l = p.nextIp();
        if (l == null) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        p.push(Proto.IPV6);
        l.version = 6;
        l.tos = (Bytes.u16(b, off) >> 4) & 0xff;
        int payloadLen = Bytes.u16(b, off + 4);
        int next = b[off + 6] & 0xff;
        l.nextHeader = next;
        l.ttl = b[off + 7] & 0xff;
        l.srcHi = Bytes.i64(b, off + 8);
        l.srcLo = Bytes.i64(b, off + 16);
        l.dstHi = Bytes.i64(b, off + 24);
        l.dstLo = Bytes.i64(b, off + 32);
        l.flowDstHi = l.dstHi;
        l.flowDstLo = l.dstLo;
        l.length = payloadLen;
        int o = off + 40;
        int payloadEnd = payloadLen == 0 ? end : Math.min(end, o + payloadLen);
        int wireEnd = payloadLen == 0 ? end : off + 40 + payloadLen;
        for (int guard = 0; guard < 16; guard++) {
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (payloadEnd - o < 8) {
                        link.mark(p, Anomaly.IPV6_EXT_TRUNCATED);
                        return;
                    }
                    int len = ((b[o + 1] & 0xff) + 1) * 8;
                    if (next == 43 && o + len <= payloadEnd) finalDestination(l, b, o, len);
                    next = b[o] & 0xff;
                    o += len;
                    if (o > payloadEnd) {
                        link.mark(p, Anomaly.IPV6_EXT_TRUNCATED);
                        return;
                    }
                }
                case PROTO_AH -> {
                    if (payloadEnd - o < 8) {
                        link.mark(p, Anomaly.IPV6_EXT_TRUNCATED);
                        return;
                    }
                    p.push(Proto.AH);
                    int len = ((b[o + 1] & 0xff) + 2) * 4;
                    next = b[o] & 0xff;
                    o += len;
                    if (o > payloadEnd) {
                        link.mark(p, Anomaly.IPV6_EXT_TRUNCATED);
                        return;
                    }
                }
                case 44 -> {
                    if (payloadEnd - o < 8) {
                        link.mark(p, Anomaly.IPV6_EXT_TRUNCATED);
                        return;
                    }
                    int nextHdr = b[o] & 0xff;
                    int offFlags = Bytes.u16(b, o + 2);
                    boolean more = (offFlags & 1) != 0;
                    int fragOff = offFlags & 0xfff8;
                    l.id = Bytes.i32(b, o + 4);
                    o += 8;
                    if (!more && fragOff == 0) { // atomic fragment
                        next = nextHdr;
                        continue;
                    }
                    l.fragment = true;
                    l.fragOffset = fragOff;
                    if (payloadEnd < wireEnd) { // cut by the snapshot length: never reassembled
                        p.fragment = true;
                        return;
                    }
                    l.proto = nextHdr;
                    byte[] whole = defrag.add(p, l, l.id, more, b, o, payloadEnd, wireEnd - o);
                    if (whole == null) {
                        p.fragment = true;
                        return;
                    }
                    transport.dispatch(p, nextHdr, whole, 0, whole.length, whole.length, depth);
                    return;
                }
                default -> {
                    l.proto = next;
                    transport.dispatch(p, next, b, o, payloadEnd, wireEnd - o, depth);
                    return;
                }
            }
        }
        link.mark(p, Anomaly.IPV6_EXT_TRUNCATED);
    }

    /** Routing header type 0 (last address) or segment routing (segment list[0]) with segments left: the final destination. */
    private static void finalDestination(IpLayer l, byte[] b, int o, int len) {
        int type = b[o + 2] & 0xff;
        int segLeft = b[o + 3] & 0xff;
        if (segLeft == 0) return;
        int n = (len - 8) / 16;
        if (n <= 0) return;
        int at;
        if (type == 0) at = o + 8 + (n - 1) * 16;
        else if (type == 4) at = o + 8;
        else return;
        l.flowDstHi = Bytes.i64(b, at);
        l.flowDstLo = Bytes.i64(b, at + 8);
    }

    /** An IP packet carried inside another (IP-in-IP, 6in4, GRE): bounded by the tunnel depth. */
    void tunnel(Packet p, int version, byte[] b, int off, int end, int depth) {
        if (depth + 1 > config.maxTunnelDepth()) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        if (version == 4) ipv4(p, b, off, end, depth + 1);
        else if (version == 6) ipv6(p, b, off, end, depth + 1);
        else ipByVersion(p, b, off, end, depth + 1);
    }

    void tunnelEthernet(Packet p, byte[] b, int off, int end, int depth) {
        if (depth + 1 > config.maxTunnelDepth()) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        link.ethernet(p, b, off, end, depth + 1);
    }

    void tunnelEtherType(Packet p, int type, byte[] b, int off, int end, int depth) {
        if (depth + 1 > config.maxTunnelDepth()) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        link.etherType(p, type, b, off, end, depth + 1);
    }

    void gpeNext(Packet p, int next, byte[] b, int off, int end, int depth) {
        if (depth + 1 > config.maxTunnelDepth()) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        link.extras().nextProtocol(p, next, b, off, end, depth);
    }

    void tunnelPpp(Packet p, byte[] b, int off, int end, int depth) {
        if (depth + 1 > config.maxTunnelDepth()) {
            link.mark(p, Anomaly.TUNNEL_TOO_DEEP);
            return;
        }
        link.ppp(p, b, off, end, true);
    }
}
