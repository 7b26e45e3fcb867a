package org.nta.filter;

import static org.nta.filter.FieldType.*;

import org.nta.bytes.Bytes;
import org.nta.capture.Frame;
import org.nta.capture.LinkTypes;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.decode.Proto;
import org.nta.flow.Flow;

/**
 * Packet-level fields with Wireshark's names and values. Multi-valued as in Wireshark: ip.addr is source and
 * destination, every IP header of a tunnel adds values, and the packet an ICMP error quotes adds its IP header to
 * ip.* and supplies tcp.* / udp.* (Wireshark dissects it in full). None of these extractors allocates.
 */
final class PacketFields {
    private PacketFields() {}

    private static final long U32 = 0xffffffffL;

    /** A value of one IP header. */
    private interface IpGet {
        long get(IpLayer l);
    }

    /** The same value read from the quoted header's bytes (the decoder keeps only some of them). */
    private interface QuotedGet {
        long get(Packet p);
    }

    static void registerAll(FieldRegistry r) {
        frame(r);
        link(r);
        ipv4(r);
        ipv6(r);
        tcp(r);
        udp(r);
        icmp(r);
        for (Proto p : Proto.values()) {
            if (p.ordinal() >= Proto.HTTP.ordinal()) break; // application protocols are registered by their parsers
            if (!r.contains(p.filterName())) r.registerProtocol(p.filterName(), v -> v.packet().has(p));
        }
    }

    private static void frame(FieldRegistry r) {
        r.register(Field.protocolWithBytes("frame", (v, out) -> {
            Frame f = v.frame();
            out.addBytes(f.data, f.offset, f.capLen);
        }));
        r.register("frame.number", UINT, (v, out) -> out.add(v.frame().number));
        r.register("frame.len", UINT, (v, out) -> out.add(v.frame().origLen));
        r.register("frame.cap_len", UINT, (v, out) -> out.add(v.frame().capLen));
        r.register("frame.time", ABS_TIME, (v, out) -> out.add(v.frame().epochNanos()));
        r.register("frame.time_epoch", REL_TIME, (v, out) -> out.add(v.frame().epochNanos()));
        r.register("frame.time_relative", REL_TIME, (v, out) -> out.add(v.frame().epochNanos() - v.captureStartNs()));
        r.register("frame.time_delta", REL_TIME, (v, out) -> out.add(v.frame().epochNanos() - v.previousFrameNs()));
    }

