package org.nta.cli;

import org.nta.bytes.Bytes;
import org.nta.capture.Frame;
import org.nta.capture.LinkTypes;
import org.nta.decode.Addresses;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.decode.Proto;
import org.nta.filter.FrameView;
import org.nta.filter.TcpNumbers;
import org.nta.stats.PortGuess;

/**
 * The summary columns of tshark's default view for one frame: source, destination, protocol and an info text for
 * TCP (ports, flags, Seq/Ack/Win/Len, handshake options), UDP, ICMP, ICMPv6 and ARP. Close to tshark's, not equal.
 */
final class PacketLine {
    private PacketLine() {}

    static String source(Packet p) {
        IpLayer ip = p.innerIp();
        if (ip != null) return ip.srcString();
        return p.hasEth ? Addresses.mac(p.ethSrc) : "";
    }

    static String destination(Packet p) {
        IpLayer ip = p.innerIp();
        if (ip != null) return ip.dstString();
        return p.hasEth ? Addresses.mac(p.ethDst) : "";
    }

    static String protocol(Packet p) {
        if ((p.isTcp() || p.isUdp()) && p.payloadWireLen > 0) {
            Proto g = PortGuess.of(p);
            if (g != null) return g.filterName().toUpperCase();
        }
        if (p.isTcp()) return "TCP";
        if (p.isUdp()) return "UDP";
        if (p.l4Proto == 1) return "ICMP";
        if (p.l4Proto == 58) return "ICMPv6";
        if (p.fragment) return p.innerIp() != null && p.innerIp().version == 6 ? "IPv6" : "IPv4";
        for (int i = p.pathLen - 1; i >= 0; i--) {
            Proto x = Proto.of(p.path[i]);
            if (x != Proto.DATA) return x == Proto.IP ? "IPv4" : x == Proto.IPV6 ? "IPv6" : x.filterName().toUpperCase();
        }
        return "";
    }

    static String info(FrameView v) {
        Packet p = v.packet();
        if (p.isTcp()) return tcp(v, p);
        if (p.isUdp()) return p.srcPort + " → " + p.dstPort + " Len=" + Math.max(0, p.udpLength - 8);
        if (p.l4Proto == 1) return icmp(p);
        if (p.l4Proto == 58) return icmpv6(p);
        if (p.has(Proto.ARP)) return arp(v.frame(), p);
        if (p.fragment && p.innerIp() != null) {
            IpLayer l = p.innerIp();
            return "Fragmented IP protocol (proto=" + l.proto + ", off=" + l.fragOffset + ", ID=" + Integer.toHexString(l.id) + ")";
        }
        return p.pathString();
    }

    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private static String tcp(FrameView v, Packet p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.srcPort).append(" → ").append(p.dstPort).append(" [");
        boolean first = true;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((p.tcpFlags & (1 << i)) != 0) {
                if (!first) sb.append(", ");
                sb.append(FLAG_NAMES[i]);
                first = false;
            }
        }
        if (first) sb.append("<None>");
        sb.append("] Seq=").append(TcpNumbers.relativeSeq(v));
        if ((p.tcpFlags & Packet.TCP_ACK) != 0) sb.append(" Ack=").append(TcpNumbers.relativeAck(v));
        sb.append(" Win=").append(p.tcpWindow).append(" Len=").append(p.payloadWireLen);
        if (p.tcpMss > 0) sb.append(" MSS=").append(p.tcpMss);
        if (p.tcpSackPerm) sb.append(" SACK_PERM");
        if (p.tcpWscale >= 0) sb.append(" WS=").append(1L << Math.min(p.tcpWscale, 14));
        return sb.toString();
    }

    private static String icmp(Packet p) {
        String name = switch (p.icmpType) {
            case 0 -> "Echo (ping) reply";
            case 3 -> "Destination unreachable (" + unreachable(p.icmpCode) + ")";
            case 4 -> "Source quench (flow control)";
            case 5 -> "Redirect";
            case 8 -> "Echo (ping) request";
            case 9 -> "Router advertisement";
            case 10 -> "Router solicitation";
            case 11 -> p.icmpCode == 0 ? "Time-to-live exceeded (Time to live exceeded in transit)"
                    : "Time-to-live exceeded (Fragment reassembly time exceeded)";
            case 12 -> "Parameter problem";
            case 13 -> "Timestamp request";
            case 14 -> "Timestamp reply";
            default -> "Type " + p.icmpType + ", code " + p.icmpCode;
        };
        int hdr = p.payloadOff - 8;
        if ((p.icmpType == 0 || p.icmpType == 8) && p.payload != null && hdr >= 0) {
            int id = Bytes.u16(p.payload, hdr + 4), seq = Bytes.u16(p.payload, hdr + 6);
            IpLayer ip = p.innerIp();
            name += "  id=0x" + String.format("%04x", id) + ", seq=" + seq + "/" + (((seq & 0xff) << 8) | (seq >> 8))
                    + (ip != null ? ", ttl=" + ip.ttl : "");
        }
        return name;
    }

    private static String unreachable(int code) {
        return switch (code) {
            case 0 -> "Network unreachable";
            case 1 -> "Host unreachable";
            case 2 -> "Protocol unreachable";
            case 3 -> "Port unreachable";
            case 4 -> "Fragmentation needed";
            case 13 -> "Communication administratively filtered";
            default -> "code " + code;
        };
    }

    private static String icmpv6(Packet p) {
        return switch (p.icmpType) {
            case 1 -> "Destination Unreachable";
            case 2 -> "Packet Too Big";
            case 3 -> "Time Exceeded";
            case 4 -> "Parameter Problem";
            case 128 -> "Echo (ping) request";
            case 129 -> "Echo (ping) reply";
            case 130 -> "Multicast Listener Query";
            case 131 -> "Multicast Listener Report";
            case 133 -> "Router Solicitation";
            case 134 -> "Router Advertisement";
            case 135 -> "Neighbor Solicitation";
            case 136 -> "Neighbor Advertisement";
            case 137 -> "Redirect";
            case 143 -> "Multicast Listener Report Message v2";
            default -> "Type " + p.icmpType + ", code " + p.icmpCode;
        };
    }

    /** ARP over Ethernet: "Who has A? Tell B" or "A is at MAC". */
    private static String arp(Frame f, Packet p) {
        if (f.linkType != LinkTypes.ETHERNET) return "ARP";
        int off = f.offset + 14 + 4 * p.vlanCount;
        int end = f.offset + f.capLen;
        if (end - off < 28 || (f.data[off + 4] & 0xff) != 6 || (f.data[off + 5] & 0xff) != 4) return "ARP";
        int op = Bytes.u16(f.data, off + 6);
        long sha = Bytes.u48(f.data, off + 8);
        String spa = Addresses.ipv4(Bytes.i32(f.data, off + 14));
        String tpa = Addresses.ipv4(Bytes.i32(f.data, off + 24));
        return switch (op) {
            case 1 -> spa.equals(tpa) ? "Gratuitous ARP for " + spa + " (Request)" : "Who has " + tpa + "? Tell " + spa;
            case 2 -> spa + " is at " + Addresses.mac(sha);
            default -> "ARP opcode " + op;
        };
    }
}
