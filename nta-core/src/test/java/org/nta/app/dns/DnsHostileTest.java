package org.nta.app.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.DnsMessage;

/** Messages built to hurt a parser: every one decodes to something, counts what is wrong, and does bounded work. */
class DnsHostileTest {
    private final AnomalyCounter anomalies = new AnomalyCounter();

    private DnsMessage decode(byte[] b, DnsConfig config) {
        return new DnsDecoder(config, anomalies).decode(b, 0, b.length, DnsDecoderTest.CONN, 7, 0).orElseThrow();
    }

    private DnsMessage decode(byte[] b) {
        return decode(b, DnsConfig.DEFAULTS);
    }

    @Test
    void pointerToItselfIsALoop() {
        byte[] b = Msg.header(1, 0x0100, 1, 0, 0, 0).pointer(12).question(1, 1).build();
        DnsMessage m = decode(b);
        // the name still has a known length, so the question's type and class are read
        assertThat(m.questions()).containsExactly(new DnsMessage.Question(NameReader.LOOP, 1, 1));
        assertThat(m.malformed()).isFalse();
        assertThat(anomalies.count(Anomaly.DNS_NAME_LOOP)).isEqualTo(1);
        assertThat(anomalies.firstFrame(Anomaly.DNS_NAME_LOOP)).isEqualTo(7);
    }

    @Test
    void twoPointersPointingAtEachOtherAreALoop() {
        // question name at 12 is "a" + pointer to 20; answer owner at 20 is "b" + pointer to 12
        byte[] b = Msg.header(1, 0x8180, 1, 1, 0, 0).label("a").pointer(20).question(1, 1)
                .label("b").pointer(12).rr(1, 1, 5, 4).u32(0x01020304).build();
        DnsMessage m = decode(b);
        assertThat(m.qname()).isEqualTo(NameReader.LOOP);
        assertThat(m.answers().get(0).name()).isEqualTo(NameReader.LOOP);
        assertThat(m.answers().get(0).data()).isEqualTo("1.2.3.4");
        assertThat(anomalies.count(Anomaly.DNS_NAME_LOOP)).as("counted once per message").isEqualTo(1);
        assertThat(anomalies.count(Anomaly.DNS_NAME_FORWARD_POINTER)).isEqualTo(1);
    }

    /**
     * A message whose question is "x" (at 12) and whose first answer, of an unknown type, carries in its RDATA a
     * chain of {@code hops} pointers, each pointing at the one before and the first at "x". Then {@code names}
     * answers whose owner is a pointer to the chain's last link.
     */
    static byte[] chain(int hops, int names) {
        Msg m = Msg.header(1, 0x8180, 1, 1 + names, 0, 0).name("x").question(1, 1);
        m.u8(0).rr(4242, 1, 1, 2 * hops);
        int prev = 12;
        for (int i = 0; i < hops; i++) {
            int at = m.size();
            m.pointer(prev);
            prev = at;
        }
        for (int i = 0; i < names; i++) m.pointer(prev).rr(1, 1, 1, 4).u32(i);
        return m.build();
    }

