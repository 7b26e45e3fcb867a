package org.nta.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.*;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.capture.Frame;
import org.nta.capture.LinkTypes;
import org.nta.testing.Bytes2;

/** Link, network and transport decoding on hand-built frames. */
class PacketDecoderTest {
    final PacketDecoder decoder = new PacketDecoder();
    final Packet p = new Packet();
    long n;

    Packet decode(int linkType, byte[] data) {
        Frame f = new Frame();
        f.number = ++n;
        f.tsSec = n;
        f.linkType = linkType;
        f.data = data;
        f.capLen = data.length;
        f.origLen = data.length;
        decoder.decode(f, p);
        return p;
    }

    static final byte[] SYN = tcp(40000, 80, 1000, 0, 0x02, new byte[0]);

    @Test
    void ethernetIpv4Tcp() {
        decode(1, eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80, 1, 2, 0x18, "GET /".getBytes()))));
        assertThat(p.pathString()).isEqualTo("eth:ip:tcp:data");
        assertThat(p.ethSrc).isEqualTo(0x080027000001L);
        assertThat(p.innerIp().srcString()).isEqualTo("10.0.0.1");
        assertThat(p.srcPort).isEqualTo(40000);
        assertThat(p.tcpFlags).isEqualTo(0x18);
        assertThat(p.payloadLen).isEqualTo(5);
        assertThat(p.anomaly).isNull();
    }

    @Test
    void stackedVlanTagsOfAnyDepth() {
        byte[] inner = ipv4("10.0.0.1", "10.0.0.2", 17, udp(5353, 53, new byte[4]));
        byte[] tagged = vlan(20, 0x8100, vlan(30, 0x8100, vlan(40, 0x0800, inner)));
        decode(1, eth(0x88a8, tagged));
        assertThat(p.vlanCount).isEqualTo(3);
        assertThat(p.vlanIds[0]).isEqualTo(20);
        assertThat(p.vlanIds[2]).isEqualTo(40);
        assertThat(p.isUdp()).isTrue();
    }

    @Test
    void pppoeSession() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SYN);
        byte[] pppoe = new Bytes2().u8(0x11).u8(0).u16(7).u16(ip.length + 2).u16(0x0021).bytes(ip).build();
        decode(1, eth(0x8864, pppoe));
        assertThat(p.pathString()).isEqualTo("eth:pppoes:ppp:ip:tcp");
        assertThat(p.isTcp()).isTrue();
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SYN);
        byte[] sll = new Bytes2().u16(0).u16(1).u16(6).bytes(MAC_A).u16(0).u16(0x0800).bytes(ip).build();
        decode(LinkTypes.LINUX_SLL, sll);
        assertThat(p.isTcp()).isTrue();
        byte[] sll2 = new Bytes2().u16(0x86dd).u16(0).u32(2).u16(1).u8(0).u8(6).bytes(MAC_A).u16(0)
                .bytes(ipv6("2001:db8::1", "2001:db8::2", 6, SYN)).build();
        decode(LinkTypes.LINUX_SLL2, sll2);
        assertThat(p.innerIp().version).isEqualTo(6);
        assertThat(p.isTcp()).isTrue();
    }

    @Test
    void rawIpOfEveryLinkTypeValueAndBothIpVersions() {
        for (int lt : new int[] {101, 12, 14, 228, 229}) {
            byte[] pkt = lt == 229 ? ipv6("::1", "::2", 17, udp(1, 2, new byte[0])) : ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[0]));
            decode(lt, pkt);
            assertThat(p.isUdp()).as("link type " + lt).isTrue();
        }
        decode(101, ipv6("::1", "::2", 17, udp(1, 2, new byte[0])));
        assertThat(p.innerIp().version).isEqualTo(6);
    }

    @Test
    void bsdLoopbackWithEveryFamilyValueAndByteOrder() {
        byte[] v6 = ipv6("::1", "::1", 6, SYN);
        for (int fam : new int[] {24, 28, 30}) {
            decode(LinkTypes.NULL, Bytes2.concat(new Bytes2().u32le(fam).build(), v6));
            assertThat(p.isTcp()).as("AF %d little-endian", fam).isTrue();
            decode(LinkTypes.NULL, Bytes2.concat(new Bytes2().u32(fam).build(), v6));
            assertThat(p.isTcp()).as("AF %d big-endian", fam).isTrue();
            decode(LinkTypes.LOOP, Bytes2.concat(new Bytes2().u32(fam).build(), v6));
            assertThat(p.isTcp()).as("OpenBSD loop AF %d", fam).isTrue();
        }
        decode(LinkTypes.NULL, Bytes2.concat(new Bytes2().u32le(2).build(), ipv4("127.0.0.1", "127.0.0.1", 6, SYN)));
        assertThat(p.isTcp()).isTrue();
        decode(LinkTypes.NULL, Bytes2.concat(new Bytes2().u32le(99).build(), new byte[20]));
        assertThat(p.anomaly).isEqualTo(Anomaly.NULL_UNKNOWN_FAMILY);
    }

    @Test
    void unknownLinkTypeIsCountedNotFatal() {
        decode(147, new byte[40]);
        assertThat(p.undecodedLink).isTrue();
        assertThat(decoder.undecodedLinkTypes()).containsEntry(147, 1L);
    }

    @Test
    void ipv4OptionsAreSkipped() {
        byte[] opts = {(byte) 0x94, 4, 0, 0}; // router alert
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 6, SYN, 1, 0, false, opts)));
        assertThat(p.innerIp().headerLen).isEqualTo(24);
        assertThat(p.dstPort).isEqualTo(80);
    }

    @Test
    void ipv4FragmentsAreReassembledOnTheFrameThatCompletesThem() {
        byte[] udp = udp(1234, 53, new byte[100]);
        byte[] first = java.util.Arrays.copyOfRange(udp, 0, 56), second = java.util.Arrays.copyOfRange(udp, 56, udp.length);
        // last fragment first: the datagram completes on the second frame
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, second, 77, 56, false, new byte[0])));
        assertThat(p.fragment).isTrue();
        assertThat(p.l4Proto).isEqualTo(-1);
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, first, 77, 0, true, new byte[0])));
        assertThat(p.fragment).isFalse();
        assertThat(p.isUdp()).isTrue();
        assertThat(p.dstPort).isEqualTo(53);
        assertThat(p.payloadLen).isEqualTo(100);
    }

    @Test
    void overlappingFragmentsWithDifferentBytesAreCounted() {
        byte[] a = new byte[64], b = new byte[64];
        java.util.Arrays.fill(b, (byte) 9);
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, a, 5, 0, true, new byte[0])));
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, b, 5, 32, true, new byte[0])));
        assertThat(decoder.anomalies().count(Anomaly.IPV4_FRAG_OVERLAP)).isEqualTo(1);
    }

    @Test
    void fragmentsBeyond64KiBAreRejected() {
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 17, new byte[1000], 9, 65_000, false, new byte[0])));
        assertThat(decoder.anomalies().count(Anomaly.FRAG_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void ipv6ExtensionHeadersAndFragments() {
        byte[] udp = udp(5000, 53, new byte[40]);
        byte[] hop = new Bytes2().u8(44).u8(0).zeros(6).build();
        byte[] frag1 = new Bytes2().u8(17).u8(0).u16(0 | 1).u32(0xabcd).bytes(java.util.Arrays.copyOf(udp, 24)).build();
        byte[] frag2 = new Bytes2().u8(17).u8(0).u16(24).u32(0xabcd).bytes(java.util.Arrays.copyOfRange(udp, 24, udp.length)).build();
        decode(1, eth(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 0, Bytes2.concat(hop, frag1))));
        assertThat(p.fragment).isTrue();
        decode(1, eth(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 0, Bytes2.concat(hop, frag2))));
        assertThat(p.isUdp()).isTrue();
        assertThat(p.payloadLen).isEqualTo(40);
    }

    @Test
    void tunnelsAreDecodedToTheInnerPacket() {
        byte[] inner = ipv4("192.168.0.1", "192.168.0.2", 6, SYN);
        decode(1, eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 4, inner)));
        assertThat(p.ipCount).isEqualTo(2);
        assertThat(p.innerIp().srcString()).isEqualTo("192.168.0.1");
        assertThat(p.isTcp()).isTrue();

        decode(1, eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 41, ipv6("2001:db8::1", "2001:db8::2", 6, SYN))));
        assertThat(p.innerIp().version).isEqualTo(6);
        assertThat(p.pathString()).isEqualTo("eth:ip:ipv6:tcp");

        byte[] gre = new Bytes2().u16(0x2000).u16(0x0800).u32(42).bytes(inner).build(); // with a key
        decode(1, eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 47, gre)));
        assertThat(p.pathString()).isEqualTo("eth:ip:gre:ip:tcp");
        assertThat(p.isTcp()).isTrue();
    }

    @Test
    void tunnelDepthIsBounded() {
        byte[] pkt = ipv4("9.9.9.9", "9.9.9.8", 6, SYN);
        for (int i = 0; i < 10; i++) pkt = ipv4("10.0.0." + i, "10.0.1." + i, 4, pkt);
        decode(101, pkt);
        assertThat(p.anomaly).isEqualTo(Anomaly.TUNNEL_TOO_DEEP);
    }

    @Test
    void tcpOptions() {
        byte[] opts = new Bytes2().u8(2).u8(4).u16(1460).u8(4).u8(2).u8(1).u8(3).u8(3).u8(7).u8(0).u8(0).build(); // MSS, SACK-perm, NOP, WS, EOL
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 6, tcpWithOptions(1, 2, 3, 0, 2, opts, new byte[0]))));
        assertThat(p.tcpMss).isEqualTo(1460);
        assertThat(p.tcpSackPerm).isTrue();
        assertThat(p.tcpWscale).isEqualTo(7);
        byte[] bad = {2, 40, 0, 0};
        decode(1, eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 6, tcpWithOptions(1, 2, 3, 0, 2, bad, new byte[0]))));
        assertThat(p.anomaly).isEqualTo(Anomaly.TCP_OPTIONS_MALFORMED);
        assertThat(p.isTcp()).as("a bad option does not lose the segment").isTrue();
    }

    @Test
    void icmpErrorQuotesTheOffendingHeader() {
        byte[] quoted = ipv4("10.0.0.5", "10.0.0.4", 17, udp(33000, 161, new byte[0]));
        byte[] icmp = new Bytes2().u8(3).u8(3).u16(0).u32(0).bytes(quoted).build();
        decode(1, eth(0x0800, ipv4("10.0.0.4", "10.0.0.5", 1, icmp)));
        assertThat(p.icmpType).isEqualTo(3);
        assertThat(p.hasIcmpQuoted).isTrue();
        assertThat(p.icmpQuoted.dstString()).isEqualTo("10.0.0.4");
        assertThat(p.icmpQuotedDstPort).isEqualTo(161);
        assertThat(p.isUdp()).as("the quoted header is not a packet of its own").isFalse();
    }

    @Test
    void truncatedHeadersAreAnomaliesNotExceptions() {
        byte[] full = eth(0x0800, ipv4("1.1.1.1", "2.2.2.2", 6, SYN));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            decode(1, cut);
            if (len < full.length) assertThat(p.anomaly).as("cut at %d", len).isNotNull();
        }
    }

    @Test
    void segmentationOffloadLengthZeroTakesTheFrameLength() {
        byte[] pkt = ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 3, 4, 0x10, new byte[70_000 - 40]));
        pkt[2] = 0;
        pkt[3] = 0;
        decode(101, pkt);
        assertThat(p.isTcp()).isTrue();
        assertThat(p.payloadLen).isEqualTo(70_000 - 40);
    }
}
