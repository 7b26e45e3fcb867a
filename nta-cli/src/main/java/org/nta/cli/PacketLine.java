package org.nta.cli;

import java.util.ArrayList;
import java.util.List;

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
 * The summary columns of tshark's default view ({@code tshark -n}) for one frame: source, destination, protocol and
 * info: TCP (ports, flags, relative Seq/Ack, the scaled window, Len, the options in their order, port reuse, segments
 * of a reassembled HTTP message), UDP, ICMP, ICMPv6 (with neighbour discovery targets and link addresses), ARP, and
 * through {@link AppLine} the HTTP, DNS, TLS and SSH messages a frame completes. Protocols NTA does not parse keep
 * their transport summary.
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

    /** {protocol, info} of a frame: its application message when it completes one, else its lower layers'. */
    static String[] summary(FrameView v) {
        String[] pi = {protocol(v.packet()), info(v)};
        if (AppLine.apply(v, pi)) return pi;
        Packet p = v.packet();
        if (p.isTcp() && p.payloadWireLen > 0 && v.flow() != null && v.flow().app == Proto.FTP_DATA) {
            pi[0] = "FTP-DATA"; // as tshark lists the frames of a data connection
            pi[1] = "FTP Data: " + p.payloadWireLen + " bytes";
        } else if (p.isTcp() && p.payloadWireLen > 0 && v.flow() != null && v.flow().app == Proto.TELNET) {
            pi[0] = "TELNET";
            pi[1] = "Telnet Data ...";
        } else if (p.isTcp() && p.payloadWireLen > 0 && v.flow() != null && v.flow().app == Proto.FTP) {
            pi[0] = "FTP"; // a line that a later frame ends
        }
        if (p.isTcp() && p.payloadWireLen > 0 && v.flow() != null && v.flow().app == Proto.HTTP) {
            // a segment of an HTTP message that a later frame completes: tshark lists it as TCP
            pi[0] = "TCP";
            String start = startLine(p);
            pi[1] = (start != null ? start : pi[1]) + " [TCP segment of a reassembled PDU]";
        }
        return pi;
    }

    /** The HTTP request or status line a segment begins with (tshark shows it on the message's first segment). */
    private static String startLine(Packet p) {
        int off = p.payloadOff, end = p.payloadOff + Math.min(p.payloadLen, 8192);
        int sp = -1;
        for (int i = off; i < end && i < off + 16; i++) {
            byte c = p.payload[i];
            if (c == ' ') {
                sp = i;
                break;
            }
            boolean token = c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '.';
            if (!token) return null;
        }
        if (sp <= off) return null;
        for (int i = sp; i + 1 < end; i++) {
            if (p.payload[i] == '\r' && p.payload[i + 1] == '\n') {
                String line = new String(p.payload, off, i - off, java.nio.charset.StandardCharsets.ISO_8859_1);
                return line.endsWith("HTTP/1.1") || line.endsWith("HTTP/1.0") || line.startsWith("HTTP/1.") ? line : null;
            }
        }
        return null;
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
        if (v.flow() != null && v.flow().portsReusedFrame == v.frame().number) sb.append("[TCP Port numbers reused] ");
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
        sb.append(" Win=").append(TcpNumbers.window(v)).append(" Len=").append(p.payloadWireLen);
        int order = p.tcpOptOrder, shift = 28;
        while (shift > 0 && (order >>> shift & 0xf) == 0) shift -= 4;
        for (; shift >= 0; shift -= 4) { // options in the order they came, as tshark lists them
            switch (order >>> shift & 0xf) {
                case Packet.OPT_MSS -> sb.append(" MSS=").append(p.tcpMss);
                case Packet.OPT_SACK_PERM -> sb.append(" SACK_PERM");
                case Packet.OPT_TS -> sb.append(" TSval=").append(p.tcpTsval).append(" TSecr=").append(p.tcpTsecr);
                case Packet.OPT_WS -> sb.append(" WS=").append(1L << Math.min(p.tcpWscale, 14));
                default -> { }
            }
        }
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
        String name = icmpv6Name(p);
        int hdr = p.payloadOff - 8;
        if (p.payload == null || hdr < 0) return name;
        int end = p.payloadOff + p.payloadLen;
        return switch (p.icmpType) {
            case 133 -> name + linkAddress(p.payload, hdr + 8, end, 1, " from ");
            case 135 -> hdr + 24 > end ? name : name + " for " + Addresses.ipv6(Bytes.i64(p.payload, hdr + 8), Bytes.i64(p.payload, hdr + 16))
                    + linkAddress(p.payload, hdr + 24, end, 1, " from ");
            case 136 -> {
                if (hdr + 24 > end) yield name;
                int f = p.payload[hdr + 4] & 0xff;
                List<String> flags = new ArrayList<>();
                if ((f & 0x80) != 0) flags.add("rtr");
                if ((f & 0x40) != 0) flags.add("sol");
                if ((f & 0x20) != 0) flags.add("ovr");
                yield name + " " + Addresses.ipv6(Bytes.i64(p.payload, hdr + 8), Bytes.i64(p.payload, hdr + 16))
                        + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")") + linkAddress(p.payload, hdr + 24, end, 2, " is at ");
            }
            default -> name;
        };
    }

    /** The link-layer address option of type {@code want} (1 source, 2 target) among ND options, with its prefix. */
    private static String linkAddress(byte[] b, int off, int end, int want, String prefix) {
        while (off + 8 <= end) {
            int type = b[off] & 0xff, len = (b[off + 1] & 0xff) * 8;
            if (len == 0) return "";
            if (type == want && len == 8) return prefix + Addresses.mac(Bytes.u48(b, off + 2));
            off += len;
        }
        return "";
    }

    private static String icmpv6Name(Packet p) {
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
