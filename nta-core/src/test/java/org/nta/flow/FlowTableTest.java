package org.nta.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.testing.Bytes2;

/** Wireshark's stream numbering, A/B sides, Zeek connection states and expiry on capture time. */
class FlowTableTest {
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;
    static final String C = "10.0.0.1", S = "10.0.0.2";

    final List<Flow> ended = new ArrayList<>();
    final FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ended::add, new AnomalyCounter());
    final PacketDecoder decoder = new PacketDecoder();
    long frame;
    long timeSec = 1_000;

    Flow send(String src, String dst, int sport, int dport, long seq, long ack, int flags, int len) {
        return sendAt(timeSec, src, dst, sport, dport, seq, ack, flags, len);
    }

    Flow sendAt(long sec, String src, String dst, int sport, int dport, long seq, long ack, int flags, int len) {
        byte[] data = eth(0x0800, ipv4(src, dst, 6, tcp(sport, dport, seq, ack, flags, new byte[len])));
        return feed(sec, data);
    }

    Flow feed(long sec, byte[] data) {
        Frame f = new Frame();
        f.number = ++frame;
        f.tsSec = sec;
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        decoder.decode(f, p);
        return table.track(p);
    }

    @Test
    void handshakeDataCloseIsOneStreamWithAAsTheClient() {
        Flow f = send(C, S, 40000, 80, 100, 0, SYN, 0);
        send(S, C, 80, 40000, 500, 101, SYN | ACK, 0);
        send(C, S, 40000, 80, 101, 501, ACK, 0);
        send(C, S, 40000, 80, 101, 501, PSH | ACK, 10);
        send(S, C, 80, 40000, 501, 111, PSH | ACK, 20);
        send(C, S, 40000, 80, 111, 521, FIN | ACK, 0);
        send(S, C, 80, 40000, 521, 112, FIN | ACK, 0);
        Flow last = send(C, S, 40000, 80, 112, 522, ACK, 0);
        assertThat(last).isSameAs(f);
        assertThat(f.stream()).isZero();
        assertThat(f.aAddr()).isEqualTo(C);
        assertThat(f.aPort()).isEqualTo(40000);
        assertThat(f.framesAB).isEqualTo(5);
        assertThat(f.framesBA).isEqualTo(3);
        assertThat(f.connState()).isEqualTo("SF");
        assertThat(f.history()).isEqualTo("ShADdFf");
    }

    @Test
    void aSynWithANewIsnOnAKnownTupleOpensANewStream() {
        Flow first = send(C, S, 40000, 80, 100, 0, SYN, 0);
        send(S, C, 80, 40000, 500, 101, RST | ACK, 0);
        Flow retransmitted = send(C, S, 40000, 80, 100, 0, SYN, 0);
        assertThat(retransmitted).as("same ISN: a retransmission").isSameAs(first);
        Flow reused = send(C, S, 40000, 80, 9999, 0, SYN, 0);
        assertThat(reused.stream()).as("new ISN: port reuse").isEqualTo(1);
        assertThat(ended).containsExactly(first);
        assertThat(first.connState()).isEqualTo("REJ");
    }

    @Test
    void aSynAckNeverOpensAStream() {
        Flow f = send(C, S, 40000, 80, 100, 0, SYN, 0);
        send(S, C, 80, 40000, 500, 101, SYN | ACK, 0);
        Flow g = send(S, C, 80, 40000, 777, 101, SYN | ACK, 0);
        assertThat(g).isSameAs(f);
    }

    @Test
    void theOtherSidesAckSetsTheBaseSequence() {
        // B's RST/ACK acknowledges seq 100: a later SYN from A with seq 99 ... 100-1 is the base, so seq 100-1 stays
        Flow f = send(S, C, 80, 40000, 0, 100, RST | ACK, 0);
        Flow same = send(C, S, 40000, 80, 99, 0, SYN, 0);
        assertThat(same).isSameAs(f);
        Flow other = send(C, S, 40000, 80, 5, 0, SYN, 0);
        assertThat(other.stream()).isEqualTo(1);
    }

    @Test
    void synScanStates() {
        Flow closed = send(C, S, 45518, 23, 1, 0, SYN, 0);
        send(S, C, 23, 45518, 0, 2, RST | ACK, 0);
        assertThat(closed.connState()).isEqualTo("REJ");
        Flow open = send(C, S, 45518, 22, 1, 0, SYN, 0);
        send(S, C, 22, 45518, 70, 2, SYN | ACK, 0);
        send(C, S, 45518, 22, 2, 0, RST, 0);
        assertThat(open.connState()).isEqualTo("RSTO");
        Flow filtered = send(C, S, 45518, 25, 1, 0, SYN, 0);
        assertThat(filtered.connState()).isEqualTo("S0");
        Flow established = send(C, S, 45519, 80, 1, 0, SYN, 0);
        send(S, C, 80, 45519, 70, 2, SYN | ACK, 0);
        send(C, S, 45519, 80, 2, 71, ACK, 0);
        assertThat(established.connState()).isEqualTo("S1");
    }

    @Test
    void midStreamPickupWithoutSyn() {
        Flow f = send(S, C, 80, 40000, 5000, 100, PSH | ACK, 100);
        send(C, S, 40000, 80, 100, 5100, ACK, 0);
        assertThat(f.aAddr()).as("A is who sent first, even a server").isEqualTo(S);
        assertThat(f.connState()).isEqualTo("OTH");
    }

    @Test
    void udpStreamsAreNumberedApartFromTcp() {
        send(C, S, 40000, 80, 1, 0, SYN, 0);
        Flow u = feed(timeSec, eth(0x0800, ipv4(C, S, 17, udp(5353, 53, new byte[10]))));
        assertThat(u.stream()).isZero();
        assertThat(u.isTcp()).isFalse();
        assertThat(u.connState()).isNull();
    }

    @Test
    void aUdpFlowWithPausesOfASecondOrMoreIsCutIntoExchangesWithTheirBytes() {
        byte[] q1 = eth(0x0800, ipv4(C, S, 17, udp(40000, 7000, new byte[10]))), a1 = eth(0x0800, ipv4(S, C, 17, udp(7000, 40000, new byte[30])));
        Flow u = feed(100, q1);
        feed(100, a1);
        feed(100, q1); // same second: the same exchange
        assertThat(u.exchanges).as("one exchange so far: nothing kept").isNull();
        feed(130, eth(0x0800, ipv4(C, S, 17, udp(40000, 7000, new byte[7]))));  // frame 4, unanswered
        feed(160, eth(0x0800, ipv4(C, S, 17, udp(40000, 7000, new byte[5]))));  // frame 5
        feed(160, eth(0x0800, ipv4(S, C, 17, udp(7000, 40000, new byte[50]))));
        Exchanges x = u.exchanges;
        assertThat(x.size()).isEqualTo(3);
        assertThat(List.of(x.frame(0), x.frame(1), x.frame(2))).containsExactly(1L, 4L, 5L);
        assertThat(x.time(1)).isEqualTo(130_000_000_000L);
        assertThat(List.of(x.payloadAB(0, u), x.payloadAB(1, u), x.payloadAB(2, u))).containsExactly(20L, 7L, 5L);
        assertThat(List.of(x.payloadBA(0, u), x.payloadBA(1, u), x.payloadBA(2, u))).containsExactly(30L, 0L, 50L);
        assertThat(List.of(x.answered(0, u), x.answered(1, u), x.answered(2, u))).containsExactly(true, false, true);
    }

    @Test
    void aTcpConnectionIsCutIntoExchangesByPausesInItsPayloadNotByBareAcks() {
        Flow f = sendAt(100, C, S, 40000, 8443, 1, 0, SYN, 0);               // frame 1
        sendAt(100, S, C, 8443, 40000, 9, 2, SYN | ACK, 0);
        sendAt(100, C, S, 40000, 8443, 2, 10, ACK, 0);
        sendAt(100, C, S, 40000, 8443, 2, 10, PSH | ACK, 100);               // frame 4: first request, exchange 0
        sendAt(100, S, C, 8443, 40000, 10, 102, PSH | ACK, 300);
        for (int k = 1; k <= 5; k++) sendAt(100 + k * 10, C, S, 40000, 8443, 101, 310, ACK, 0); // keep-alive probes
        assertThat(f.exchanges).as("bare ACKs carry nothing: one exchange").isNull();
        sendAt(160, C, S, 40000, 8443, 102, 310, PSH | ACK, 80);             // frame 11
        sendAt(160, S, C, 8443, 40000, 310, 182, PSH | ACK, 200);
        sendAt(190, S, C, 8443, 40000, 510, 182, PSH | ACK, 40);             // frame 13: the server speaks first
        Exchanges x = f.exchanges;
        assertThat(x.size()).isEqualTo(3);
        assertThat(List.of(x.frame(0), x.frame(1), x.frame(2))).containsExactly(1L, 11L, 13L);
        assertThat(List.of(x.payloadAB(0, f), x.payloadAB(1, f), x.payloadAB(2, f))).containsExactly(100L, 80L, 0L);
        assertThat(List.of(x.payloadBA(0, f), x.payloadBA(1, f), x.payloadBA(2, f))).containsExactly(300L, 200L, 40L);
        assertThat(List.of(x.answered(0, f), x.answered(1, f), x.answered(2, f))).containsExactly(true, true, true);
    }

    @Test
    void icmpQuotedHeaderTakesAStreamIndexThatLaterPacketsJoin() {
        byte[] quoted = ipv4(C, S, 17, udp(33000, 161, new byte[0]));
        byte[] icmp = new Bytes2().u8(3).u8(3).u16(0).u32(0).bytes(quoted).build();
        assertThat(feed(timeSec, eth(0x0800, ipv4(S, C, 1, icmp)))).isNull();
        Flow later = feed(timeSec, eth(0x0800, ipv4(C, S, 17, udp(33000, 161, new byte[4]))));
        assertThat(later.stream()).isZero();
        assertThat(later.frames()).as("the ICMP error is not counted in the conversation").isEqualTo(1);
    }

    @Test
    void idleFlowsAreReleasedOnCaptureTimeAndALatePacketKeepsItsStream() {
        Flow f = send(C, S, 40000, 80, 1, 0, SYN, 0);
        send(S, C, 80, 40000, 9, 2, RST | ACK, 0);
        // 10 minutes later (capture time), other traffic sweeps the table
        sendAt(timeSec + 600, "10.9.9.9", S, 1234, 80, 1, 0, SYN, 0);
        assertThat(ended).contains(f);
        assertThat(table.liveFlows()).isEqualTo(1);
        Flow late = sendAt(timeSec + 601, S, C, 80, 40000, 9, 2, RST | ACK, 0);
        assertThat(late).isNotSameAs(f);
        assertThat(late.stream()).as("the tombstone keeps Wireshark's stream index").isEqualTo(f.stream());
        assertThat(late.aAddr()).isEqualTo(C);
    }

    // Zeek's conn_state codes (scripts/base/protocols/conn/main.zeek): the definitions quoted are Zeek's; the
    // originator is C (it sends the SYN), except for RSTRH and SHR, where only the responder's SYN-ACK is seen.

    private Flow handshake(int port) {
        Flow f = send(C, S, port, 80, 100, 0, SYN, 0);
        send(S, C, 80, port, 500, 101, SYN | ACK, 0);
        send(C, S, port, 80, 101, 501, ACK, 0);
        return f;
    }

    @Test
    void s2EstablishedAndCloseAttemptByOriginatorWithoutReply() {
        Flow f = handshake(40001);
        send(C, S, 40001, 80, 101, 501, FIN | ACK, 0);
        assertThat(f.connState()).isEqualTo("S2");
        assertThat(f.history()).isEqualTo("ShAF");
    }

    @Test
    void s3EstablishedAndCloseAttemptByResponderWithoutReply() {
        Flow f = handshake(40002);
        send(S, C, 80, 40002, 501, 101, FIN | ACK, 0);
        assertThat(f.connState()).isEqualTo("S3");
        assertThat(f.history()).isEqualTo("ShAf");
    }

    @Test
    void rstrResponderSentARst() {
        Flow f = handshake(40003);
        send(C, S, 40003, 80, 101, 501, PSH | ACK, 2);
        send(S, C, 80, 40003, 501, 103, RST | ACK, 0);
        assertThat(f.connState()).isEqualTo("RSTR");
        assertThat(f.history()).isEqualTo("ShADr");
    }

    @Test
    void rstos0OriginatorSentASynThenARstAndNoSynAckWasSeen() {
        Flow f = send(C, S, 40004, 80, 100, 0, SYN, 0);
        send(C, S, 40004, 80, 101, 0, RST, 0);
        assertThat(f.connState()).isEqualTo("RSTOS0");
        assertThat(f.history()).isEqualTo("SR");
    }

    @Test
    void rstrhResponderSentASynAckThenARstAndNoSynWasSeen() {
        Flow f = send(S, C, 80, 40005, 500, 101, SYN | ACK, 0);
        send(S, C, 80, 40005, 501, 0, RST, 0);
        assertThat(f.connState()).isEqualTo("RSTRH");
    }

    @Test
    void shOriginatorSentASynThenAFinAndNoSynAckWasSeen() {
        Flow f = send(C, S, 40006, 80, 100, 0, SYN, 0);
        send(C, S, 40006, 80, 101, 0, FIN, 0);
        assertThat(f.connState()).isEqualTo("SH");
        assertThat(f.history()).isEqualTo("SF");
    }

    @Test
    void shrResponderSentASynAckThenAFinAndNoSynWasSeen() {
        Flow f = send(S, C, 80, 40007, 500, 101, SYN | ACK, 0);
        send(S, C, 80, 40007, 501, 101, FIN | ACK, 0);
        assertThat(f.connState()).isEqualTo("SHR");
    }

    /** Zeek's own test of these codes (testing/btest/.../conn_state-RST-behavior): SR and SaR are RSTOS0, SaFR and R are OTH. */
    @Test
    void zeeksRstBehaviourCases() {
        Flow sar = send(C, S, 40010, 80, 100, 0, SYN, 0);
        send(S, C, 80, 40010, 500, 101, ACK, 0);
        send(C, S, 40010, 80, 101, 0, RST, 0);
        assertThat(sar.history()).isEqualTo("SaR");
        assertThat(sar.connState()).isEqualTo("RSTOS0");
        Flow safr = send(C, S, 40011, 80, 100, 0, SYN, 0);
        send(S, C, 80, 40011, 500, 101, ACK, 0);
        send(C, S, 40011, 80, 101, 0, FIN, 0);
        send(C, S, 40011, 80, 102, 0, RST, 0);
        assertThat(safr.history()).isEqualTo("SaFR");
        assertThat(safr.connState()).isEqualTo("OTH");
        Flow r = send(C, S, 40012, 80, 100, 0, RST, 0);
        assertThat(r.history()).isEqualTo("R");
        assertThat(r.connState()).isEqualTo("OTH");
    }

    @Test
    void aFlowSaysWhyItWasReleasedAndWhoOpenedIt() {
        Flow idle = sendAt(1_000, C, S, 40020, 80, 100, 0, SYN, 0);
        send(S, C, 80, 40020, 500, 101, SYN | ACK, 0);
        Flow late = sendAt(1_000 + 1_000, C, S, 40021, 80, 100, 0, SYN, 0); // 1,000 s later: the first is idle past 900 s
        assertThat(ended).containsExactly(idle);
        assertThat(idle.timedOut()).isTrue();
        assertThat(idle.evicted()).isFalse();
        assertThat(idle.originatorIsB()).isFalse();
        // picked up at its SYN-ACK: A is the server, the originator (client) is B
        Flow synAck = send(S, C, 80, 40022, 500, 101, SYN | ACK, 0);
        assertThat(synAck.originatorIsB()).isTrue();
        table.finish();
        assertThat(late.timedOut()).as("released at the end of the capture").isFalse();
        assertThat(late.evicted()).isFalse();

        List<Flow> out = new ArrayList<>();
        FlowTable small = new FlowTable(new FlowConfig(30, 900, 180, 0, 1), out::add, new AnomalyCounter());
        Flow first = feedTo(small, sendPacket(C, S, 40030, 80));
        feedTo(small, sendPacket(C, S, 40031, 80));
        assertThat(out).containsExactly(first);
        assertThat(first.evicted()).as("pushed out of a full table").isTrue();
        assertThat(first.timedOut()).isFalse();
    }

    byte[] sendPacket(String src, String dst, int sport, int dport) {
        return eth(0x0800, ipv4(src, dst, 6, tcp(sport, dport, 100, 0, SYN, new byte[0])));
    }

    Flow feedTo(FlowTable t, byte[] data) {
        Frame f = new Frame();
        f.number = ++frame;
        f.tsSec = timeSec;
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        decoder.decode(f, p);
        return t.track(p);
    }
}
