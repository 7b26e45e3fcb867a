package org.nta.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.Feed;
import org.nta.app.Fixtures;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

class DnsTcpHandlerTest {
    private static final Map<String, byte[]> MESSAGES = Fixtures.hexFile("/dns/messages.txt");
    private static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "192.168.1.11", 33779, "209.87.249.18", 53);

    private final AnomalyCounter anomalies = new AnomalyCounter();
    private final List<DnsMessage> events = new ArrayList<>();

    private DnsTcpHandler handler() {
        return new DnsTcpHandler(CONN, new DnsDecoder(DnsConfig.DEFAULTS, anomalies), anomalies, events::add);
    }

    private static byte[] prefixed(byte[] msg) {
        return Fixtures.concat(new byte[] {(byte) (msg.length >> 8), (byte) msg.length}, msg);
    }

    /** Query from tcpdump's dns_tcp.pcap (already length-prefixed), then two more queries. */
    private static byte[] clientStream() {
        return Fixtures.concat(MESSAGES.get("dns_tcp-4"), prefixed(MESSAGES.get("webshell-7")),
                prefixed(MESSAGES.get("webshell-9")));
    }

    /** End offsets (exclusive) of the messages in {@link #clientStream()}. */
    private static int[] clientEnds() {
        int a = MESSAGES.get("dns_tcp-4").length, b = a + 2 + MESSAGES.get("webshell-7").length;
        return new int[] {a, b, b + 2 + MESSAGES.get("webshell-9").length};
    }

    private static DnsMessage reframed(DnsMessage m, long frame) {
        return new DnsMessage(frame, Feed.timeOf(frame), m.conn(), m.transport(), m.response(), m.id(), m.opcode(),
                m.rcode(), m.flags(), m.questions(), m.answers(), m.authority(), m.additional(), m.malformed());
    }

    private List<DnsMessage> baseline() {
        List<DnsMessage> out = new ArrayList<>();
        DnsTcpHandler h = new DnsTcpHandler(CONN, new DnsDecoder(DnsConfig.DEFAULTS, new AnomalyCounter()),
                new AnomalyCounter(), out::add);
        h.onData(true, clientStream(), 0, clientStream().length, 1, Feed.timeOf(1));
        return out;
    }

    @Test
    void queryAndResponseFromTcpdumpCapture() {
        DnsTcpHandler h = handler();
        byte[] q = MESSAGES.get("dns_tcp-4"), r = MESSAGES.get("dns_tcp-6");
        h.onData(true, q, 0, q.length, 4, 40);
        h.onData(false, r, 0, r.length, 6, 60);
        h.onClose(11, 110);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).frame()).isEqualTo(4);
        assertThat(events.get(0).response()).isFalse();
        assertThat(events.get(0).transport()).isEqualTo("tcp");
        assertThat(events.get(1).frame()).isEqualTo(6);
        assertThat(events.get(1).timeNs()).isEqualTo(60);
        assertThat(events.get(1).answers()).extracting(DnsMessage.Record::data)
                .containsExactly("192.139.46.66", "198.199.88.104");
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void severalMessagesInOneSegment() {
        assertThat(baseline()).hasSize(3).allSatisfy(m -> assertThat(m.frame()).isEqualTo(1));
        assertThat(baseline()).extracting(DnsMessage::qname)
                .containsExactly("www.tcpdump.org", "portal.corp.lan", "files.corp.lan");
    }

    @Test
    void everySplitPointGivesTheSameMessages() {
        byte[] s = clientStream();
        int[] ends = clientEnds();
        List<DnsMessage> base = baseline();
        for (int cut = 1; cut < s.length; cut++) {
            events.clear();
            Feed.cuts(handler(), true, s, 1, cut);
            List<DnsMessage> expected = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) {
                expected.add(reframed(base.get(i), Feed.frameOfByte(ends[i] - 1, cut, 1)));
            }
            assertThat(events).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void oneByteAtATime() {
        byte[] s = clientStream();
        int[] ends = clientEnds();
        List<DnsMessage> base = baseline();
        Feed.bytewise(handler(), true, s, 1);
        assertThat(events).containsExactly(reframed(base.get(0), ends[0]), reframed(base.get(1), ends[1]),
                reframed(base.get(2), ends[2]));
    }

    @Test
    void afterAGapWaitsForAMessageStart() {
        DnsTcpHandler h = handler();
        byte[] s = clientStream();
        int[] ends = clientEnds();
        h.onData(true, s, 0, 20, 1, 1);           // first message begins
        h.onGap(true, 30, 2, 2);                   // its middle is lost
        h.onData(true, s, 50, ends[0] - 50, 3, 3); // its tail: not a message start, skipped
        h.onData(true, s, ends[0], s.length - ends[0], 4, 4); // the next two messages
        assertThat(events).extracting(DnsMessage::qname).containsExactly("portal.corp.lan", "files.corp.lan");
        assertThat(events).allSatisfy(m -> assertThat(m.frame()).isEqualTo(4));
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void lengthShorterThanAHeaderIsSkipped() {
        byte[] s = Fixtures.concat(new byte[] {0, 3, 1, 2, 3}, new byte[] {0, 0}, clientStream());
        Feed.cuts(handler(), true, s, 1, 3);
        assertThat(events).hasSize(3);
        assertThat(anomalies.count(Anomaly.DNS_TCP_LENGTH_INVALID)).isEqualTo(2);
    }

    @Test
    void finInsideAMessageIsMalformed() {
        DnsTcpHandler h = handler();
        byte[] s = clientStream();
        h.onData(true, s, 0, 30, 1, 1);
        h.onFin(true, false, 2, 2);
        assertThat(events).isEmpty();
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(1);
        // a capture that simply ends inside a message is not the sender's fault
        DnsTcpHandler h2 = handler();
        h2.onData(true, s, 0, 30, 1, 1);
        h2.onClose(2, 2);
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(1);
    }

    @Test
    void directionsAreIndependent() {
        DnsTcpHandler h = handler();
        byte[] q = clientStream(), r = MESSAGES.get("dns_tcp-6");
        h.onData(true, q, 0, 10, 1, 1);
        h.onData(false, r, 0, 100, 2, 2);
        h.onData(true, q, 10, q.length - 10, 3, 3);
        h.onData(false, r, 100, r.length - 100, 4, 4);
        assertThat(events).extracting(DnsMessage::frame).containsExactly(3L, 3L, 3L, 4L);
        assertThat(events).extracting(DnsMessage::response).containsExactly(false, false, false, true);
    }
}
