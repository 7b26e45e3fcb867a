package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.filter.TestFrames.*;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nta.decode.Packet;
import org.nta.event.Event;

/** Evaluation semantics on frames built byte by byte and decoded by the real decoder and flow table. */
class DisplayFilterTest {
    static final long T0 = 1_795_850_856_901_637_000L; // 2026-11-28 07:27:36.901637 UTC

    /** An application event for the registry tests. */
    record Http(long frame, long timeNs, String method, String host, int code) implements Event {}

    private FieldRegistry fields;

    @BeforeEach
    void registry() {
        fields = FieldRegistry.packetFields();
        fields.registerProtocol("http", v -> v.events().stream().anyMatch(e -> e instanceof Http));
        fields.registerEventField("http.request.method", FieldType.STRING, Http.class, (e, out) -> {
            if (e.method() != null) out.addString(e.method());
        });
        fields.registerEventField("http.host", FieldType.STRING, Http.class, (e, out) -> {
            if (e.host() != null) out.addString(e.host());
        });
        fields.registerEventField("http.response.code", FieldType.UINT, Http.class, (e, out) -> {
            if (e.code() > 0) out.add(e.code());
        });
    }

    private boolean m(String filter, FrameView v) {
        try {
            return DisplayFilter.compile(filter, fields).matches(v);
        } catch (FilterException e) {
            throw new AssertionError(e.caretMessage(), e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A handshake and a request: frames 1-4 of 10.0.0.1:40000 -> 10.0.0.2:80, seq bases 1000 and 5000. */
    private List<FrameView> handshake(TestFrames tf) {
        FrameView syn = tf.feed(tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, Packet.TCP_SYN, new byte[0]), T0);
        FrameView synAck = tf.feed(tcpFrame("10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001, Packet.TCP_SYN | Packet.TCP_ACK, new byte[0]), T0 + 1_000_000);
        FrameView ack = tf.feed(tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, Packet.TCP_ACK, new byte[0]), T0 + 2_000_000);
        FrameView get = tf.feed(tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, Packet.TCP_ACK | Packet.TCP_PSH,
                ascii("GET /x HTTP/1.1\r\n\r\n")), T0 + 1_500_000_000L, List.of(new Http(4, T0 + 1_500_000_000L, "GET", "Example.org", 0)));
        return List.of(syn, synAck, ack, get);
    }

    @Test
    void comparisonOperatorsOnIntegers() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("tcp.dstport == 80", v)).isTrue();
        assertThat(m("tcp.dstport eq 80", v)).isTrue();
        assertThat(m("tcp.dstport != 80", v)).isFalse();
        assertThat(m("tcp.dstport ne 81", v)).isTrue();
        assertThat(m("tcp.dstport > 79", v)).isTrue();
        assertThat(m("tcp.dstport gt 80", v)).isFalse();
        assertThat(m("tcp.dstport < 81", v)).isTrue();
        assertThat(m("tcp.dstport lt 80", v)).isFalse();
        assertThat(m("tcp.dstport >= 80", v)).isTrue();
        assertThat(m("tcp.dstport ge 81", v)).isFalse();
        assertThat(m("tcp.dstport <= 80", v)).isTrue();
        assertThat(m("tcp.dstport le 79", v)).isFalse();
    }