    @Test
    void pointerChainLongerThanTheLimitIsCut() {
        byte[] b = chain(40, 1);
        DnsMessage tight = decode(b, new DnsConfig(32, 1024));
        assertThat(tight.answers().get(1).name()).isEqualTo(NameReader.LOOP);
        assertThat(tight.answers().get(1).data()).isEqualTo("0.0.0.0");
        assertThat(anomalies.count(Anomaly.DNS_NAME_POINTER_LIMIT)).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.DNS_NAME_LOOP)).isZero();

        AnomalyCounter roomy = new AnomalyCounter();
        DnsMessage wide = new DnsDecoder(new DnsConfig(64, 1024), roomy).decode(b, 0, b.length,
                DnsDecoderTest.CONN, 7, 0).orElseThrow();
        assertThat(wide.answers().get(1).name()).isEqualTo("x");
        assertThat(roomy.isEmpty()).isTrue();
    }

    @Test
    void forwardPointerIsFollowedAndCounted() {
        // the question name points forward at the answer's owner name "fwd.example"
        Msg m = Msg.header(1, 0x8180, 1, 1, 0, 0).pointer(18).question(1, 1);
        assertThat(m.size()).isEqualTo(18);
        byte[] b = m.name("fwd.example").rr(1, 1, 60, 4).u32(0x0a000001L).build();
        DnsMessage d = decode(b);
        assertThat(d.qname()).isEqualTo("fwd.example");
        assertThat(d.answers().get(0).data()).isEqualTo("10.0.0.1");
        assertThat(anomalies.count(Anomaly.DNS_NAME_FORWARD_POINTER)).isEqualTo(1);
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void nameOf255OctetsIsTheLimit() {
        // 3 labels of 63 + one of 61: 64*3 + 62 = 254 octets plus the terminating zero = 255, the RFC maximum
        String ok = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(decode(Msg.header(1, 0x0100, 1, 0, 0, 0).name(ok).question(1, 1).build()).qname()).isEqualTo(ok);
        assertThat(anomalies.count(Anomaly.DNS_NAME_TOO_LONG)).isZero();

        String tooLong = ok + "e"; // 256 octets
        DnsMessage m = decode(Msg.header(1, 0x0100, 1, 0, 0, 0).name(tooLong).question(28, 1).build());
        assertThat(m.questions()).containsExactly(new DnsMessage.Question(NameReader.TOO_LONG, 28, 1));
        assertThat(anomalies.count(Anomaly.DNS_NAME_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void tooLongThroughAPointer() {
        // question "q{63}" at 12; the answer owner is three more 63-octet labels and a pointer to it: 256 octets
        byte[] b = Msg.header(1, 0x8180, 1, 1, 0, 0).name("q".repeat(63)).question(1, 1).label("r".repeat(63))
                .label("s".repeat(63)).label("t".repeat(63)).pointer(12).rr(1, 1, 1, 4).u32(0x7f000001L).build();
        DnsMessage m = decode(b);
        assertThat(m.qname()).isEqualTo("q".repeat(63));
        assertThat(m.answers().get(0).name()).isEqualTo(NameReader.TOO_LONG);
        assertThat(m.answers().get(0).data()).as("the record after the name is still read").isEqualTo("127.0.0.1");
        assertThat(anomalies.count(Anomaly.DNS_NAME_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void reservedLabelKindsAreMalformed() {
        for (int kind : new int[] {0x40, 0x80, 0x41, 0xbf}) {
            byte[] b = Msg.header(1, 0x0100, 1, 0, 0, 0).u8(kind).u8(0).question(1, 1).build();
            DnsMessage m = decode(b);
            assertThat(m.malformed()).isTrue();
            assertThat(m.questions()).isEmpty();
        }
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(4);
    }

    @Test
    void pointerOutsideTheMessageIsMalformed() {
        DnsMessage m = decode(Msg.header(1, 0x0100, 1, 0, 0, 0).pointer(0x3fff).question(1, 1).build());
        assertThat(m.malformed()).isTrue();
        assertThat(m.questions()).isEmpty();
    }

    @Test
    void absurdCountsInATwelveByteMessage() {
        byte[] b = Msg.header(1, 0x8180, 65535, 65535, 65535, 65535).build();
        DnsMessage m = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> decode(b));
        assertThat(m.questions()).isEmpty();
        assertThat(m.malformed()).isTrue();
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(1);
    }

    @Test
    void recordBudgetIsShared() {
        // 2000 minimal records (root owner, A, 4 bytes): more than the budget of 100
        Msg msg = Msg.header(1, 0x8180, 0, 2000, 0, 0);
        for (int i = 0; i < 2000; i++) msg.u8(0).rr(1, 1, 1, 4).u32(i);
        DnsMessage m = decode(msg.build(), new DnsConfig(32, 100));
        assertThat(m.answers()).hasSize(100);
        assertThat(m.malformed()).isFalse();
        assertThat(anomalies.count(Anomaly.DNS_RECORD_LIMIT)).isEqualTo(1);
    }

    @Test
    void truncatedRecordsKeepTheRecordsBefore() {
        byte[] whole = Msg.header(1, 0x8180, 0, 2, 0, 0).name("a").rr(1, 1, 1, 4).u32(1).name("b").rr(1, 1, 1, 4)
                .u32(2).build();
        for (int cut = whole.length - 1; cut > 12; cut--) {
            byte[] b = java.util.Arrays.copyOf(whole, cut);
            DnsMessage m = decode(b);
            assertThat(m.malformed()).as("cut at %d", cut).isTrue();
            assertThat(m.answers().size()).as("cut at %d", cut).isLessThanOrEqualTo(1);
        }
        byte[] rdTooLong = Msg.header(1, 0x8180, 0, 1, 0, 0).name("a").rr(16, 1, 1, 200).u8(3).bytes(new byte[3])
                .build();
        assertThat(decode(rdTooLong).malformed()).isTrue();
        byte[] txtTooLong = Msg.header(1, 0x8180, 0, 1, 0, 0).name("a").rr(16, 1, 1, 4).u8(9).bytes(new byte[3])
                .build();
        DnsMessage txt = decode(txtTooLong);
        assertThat(txt.malformed()).isTrue();
        assertThat(txt.answers()).hasSize(1);
    }

    @Test
    void tcpdumpForwardPointerCapture() {
        // tcpdump dns_fwdptr.pcap: qdcount 64259, names made of forward pointers; tshark shows 10518 questions,
        // each "<Name too long>". With the default budget NTA stops at 1024 entries.
        byte[] b = Fixtures.resource("/dns/dns_fwdptr.bin.gz");
        DnsMessage m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> decode(b));
        assertThat(m.questions()).hasSize(DnsConfig.DEFAULTS.maxRecords());
        assertThat(m.questions()).allSatisfy(q -> assertThat(q.name()).isEqualTo(NameReader.TOO_LONG));
        assertThat(anomalies.count(Anomaly.DNS_NAME_FORWARD_POINTER)).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.DNS_RECORD_LIMIT)).isEqualTo(1);

        AnomalyCounter all = new AnomalyCounter();
        DnsMessage unlimited = new DnsDecoder(new DnsConfig(32, 100_000), all).decode(b, 0, b.length,
                DnsDecoderTest.CONN, 1, 0).orElseThrow();
        assertThat(unlimited.questions()).as("same count as tshark").hasSize(10518);
    }

    @Test
    void tcpdumpBadLabelCapture() {
        // tcpdump dns-badlabel.pcap: tshark shows one question "<Name too long>" then gives up (malformed)
        byte[] b = Fixtures.resource("/dns/dns-badlabel.bin.gz");
        DnsMessage m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> decode(b));
        assertThat(m.questions().get(0)).isEqualTo(new DnsMessage.Question(NameReader.TOO_LONG, 0, 0x10fb));
        assertThat(m.malformed()).isTrue();
        assertThat(anomalies.count(Anomaly.DNS_NAME_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void worstCaseNamesStayCheap() {
        // 5000 names, each a pointer into a 200-hop chain: work is bounded by the hop limit times the names
        byte[] b = chain(200, 5000);
        DnsMessage m = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> decode(b, new DnsConfig(32, 10_000)));
        assertThat(m.answers()).hasSize(5001);
        assertThat(m.answers().get(5000).name()).isEqualTo(NameReader.LOOP);
        assertThat(anomalies.count(Anomaly.DNS_NAME_POINTER_LIMIT)).isEqualTo(1);
    }
}