    private static void link(FieldRegistry r) {
        r.registerProtocol("eth", v -> v.packet().has(Proto.ETH));
        r.register("eth.src", ETHER, (v, out) -> {
            if (v.packet().hasEth) out.add(v.packet().ethSrc);
        });
        r.register("eth.dst", ETHER, (v, out) -> {
            if (v.packet().hasEth) out.add(v.packet().ethDst);
        });
        r.register("eth.addr", ETHER, (v, out) -> {
            Packet p = v.packet();
            if (p.hasEth) {
                out.add(p.ethDst);
                out.add(p.ethSrc);
            }
        });
        r.register(Field.hex("eth.type", 4, (v, out) -> {
            int t = outerEtherType(v);
            if (t > 1500) out.add(t);
        }));
        r.register("eth.len", UINT, (v, out) -> {
            int t = outerEtherType(v);
            if (t >= 0 && t <= 1500) out.add(t);
        });
        // Wireshark: 802.1ad service tags (TPID 0x88a8) are ieee8021ad, the others (0x8100, 0x9100, 0x9200) vlan
        r.registerProtocol("vlan", v -> tagged(v.packet(), false));
        r.registerProtocol("ieee8021ad", v -> tagged(v.packet(), true));
        r.register("vlan.id", UINT, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.vlanCount; i++) if (p.vlanTpids[i] != 0x88a8) out.add(p.vlanIds[i]);
        });
        r.register(Field.hex("vlan.etype", 4, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.vlanCount; i++) if (p.vlanTpids[i] != 0x88a8 && p.vlanInner[i] > 1500) out.add(p.vlanInner[i]);
        }));
        r.register("ieee8021ad.id", UINT, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.vlanCount; i++) if (p.vlanTpids[i] == 0x88a8) out.add(p.vlanIds[i]);
        });
    }

    private static boolean tagged(Packet p, boolean serviceTag) {
        for (int i = 0; i < p.vlanCount; i++) if ((p.vlanTpids[i] == 0x88a8) == serviceTag) return true;
        return false;
    }

    /** The type/length field of an Ethernet frame's own header, or -1. */
    private static int outerEtherType(FrameView v) {
        Frame f = v.frame();
        if (!v.packet().hasEth || f.linkType != LinkTypes.ETHERNET || f.capLen < 14) return -1;
        return Bytes.u16(f.data, f.offset + 12);
    }

    private static void ipv4(FieldRegistry r) {
        r.registerProtocol("ip", v -> hasIp(v.packet(), 4));
        r.register("ip.src", IPV4, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 4) out.add(p.ip[i].srcLo);
            if (Quoted.version(p) == 4) out.add(p.icmpQuoted.srcLo);
        });
        r.register("ip.dst", IPV4, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 4) out.add(p.ip[i].dstLo);
            if (Quoted.version(p) == 4) out.add(p.icmpQuoted.dstLo);
        });
        r.register("ip.addr", IPV4, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) {
                IpLayer l = p.ip[i];
                if (l.version == 4) {
                    out.add(l.srcLo);
                    out.add(l.dstLo);
                }
            }
            if (Quoted.version(p) == 4) {
                out.add(p.icmpQuoted.srcLo);
                out.add(p.icmpQuoted.dstLo);
            }
        });
        ip4(r, "ip.version", 0, l -> 4, p -> 4);
        ip4(r, "ip.hdr_len", 0, l -> l.headerLen, p -> p.icmpQuoted.headerLen);
        ip4(r, "ip.dsfield", 2, l -> l.tos, p -> Quoted.u8(p, 1));
        ip4(r, "ip.len", 0, l -> l.length, p -> p.icmpQuoted.length);
        ip4(r, "ip.id", 4, l -> l.id, p -> p.icmpQuoted.id);
        ip4(r, "ip.flags", 2, l -> l.flags, Quoted::flagsV4);
        ip4(r, "ip.frag_offset", 0, l -> l.fragOffset / 8, Quoted::fragOffsetV4);
        ip4(r, "ip.ttl", 0, l -> l.ttl, p -> p.icmpQuoted.ttl);
        ip4(r, "ip.proto", 0, l -> l.proto, p -> p.icmpQuoted.proto);
        ip4Bool(r, "ip.flags.rb", l -> (l.flags & 4) != 0, p -> (Quoted.flagsV4(p) & 4) != 0);
        ip4Bool(r, "ip.flags.df", l -> (l.flags & 2) != 0, p -> (Quoted.flagsV4(p) & 2) != 0);
        ip4Bool(r, "ip.flags.mf", l -> (l.flags & 1) != 0, p -> (Quoted.flagsV4(p) & 1) != 0);
    }

    private interface IpTest {
        boolean test(IpLayer l);
    }

    private interface QuotedTest {
        boolean test(Packet p);
    }

    private static void ip4(FieldRegistry r, String name, int hexDigits, IpGet get, QuotedGet quoted) {
        r.register(new Field(name, UINT, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 4) out.add(get.get(p.ip[i]));
            if (Quoted.version(p) == 4) out.add(quoted.get(p));
        }, hexDigits, false));
    }

    private static void ip4Bool(FieldRegistry r, String name, IpTest get, QuotedTest quoted) {
        r.register(name, BOOLEAN, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 4) out.add(get.test(p.ip[i]));
            if (Quoted.version(p) == 4) out.add(quoted.test(p));
        });
    }

    private static boolean hasIp(Packet p, int version) {
        for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == version) return true;
        return Quoted.version(p) == version;
    }

    private static void ipv6(FieldRegistry r) {
        r.registerProtocol("ipv6", v -> hasIp(v.packet(), 6));
        r.register("ipv6.src", IPV6, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 6) out.addIpv6(p.ip[i].srcHi, p.ip[i].srcLo);
            if (Quoted.version(p) == 6) out.addIpv6(p.icmpQuoted.srcHi, p.icmpQuoted.srcLo);
        });
        r.register("ipv6.dst", IPV6, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 6) out.addIpv6(p.ip[i].dstHi, p.ip[i].dstLo);
            if (Quoted.version(p) == 6) out.addIpv6(p.icmpQuoted.dstHi, p.icmpQuoted.dstLo);
        });
        r.register("ipv6.addr", IPV6, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) {
                IpLayer l = p.ip[i];
                if (l.version == 6) {
                    out.addIpv6(l.srcHi, l.srcLo);
                    out.addIpv6(l.dstHi, l.dstLo);
                }
            }
            if (Quoted.version(p) == 6) {
                out.addIpv6(p.icmpQuoted.srcHi, p.icmpQuoted.srcLo);
                out.addIpv6(p.icmpQuoted.dstHi, p.icmpQuoted.dstLo);
            }
        });
        ip6(r, "ipv6.version", 0, l -> 6, p -> 6);
        ip6(r, "ipv6.tclass", 8, l -> l.tos, p -> (Quoted.u16(p, 0) >> 4) & 0xff);
        ip6(r, "ipv6.plen", 0, l -> l.length, p -> p.icmpQuoted.length);
        ip6(r, "ipv6.nxt", 0, l -> l.nextHeader, p -> p.icmpQuoted.proto);
        ip6(r, "ipv6.hlim", 0, l -> l.ttl, p -> p.icmpQuoted.ttl);
    }

    private static void ip6(FieldRegistry r, String name, int hexDigits, IpGet get, QuotedGet quoted) {
        r.register(new Field(name, UINT, (v, out) -> {
            Packet p = v.packet();
            for (int i = 0; i < p.ipCount; i++) if (p.ip[i].version == 6) out.add(get.get(p.ip[i]));
            if (Quoted.version(p) == 6) out.add(quoted.get(p));
        }, hexDigits, false));
    }

    /** A TCP header field: of the packet's own TCP header, else of the one an ICMP error quotes. */
    private interface TcpGet {
        long get(FrameView v, Packet p);
    }

    private static void tcp(FieldRegistry r) {
        r.register(Field.protocolWithBytes("tcp", (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp()) {
                int start = Math.max(0, p.payloadOff - p.tcpHeaderLen);
                out.addBytes(p.payload, start, p.payloadOff + p.payloadLen - start);
            } else if (Quoted.l4Proto(v.packet(), 1) == 6) {
                int off = Quoted.l4Offset(p);
                out.addBytes(p.payload, off, Quoted.l4Available(p));
            }
        }));
        // the ports need 4 quoted bytes, the sequence number 8, the rest a whole header
        tcpField(r, "tcp.srcport", 0, 4, (v, p) -> p.srcPort, p -> Quoted.l4u16(p, 0));
        tcpField(r, "tcp.dstport", 0, 4, (v, p) -> p.dstPort, p -> Quoted.l4u16(p, 2));
        r.register("tcp.port", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp()) {
                out.add(p.srcPort);
                out.add(p.dstPort);
            } else if (Quoted.l4Proto(p, 4) == 6) {
                out.add(Quoted.l4u16(p, 0));
                out.add(Quoted.l4u16(p, 2));
            }
        });
        r.register("tcp.stream", UINT, (v, out) -> {
            Flow f = v.flow();
            Packet p = v.packet();
            if (p.outerUdpCount == 0 && f != null && f.isTcp() && p.isTcp()) out.add(f.stream());
            else if (f != null && f.isTcp() && p.isTcp()) out.add(f.stream());
            if (p.icmpQuotedStream >= 0 && p.icmpQuoted.proto == 6) out.add(p.icmpQuotedStream);
        });
        tcpField(r, "tcp.seq", 0, 8, (v, p) -> TcpNumbers.relativeSeq(v), p -> Quoted.l4u32(p, 4));
        tcpField(r, "tcp.seq_raw", 0, 8, (v, p) -> p.tcpSeq, p -> Quoted.l4u32(p, 4));
        tcpField(r, "tcp.ack", 0, 20, (v, p) -> TcpNumbers.relativeAck(v), p -> Quoted.l4u32(p, 8));
        tcpField(r, "tcp.ack_raw", 0, 20, (v, p) -> p.tcpAck, p -> Quoted.l4u32(p, 8));
        tcpField(r, "tcp.hdr_len", 0, 20, (v, p) -> p.tcpHeaderLen, p -> (Quoted.l4u8(p, 12) >> 4) * 4L);
        tcpField(r, "tcp.flags", 4, 20, (v, p) -> p.tcpFlags, p -> Quoted.l4u16(p, 12) & 0xfff);
        tcpField(r, "tcp.window_size_value", 0, 20, (v, p) -> p.tcpWindow, p -> Quoted.l4u16(p, 14));
        r.register("tcp.window_size", UINT, (v, out) -> {
            if (v.packet().isTcp()) out.add(TcpNumbers.window(v));
        });
        r.register("tcp.len", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp()) out.add(p.payloadWireLen);
        });
        r.register("tcp.nxtseq", UINT, (v, out) -> {
            Packet p = v.packet();
            if (!p.isTcp()) return;
            long n = TcpNumbers.relativeSeq(v) + p.payloadWireLen;
            if ((p.tcpFlags & Packet.TCP_SYN) != 0) n++;
            if ((p.tcpFlags & Packet.TCP_FIN) != 0) n++;
            out.add(n & U32);
        });
        r.register("tcp.payload", BYTES, (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp() && p.payloadLen > 0) out.addBytes(p.payload, p.payloadOff, p.payloadLen);
        });
        r.register("tcp.flags.str", STRING, (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp()) out.addString(FLAG_STRINGS[p.tcpFlags & 0xfff]);
            else if (Quoted.l4Proto(p, 20) == 6) out.addString(FLAG_STRINGS[Quoted.l4u16(p, 12) & 0xfff]);
        });
        tcpFlag(r, "tcp.flags.fin", Packet.TCP_FIN);
        tcpFlag(r, "tcp.flags.syn", Packet.TCP_SYN);
        tcpFlag(r, "tcp.flags.reset", Packet.TCP_RST);
        tcpFlag(r, "tcp.flags.push", Packet.TCP_PSH);
        tcpFlag(r, "tcp.flags.ack", Packet.TCP_ACK);
        tcpFlag(r, "tcp.flags.urg", Packet.TCP_URG);
        tcpFlag(r, "tcp.flags.ece", Packet.TCP_ECE);
        tcpFlag(r, "tcp.flags.cwr", Packet.TCP_CWR);
        tcpFlag(r, "tcp.flags.ae", Packet.TCP_NS);
    }

    /** tcp.flags.str as Wireshark writes it: a letter per set bit, from the reserved bits to FIN, "·" for a clear one. */
    private static final String[] FLAG_STRINGS = new String[4096];

    static {
        String letters = "RRRNCEUAPRSF";
        for (int f = 0; f < 4096; f++) {
            StringBuilder sb = new StringBuilder(12);
            for (int i = 0; i < 12; i++) sb.append((f & (1 << (11 - i))) != 0 ? letters.charAt(i) : '\u00b7');
            FLAG_STRINGS[f] = sb.toString();
        }
    }

    private static void tcpField(FieldRegistry r, String name, int hexDigits, int quotedNeed, TcpGet get, QuotedGet quoted) {
        r.register(new Field(name, UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp()) out.add(get.get(v, p));
            else if (Quoted.l4Proto(p, quotedNeed) == 6) out.add(quoted.get(p));
        }, hexDigits, false));
    }

    private static void tcpFlag(FieldRegistry r, String name, int bit) {
        r.register(name, BOOLEAN, (v, out) -> {
            Packet p = v.packet();
            if (p.isTcp()) out.add((p.tcpFlags & bit) != 0);
            else if (Quoted.l4Proto(p, 20) == 6) out.add((Quoted.l4u16(p, 12) & bit) != 0);
        });
    }

    private static void udp(FieldRegistry r) {
        r.register(Field.protocolWithBytes("udp", (v, out) -> {
            Packet p = v.packet();
            if (p.isUdp()) {
                int start = Math.max(0, p.payloadOff - 8);
                out.addBytes(p.payload, start, p.payloadOff + p.payloadLen - start);
            } else if (Quoted.l4Proto(p, 1) == 17) {
                out.addBytes(p.payload, Quoted.l4Offset(p), Quoted.l4Available(p));
            }
        }));
        udpField(r, "udp.srcport", 4, p -> p.srcPort, p -> Quoted.l4u16(p, 0));
        udpField(r, "udp.dstport", 4, p -> p.dstPort, p -> Quoted.l4u16(p, 2));
        r.register("udp.port", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.isUdp()) {
                out.add(p.srcPort);
                out.add(p.dstPort);
            } else if (Quoted.l4Proto(p, 8) == 17) {
                out.add(Quoted.l4u16(p, 0));
                out.add(Quoted.l4u16(p, 2));
            }
        });
        udpField(r, "udp.length", 8, p -> p.udpLength, p -> Quoted.l4u16(p, 4));
        r.register("udp.stream", UINT, (v, out) -> {
            Flow f = v.flow();
            Packet p = v.packet();
            for (int i = 0; i < p.outerUdpCount; i++) out.add(p.outerUdpStream[i]);
            if (f != null && !f.isTcp() && p.isUdp()) out.add(f.stream());
            if (p.icmpQuotedStream >= 0 && p.icmpQuoted.proto == 17) out.add(p.icmpQuotedStream);
        });
    }

    private static void udpField(FieldRegistry r, String name, int quotedNeed, QuotedGet get, QuotedGet quoted) {
        r.register(name, UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.isUdp()) out.add(get.get(p));
            else if (Quoted.l4Proto(p, quotedNeed) == 17) out.add(quoted.get(p));
        });
    }

    private static void icmp(FieldRegistry r) {
        r.register("icmp.type", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.l4Proto == 1) out.add(p.icmpType);
            if (Quoted.l4Proto(p, 4) == 1) out.add(Quoted.l4u8(p, 0));
        });
        r.register("icmp.code", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.l4Proto == 1) out.add(p.icmpCode);
            if (Quoted.l4Proto(p, 4) == 1) out.add(Quoted.l4u8(p, 1));
        });
        r.register("icmpv6.type", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.l4Proto == 58) out.add(p.icmpType);
            if (Quoted.l4Proto(p, 4) == 58) out.add(Quoted.l4u8(p, 0));
        });
        r.register("icmpv6.code", UINT, (v, out) -> {
            Packet p = v.packet();
            if (p.l4Proto == 58) out.add(p.icmpCode);
            if (Quoted.l4Proto(p, 4) == 58) out.add(Quoted.l4u8(p, 1));
        });
    }
}