    @Test
    void integerLiterals() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("tcp.dstport == 0x50", v)).isTrue();
        assertThat(m("tcp.dstport == 0120", v)).isTrue(); // octal, as in Wireshark
        assertThat(m("tcp.dstport == 0b1010000", v)).isTrue();
        assertThat(m("tcp.dstport == 'P'", v)).isTrue();
    }

    @Test
    void relativeSequenceNumbersAsWireshark() {
        List<FrameView> f = handshakeFrames();
        assertThat(m("tcp.seq == 0 && tcp.ack == 0", f.get(0))).isTrue();
        assertThat(m("tcp.nxtseq == 1", f.get(0))).isTrue();
        assertThat(m("tcp.seq_raw == 1000", f.get(0))).isTrue();
        assertThat(m("tcp.seq == 0 && tcp.ack == 1", f.get(1))).isTrue();
        assertThat(m("tcp.ack_raw == 1001", f.get(1))).isTrue();
        assertThat(m("tcp.seq == 1 && tcp.ack == 1", f.get(2))).isTrue();
        assertThat(m("tcp.len == 19 && tcp.nxtseq == 20", f.get(3))).isTrue();
    }

    /** Frames fed on demand, in order: the view object is reused, so a frame must be checked before the next is fed. */
    private List<FrameView> handshakeFrames() {
        return new java.util.AbstractList<>() {
            final TestFrames tf = new TestFrames();
            final List<byte[]> frames = List.of(
                    tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, Packet.TCP_SYN, new byte[0]),
                    tcpFrame("10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001, Packet.TCP_SYN | Packet.TCP_ACK, new byte[0]),
                    tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, Packet.TCP_ACK, new byte[0]),
                    tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, Packet.TCP_ACK | Packet.TCP_PSH, ascii("GET /x HTTP/1.1\r\n\r\n")));
            int fed;
            FrameView last;

            @Override
            public FrameView get(int i) {
                while (fed <= i) last = tf.feed(frames.get(fed), T0 + fed++ * 1_000_000L);
                return last;
            }

            @Override
            public int size() {
                return frames.size();
            }
        };
    }

    @Test
    void flagsAreBooleansThatAreAlwaysPresentInTcp() {
        FrameView syn = new TestFrames().feed(tcpFrame("10.0.0.1", "10.0.0.2", 1, 2, 7, 0, Packet.TCP_SYN, new byte[0]), T0);
        assertThat(m("tcp.flags.syn == 1 && tcp.flags.ack == 0", syn)).isTrue();
        assertThat(m("tcp.flags.syn == True && tcp.flags.ack == False", syn)).isTrue();
        assertThat(m("tcp.flags.syn == 2", syn)).isTrue(); // any non-zero number is true
        assertThat(m("tcp.flags.ack", syn)).isTrue(); // a field alone tests presence, not its value
        assertThat(m("tcp.flags == 0x0002", syn)).isTrue();
        assertThat(m("tcp.flags & 0x02", syn)).isTrue();
        assertThat(m("tcp.flags & 0x10", syn)).isFalse();
        assertThat(m("tcp.flags & 0x12 == 0x02", syn)).isTrue();
    }

    @Test
    void multiValuedFieldsUseWireshark4Semantics() {
        FrameView v = new TestFrames().feed(udpFrame("10.0.0.1", "10.0.0.2", 5353, 53, new byte[4]), T0);
        // ip.addr is 10.0.0.1 and 10.0.0.2
        assertThat(m("ip.addr == 10.0.0.1", v)).isTrue(); // any equal
        assertThat(m("ip.addr != 10.0.0.1", v)).isFalse(); // all differ
        assertThat(m("ip.addr != 10.0.0.9", v)).isTrue();
        assertThat(m("!(ip.addr == 10.0.0.1)", v)).isFalse();
        assertThat(m("ip.addr === 10.0.0.1", v)).isFalse(); // all equal
        assertThat(m("ip.addr !== 10.0.0.1", v)).isTrue(); // any differs
        assertThat(m("ip.addr ~= 10.0.0.1", v)).isTrue();
        assertThat(m("udp.port === 53", v)).isFalse();
        assertThat(m("count(ip.addr) == 2", v)).isTrue();
        assertThat(m("udp.port in {53}", v)).isTrue();
        assertThat(m("udp.port not in {53}", v)).isFalse();
        assertThat(m("ip.src == ip.dst", v)).isFalse();
        assertThat(m("ip.src != ip.dst", v)).isTrue();
        assertThat(m("ip.src < ip.dst", v)).isTrue();
    }

    @Test
    void anAbsentFieldMakesEveryComparisonFalse() {
        FrameView v = new TestFrames().feed(udpFrame("10.0.0.1", "10.0.0.2", 5353, 53, new byte[4]), T0);
        assertThat(m("tcp.port == 80", v)).isFalse();
        assertThat(m("tcp.port != 80", v)).isFalse();
        assertThat(m("tcp.port !== 80", v)).isFalse();
        assertThat(m("tcp.port === 80", v)).isFalse();
        assertThat(m("tcp.port > 0", v)).isFalse();
        assertThat(m("tcp.port in {1..65535}", v)).isFalse();
        assertThat(m("!(tcp.port == 80)", v)).isTrue();
        assertThat(m("tcp.port not in {80}", v)).isTrue();
        assertThat(m("ipv6.addr != ::1", v)).isFalse();
        assertThat(m("tcp", v)).isFalse();
        assertThat(m("!tcp && udp && ip && eth && frame", v)).isTrue();
    }

    @Test
    void setsWithRanges() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("tcp.port in {80, 443, 8000..8080}", v)).isTrue();
        assertThat(m("tcp.port in {80 443 8000..8080}", v)).isTrue(); // Wireshark 3.x spelling
        assertThat(m("tcp.dstport in {81..90, 443}", v)).isFalse();
        assertThat(m("tcp.srcport in {39999..40001}", v)).isTrue();
        assertThat(m("ip.src in {10.0.0.0/30}", v)).isTrue();
        assertThat(m("ip.src in {9.0.0.0..10.0.0.1}", v)).isTrue();
        assertThat(m("ip.src in {10.0.0.2..10.0.0.9}", v)).isFalse();
        assertThat(m("http.request.method in {\"GET\", \"HEAD\"}", v)).isTrue();
        assertThat(m("http.request.method in {\"POST\"}", v)).isFalse();
    }

    @Test
    void ipv4AddressesAndNetworks() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("ip.src == 10.0.0.1", v)).isTrue();
        assertThat(m("ip.src == 10.0.0.0/8", v)).isTrue();
        assertThat(m("ip.src == 10.0.0.0/31", v)).isTrue();
        assertThat(m("ip.src == 10.0.0.2/31", v)).isFalse();
        assertThat(m("ip.src == 0.0.0.0/0", v)).isTrue();
        assertThat(m("ip.addr != 10.0.0.0/30", v)).isFalse();
        assertThat(m("ip.dst > 10.0.0.1", v)).isTrue();
        assertThat(m("ip.src[0:2] == 0a:00", v)).isTrue();
        assertThat(m("ip.proto == 6 && ip.ttl == 64 && ip.id == 1 && ip.flags.df == 1 && ip.flags.mf == 0", v)).isTrue();
        assertThat(m("ip.flags == 0x02 && ip.hdr_len == 20 && ip.version == 4 && ip.frag_offset == 0", v)).isTrue();
        assertThat(m("ip.len == 59", v)).isTrue();
    }

    @Test
    void ipv6AddressesAndNetworks() {
        long[] src = {0x20010db800000000L, 1}, dst = {0xfe80000000000000L, 0x0a0027fffe5e0105L};
        byte[] frame = eth(MAC_A, MAC_B, 0x86dd, ipv6(src, dst, 6, 64, tcp(1234, 443, 1, 0, Packet.TCP_SYN, 100, new byte[0])));
        FrameView v = new TestFrames().feed(frame, T0);
        assertThat(m("ipv6.src == 2001:db8::1", v)).isTrue();
        assertThat(m("ipv6.src == 2001:db8:0:0:0:0:0:1", v)).isTrue();
        assertThat(m("ipv6.src == 2001:db8::/32", v)).isTrue();
        assertThat(m("ipv6.src == 2001:db9::/32", v)).isFalse();
        assertThat(m("ipv6.addr == fe80::/10", v)).isTrue();
        assertThat(m("ipv6.dst == fe80::a00:27ff:fe5e:105", v)).isTrue();
        assertThat(m("ipv6.addr != fe80::a00:27ff:fe5e:105", v)).isFalse();
        assertThat(m("ipv6.dst in {fe80::/64, ::1}", v)).isTrue();
        assertThat(m("ipv6.src in {2001:db8::..2001:db8::ff}", v)).isTrue();
        assertThat(m("ipv6.dst > 2001:db8::1", v)).isTrue();
        assertThat(m("ipv6.nxt == 6 && ipv6.hlim == 64 && ipv6.plen == 20", v)).isTrue();
        assertThat(m("ipv6.src[0:2] == 20:01", v)).isTrue();
        assertThat(m("ipv6.addr == ::ffff:10.0.0.1", v)).isFalse();
        assertThat(m("ip", v)).isFalse();
        assertThat(m("ipv6 && tcp && tcp.flags.syn == 1", v)).isTrue();
    }

    @Test
    void macAddressesInEveryNotation() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("eth.src == 08:00:27:5e:01:05", v)).isTrue();
        assertThat(m("eth.src == 08-00-27-5e-01-05", v)).isTrue();
        assertThat(m("eth.src == 0800.275e.0105", v)).isTrue();
        assertThat(m("eth.addr == 08:00:27:5e:02:09", v)).isTrue();
        assertThat(m("eth.src[0:3] == 08:00:27", v)).isTrue();
        assertThat(m("eth.src contains 5e:01", v)).isTrue();
        assertThat(m("eth.type == 0x0800", v)).isTrue();
        assertThat(m("eth.dst[5] == 09", v)).isTrue();
    }

    @Test
    void vlanTags() {
        byte[] frame = ethVlan(MAC_A, BROADCAST, 100, 0x0800, ipv4("10.0.0.1", "10.0.0.255", 17, 1, 3, 0, udp(1, 2, new byte[0])));
        FrameView v = new TestFrames().feed(frame, T0);
        assertThat(m("vlan && vlan.id == 100", v)).isTrue();
        assertThat(m("eth.type == 0x8100", v)).isTrue();
        assertThat(m("eth.dst == ff:ff:ff:ff:ff:ff", v)).isTrue();
    }

    @Test
    void stringsFromApplicationEvents() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("http", v)).isTrue();
        assertThat(m("http.request.method == \"GET\"", v)).isTrue();
        assertThat(m("http.request.method == GET", v)).isTrue(); // an unquoted word is a string literal
        assertThat(m("http.request.method == \"get\"", v)).isFalse();
        assertThat(m("http.host contains \"ample\"", v)).isTrue();
        assertThat(m("http.host contains \"AMPLE\"", v)).isFalse(); // contains is case-sensitive
        assertThat(m("http.host matches \"^example\\\\.ORG$\"", v)).isTrue(); // matches is not (Wireshark 4.0)
        assertThat(m("http.host ~ \"(?-i)^example\"", v)).isFalse();
        assertThat(m("http.host matches r\"e\\.org\"", v)).isTrue();
        assertThat(m("lower(http.host) == \"example.org\"", v)).isTrue();
        assertThat(m("upper(http.host) == \"EXAMPLE.ORG\"", v)).isTrue();
        assertThat(m("len(http.host) == 11", v)).isTrue();
        assertThat(m("http.host > \"A\"", v)).isTrue();
        assertThat(m("http.response.code", v)).isFalse();
        assertThat(m("http.response.code != 200", v)).isFalse();
    }

    @Test
    void bytesOfProtocolsAndPayload() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("frame contains \"GET /x\"", v)).isTrue();
        assertThat(m("tcp contains \"GET /x\"", v)).isTrue();
        assertThat(m("tcp.payload contains 0d:0a:0d:0a", v)).isTrue();
        assertThat(m("tcp.payload[0:3] == \"GET\"", v)).isTrue();
        assertThat(m("tcp.payload[0:3] == 47:45:54", v)).isTrue();
        assertThat(m("tcp.payload[-4:] == 0d:0a:0d:0a", v)).isTrue();
        assertThat(m("tcp.payload[0:2,4:2] == \"GE/x\"", v)).isTrue();
        assertThat(m("tcp.payload[100:2] == 00:00", v)).isFalse(); // a slice past the end gives no value
        assertThat(m("frame matches \"get /X\"", v)).isTrue();
        assertThat(m("frame[12:2] == 08:00", v)).isTrue();
        assertThat(m("len(frame) == 73", v)).isTrue();
        assertThat(m("frame.len == 73 && frame.cap_len == 73", v)).isTrue();
        assertThat(m("udp contains \"GET\"", v)).isFalse();
    }

    @Test
    void timeFields() {
        TestFrames tf = new TestFrames();
        FrameView f1 = tf.feed(udpFrame("10.0.0.1", "10.0.0.2", 1, 2, new byte[0]), T0);
        assertThat(m("frame.time_relative == 0 && frame.time_delta == 0 && frame.number == 1", f1)).isTrue();
        FrameView f2 = tf.feed(udpFrame("10.0.0.1", "10.0.0.2", 1, 2, new byte[0]), T0 + 1_500_000_000L);
        assertThat(m("frame.time_relative == 1.5", f2)).isTrue();
        assertThat(m("frame.time_delta > 1.4999 && frame.time_delta < 1.5001", f2)).isTrue();
        assertThat(m("frame.time_epoch > 1795850858.4", f2)).isTrue();
        assertThat(m("frame.time == \"2026-11-28 07:27:38.401637\"", f2)).isTrue();
        assertThat(m("frame.time == \"Nov 28, 2026 07:27:38.401637000 UTC\"", f2)).isTrue();
        assertThat(m("frame.time > \"2026-11-28T07:27:38Z\"", f2)).isTrue();
        assertThat(m("frame.time > \"2026-11-28T08:27:38+01:00\"", f2)).isTrue();
        assertThat(m("frame.time < \"2026-11-28 07:27:38\"", f2)).isFalse();
        FrameView f3 = tf.feed(udpFrame("10.0.0.1", "10.0.0.2", 1, 2, new byte[0]), T0 + 1_000_000_000L);
        assertThat(m("frame.time_delta == -0.5 && frame.time_relative == 1", f3)).isTrue(); // out-of-order capture
    }

    @Test
    void absoluteTimesWithoutZoneUseTheGivenZone() throws Exception {
        FrameView v = new TestFrames().feed(udpFrame("10.0.0.1", "10.0.0.2", 1, 2, new byte[0]), T0);
        DisplayFilter paris = DisplayFilter.compile("frame.time > \"2026-11-28 08:27:36\"", fields, ZoneOffset.ofHours(1));
        assertThat(paris.matches(v)).isTrue();
        DisplayFilter utc = DisplayFilter.compile("frame.time > \"2026-11-28 08:27:36\"", fields);
        assertThat(utc.matches(v)).isFalse();
    }

    @Test
    void logicalOperatorsAndPrecedence() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("tcp.dstport == 80 && ip.src == 10.0.0.1", v)).isTrue();
        assertThat(m("tcp.dstport == 80 and ip.src == 10.0.0.9", v)).isFalse();
        assertThat(m("tcp.dstport == 81 || ip.src == 10.0.0.1", v)).isTrue();
        assertThat(m("tcp.dstport == 81 or udp", v)).isFalse();
        assertThat(m("!udp", v)).isTrue();
        assertThat(m("not tcp", v)).isFalse();
        // && before ||: true || (false && false)
        assertThat(m("tcp || udp && arp", v)).isTrue();
        assertThat(m("(tcp || udp) && arp", v)).isFalse();
        // ! before &&: (!udp) && tcp
        assertThat(m("!udp && tcp", v)).isTrue();
        assertThat(m("!(udp && tcp)", v)).isTrue();
        assertThat(m("!tcp.dstport == 80", v)).isFalse();
        assertThat(m("not not tcp", v)).isTrue();
    }

    @Test
    void tcpStreamAndUdpStream() {
        TestFrames tf = new TestFrames();
        assertThat(m("tcp.stream == 0", tf.feed(tcpFrame("10.0.0.1", "10.0.0.2", 1, 2, 7, 0, Packet.TCP_SYN, new byte[0]), T0))).isTrue();
        assertThat(m("tcp.stream == 1", tf.feed(tcpFrame("10.0.0.1", "10.0.0.3", 1, 2, 7, 0, Packet.TCP_SYN, new byte[0]), T0))).isTrue();
        assertThat(m("udp.stream == 0 && !tcp.stream", tf.feed(udpFrame("10.0.0.1", "10.0.0.2", 1, 2, new byte[0]), T0))).isTrue();
    }

    @Test
    void icmpErrorsAddTheQuotedHeader() {
        byte[] quoted = ipv4("10.0.0.1", "10.0.0.2", 17, 1, 77, 2, udp(33434, 53, new byte[4]));
        byte[] icmp = new Bytes().u8(11).u8(0).u16(0).u32(0).raw(quoted).get();
        FrameView v = new TestFrames().feed(eth(MAC_B, MAC_A, 0x0800, ipv4("192.0.2.1", "10.0.0.1", 1, 250, 9, 0, icmp)), T0);
        assertThat(m("icmp.type == 11 && icmp.code == 0", v)).isTrue();
        assertThat(m("ip.src == 192.0.2.1 && ip.src == 10.0.0.1", v)).isTrue();
        assertThat(m("count(ip.src) == 2", v)).isTrue();
        assertThat(m("ip.ttl == 1 && ip.ttl == 250", v)).isTrue();
        assertThat(m("ip.flags.df == 1 && ip.flags.df == 0", v)).isTrue();
        assertThat(m("ip.id == 77", v)).isTrue();
        assertThat(m("udp && udp.dstport == 53 && udp.srcport == 33434 && udp.length == 12", v)).isTrue();
        assertThat(m("udp.port == 33434", v)).isTrue();
        assertThat(m("tcp", v)).isFalse();
    }

    @Test
    void fieldsComparedWithFields() {
        FrameView v = handshake(new TestFrames()).get(3);
        assertThat(m("tcp.srcport > tcp.dstport", v)).isTrue();
        assertThat(m("tcp.seq == tcp.ack", v)).isTrue(); // both 1
        assertThat(m("tcp.seq === tcp.ack", v)).isTrue();
        assertThat(m("tcp.seq !== tcp.ack", v)).isFalse();
        assertThat(m("eth.src != eth.dst", v)).isTrue();
    }

    @Test
    void theSameFilterEvaluatesManyFrames() throws Exception {
        DisplayFilter f = DisplayFilter.compile("tcp.flags.syn == 1 && tcp.flags.ack == 0", fields);
        TestFrames tf = new TestFrames();
        assertThat(f.matches(tf.feed(tcpFrame("10.0.0.1", "10.0.0.2", 1, 2, 7, 0, Packet.TCP_SYN, new byte[0]), T0))).isTrue();
        assertThat(f.matches(tf.feed(tcpFrame("10.0.0.2", "10.0.0.1", 2, 1, 9, 8, Packet.TCP_SYN | Packet.TCP_ACK, new byte[0]), T0))).isFalse();
        assertThat(f.matches(tf.feed(udpFrame("10.0.0.1", "10.0.0.2", 1, 2, new byte[0]), T0))).isFalse();
        assertThat(f.text()).isEqualTo("tcp.flags.syn == 1 && tcp.flags.ack == 0");
    }
}
