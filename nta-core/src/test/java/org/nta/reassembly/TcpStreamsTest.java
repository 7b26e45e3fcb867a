package org.nta.reassembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.flow.Flow;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;

/** Ordered delivery per direction: retransmissions, reordering, overlaps, gaps, limits, FIN and RST. */
class TcpStreamsTest {
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;
    static final String C = "10.0.0.1", S = "10.0.0.2";

    /** Records what the handler saw, as text: C:"..." S:"..." gap(C,n) fin(S) close. */
    static final class Log implements StreamHandler {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream client = new ByteArrayOutputStream(), server = new ByteArrayOutputStream();
        final List<Long> frames = new ArrayList<>();

        @Override
        public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
            (fromClient ? client : server).write(data, off, len);
            events.add((fromClient ? "C:" : "S:") + new String(data, off, len, StandardCharsets.ISO_8859_1));
            frames.add(frame);
        }

        @Override
        public void onGap(boolean fromClient, long len, long frame, long timeNs) {
            events.add("gap(" + (fromClient ? "C" : "S") + "," + len + ")");
        }

        @Override
        public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
            events.add((reset ? "rst(" : "fin(") + (fromClient ? "C" : "S") + ")");
        }

        @Override
        public void onRolesSwapped(org.nta.event.ConnInfo conn) {
            events.add("client=" + conn.clientAddr() + ":" + conn.clientPort());
        }

        @Override
        public void onClose(long frame, long timeNs) {
            events.add("close");
        }
    }

    /** Request lines come from clients, status lines from servers (the app layer's opener, reduced). */
    static final Opener HTTP_LIKE = (b, off, len) -> {
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        return s.startsWith("GET ") ? Opener.CLIENT : s.startsWith("HTTP/1.1 ") ? Opener.SERVER : Opener.UNKNOWN;
    };

    final AnomalyCounter anomalies = new AnomalyCounter();
    final Log log = new Log();
    ReassemblyConfig config = ReassemblyConfig.DEFAULTS;
    TcpStreams streams;
    FlowTable flows;
    final PacketDecoder decoder = new PacketDecoder();
    long frame;
    int clientPort = 40000, serverPort = 80;
    org.nta.event.ConnInfo created;
    StreamHandler handler = log;

    void init() {
        streams = new TcpStreams(config, StreamHandlerFactory.withOpener((flow, conn) -> {
            created = conn;
            return handler;
        }, HTTP_LIKE), anomalies);
        flows = new FlowTable(FlowConfig.DEFAULTS, streams::onFlowEnd, anomalies);
    }

    void seg(boolean fromClient, long seq, int flags, String data) {
        seg(fromClient, seq, 0, flags, data);
    }

    void seg(boolean fromClient, long seq, long ack, int flags, String data) {
        if (streams == null) init();
        byte[] payload = data.getBytes(StandardCharsets.ISO_8859_1);
        byte[] pkt = fromClient ? eth(0x0800, ipv4(C, S, 6, tcp(clientPort, serverPort, seq, ack, flags, payload)))
                : eth(0x0800, ipv4(S, C, 6, tcp(serverPort, clientPort, seq, ack, flags, payload)));
        Frame f = new Frame();
        f.number = ++frame;
        f.tsSec = 100;
        f.data = pkt;
        f.capLen = f.origLen = pkt.length;
        f.linkType = 1;
        Packet p = new Packet();
        decoder.decode(f, p);
        Flow flow = flows.track(p);
        streams.onPacket(p, flow, flows.fromA);
    }

    void handshake() {
        seg(true, 1000, SYN, "");
        seg(false, 5000, SYN | ACK, "");
        seg(true, 1001, ACK, "");
    }

    @Test
    void inOrderBothWaysThenFinFinClose() {
        handshake();
        seg(true, 1001, PSH | ACK, "GET / HTTP/1.1\r\n\r\n");
        seg(false, 5001, PSH | ACK, "HTTP/1.1 200 OK\r\n\r\n");
        seg(true, 1019, FIN | ACK, "");
        seg(false, 5020, FIN | ACK, "");
        assertThat(log.events).containsExactly("C:GET / HTTP/1.1\r\n\r\n", "S:HTTP/1.1 200 OK\r\n\r\n", "fin(C)", "fin(S)", "close");
        assertThat(log.frames).containsExactly(4L, 5L);
    }

    @Test
    void retransmissionsAreDeliveredOnce() {
        handshake();
        seg(true, 1001, ACK, "abcdef");
        seg(true, 1001, ACK, "abcdef");
        seg(true, 1004, ACK, "defghi"); // overlaps 3 bytes, adds 3
        assertThat(log.client.toString()).isEqualTo("abcdefghi");
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).isZero();
    }

    @Test
    void anOverlapWithDifferentBytesIsCounted() {
        handshake();
        seg(true, 1001, ACK, "abcdef");
        seg(true, 1003, ACK, "XXXXgh");
        assertThat(log.client.toString()).as("the first copy wins").isEqualTo("abcdefgh");
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(1);
    }

    @Test
    void retransmissionsFarBackAreComparedWithTheBytesSentAcrossTheRingsGrowthAndWrap() {
        handshake();
        StringBuilder sent = new StringBuilder();
        long seq = 1001;
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 60; i++) { // segments of 1..700 bytes: the ring grows from 256 bytes to 4 KiB and wraps
            int n = 1 + rnd.nextInt(700);
            StringBuilder d = new StringBuilder();
            for (int k = 0; k < n; k++) d.append((char) ('a' + rnd.nextInt(26)));
            seg(true, seq, ACK, d.toString());
            sent.append(d);
            seq += n;
            for (int back : new int[] {1, 17, 255, 256, 300, 1500, 4000, 4096}) {
                if (back > sent.length()) continue;
                int len = Math.min(back, 40);
                String faithful = sent.substring(sent.length() - back, sent.length() - back + len);
                seg(true, seq - back, ACK, faithful);
            }
        }
        assertThat(log.client.toString()).isEqualTo(sent.toString());
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).as("faithful copies from up to 4 KiB back").isZero();
        for (int back : new int[] {1, 300, 4096}) {
            String old = sent.substring(sent.length() - back, sent.length() - back + 1);
            seg(true, seq - back, ACK, old.equals("Z") ? "Y" : "Z");
        }
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).as("one changed byte each, up to 4 KiB back").isEqualTo(3);
        seg(true, seq - 5000, ACK, "Z");
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).as("beyond the kept bytes nothing can be compared").isEqualTo(3);
    }

    @Test
    void outOfOrderSegmentsAreDeliveredInOrderOnTheFrameThatFillsTheHole() {
        handshake();
        seg(true, 1007, ACK, "world!");
        seg(true, 1013, ACK, "!!");
        assertThat(log.client.size()).isZero();
        seg(true, 1001, ACK, "hello ");
        assertThat(log.client.toString()).isEqualTo("hello world!!!");
        assertThat(log.frames).containsOnly(6L);
    }

    @Test
    void missingBytesBecomeAGapAtClose() {
        handshake();
        seg(true, 1001, ACK, "aaaa");
        seg(true, 1009, ACK, "cccc"); // 4 bytes never captured
        seg(true, 1013, FIN | ACK, "");
        seg(false, 5001, FIN | ACK, "");
        seg(true, 1014, RST, "");
        assertThat(log.events).containsSubsequence("C:aaaa", "gap(C,4)", "C:cccc");
        assertThat(anomalies.count(Anomaly.TCP_GAP)).isEqualTo(1);
    }

    @Test
    void outOfOrderLimitForcesAGapInsteadOfGrowing() {
        config = new ReassemblyConfig(1 << 20, 16, 4, 1 << 20, 64, 1024);
        handshake();
        seg(true, 1001, ACK, "a");
        seg(true, 1100, ACK, "0123456789");
        seg(true, 1110, ACK, "0123456789"); // over 16 buffered bytes
        assertThat(anomalies.count(Anomaly.TCP_OOO_LIMIT)).isEqualTo(1);
        assertThat(log.events).containsSubsequence("C:a", "gap(C,98)", "C:0123456789", "C:0123456789");
    }

    @Test
    void depthLimitStopsDeliveryAndIsCounted() {
        config = new ReassemblyConfig(10, 1024, 16, 1 << 20, 64, 1024);
        handshake();
        seg(true, 1001, ACK, "0123456");
        seg(true, 1008, ACK, "789abcdef");
        seg(true, 1017, ACK, "more");
        assertThat(log.client.toString()).isEqualTo("0123456789");
        assertThat(anomalies.count(Anomaly.TCP_DEPTH_REACHED)).isEqualTo(1);
    }

    @Test
    void midStreamPickupWithoutHandshake() {
        seg(false, 777, PSH | ACK, "HTTP/1.1 200 OK\r\n");
        seg(false, 794, PSH | ACK, "\r\n");
        assertThat(log.server.toString()).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
    }

    @Test
    void sequenceNumbersWrapAround() {
        seg(true, 0xfffffffdL, SYN, "");
        seg(false, 1, SYN | ACK, "");
        seg(true, 0xfffffffeL, ACK, "abc");
        seg(true, 1, ACK, "def");
        assertThat(log.client.toString()).isEqualTo("abcdef");
    }

    @Test
    void resetFlushesAndCloses() {
        handshake();
        seg(true, 1001, ACK, "x");
        seg(false, 5001, RST | ACK, "");
        seg(true, 1002, ACK, "ignored after the reset");
        assertThat(log.events).containsExactly("C:x", "rst(S)", "close");
    }

    @Test
    void dataAfterAFinHoleWaitsForTheHole() {
        handshake();
        seg(true, 1004, FIN | ACK, "def");
        assertThat(log.events).isEmpty();
        seg(true, 1001, ACK, "abc");
        assertThat(log.events).containsExactly("C:abc", "C:def", "fin(C)");
    }

    @Test
    void aHoleTheOtherSideAcknowledgedIsAGapAtOnceAndWhatFollowsIsDelivered() {
        handshake();
        seg(true, 1001, 5001, ACK, "aaaa");
        seg(true, 1009, 5001, ACK, "cccc"); // 1005..1008 lost by the capture
        seg(true, 1013, 5001, ACK, "dd");
        assertThat(log.events).containsExactly("C:aaaa");
        seg(false, 5001, 1015, ACK, "ok"); // the server has everything up to 1015
        assertThat(log.events).containsExactly("C:aaaa", "gap(C,4)", "C:cccc", "C:dd", "S:ok");
        assertThat(log.frames).containsExactly(4L, 7L, 7L, 7L);
        assertThat(anomalies.count(Anomaly.TCP_GAP)).isEqualTo(1);
    }

    @Test
    void anAcknowledgementShortOfTheBufferedBytesKeepsWaitingForTheHole() {
        handshake();
        seg(true, 1001, 5001, ACK, "aaaa");
        seg(true, 1009, 5001, ACK, "cccc");
        seg(false, 5001, 1005, ACK, ""); // the server is still missing 1005..1008 too: it may come late
        seg(false, 5001, 1007, ACK, ""); // half of the hole received there, the other half may still come
        assertThat(log.events).containsExactly("C:aaaa");
        assertThat(anomalies.count(Anomaly.TCP_GAP)).isZero();
    }

    @Test
    void aLateSegmentFillsTheHoleWhenTheAcknowledgementHasNotPassedIt() {
        handshake();
        seg(true, 1001, 5001, ACK, "aaaa");
        seg(true, 1009, 5001, ACK, "cccc");
        seg(false, 5001, 1005, ACK, "");
        seg(true, 1005, 5001, ACK, "bbbb");
        assertThat(log.client.toString()).isEqualTo("aaaabbbbcccc");
        assertThat(anomalies.count(Anomaly.TCP_GAP)).isZero();
    }

    @Test
    void dataAfterBytesTheOtherSideAlreadyAcknowledgedIsDeliveredOnArrival() {
        handshake();
        seg(true, 1001, 5001, ACK, "GET /lost ");
        seg(false, 5001, 1051, ACK, "HTTP/1.1 200 OK\r\n\r\n"); // acknowledges 40 bytes never captured
        assertThat(log.events).containsExactly("C:GET /lost ", "S:HTTP/1.1 200 OK\r\n\r\n");
        seg(true, 1051, 5020, ACK, "GET /found");
        assertThat(log.events).containsExactly("C:GET /lost ", "S:HTTP/1.1 200 OK\r\n\r\n", "gap(C,40)", "C:GET /found");
        assertThat(log.frames).containsExactly(4L, 5L, 6L);
    }

    @Test
    void aFinAfterAnAcknowledgedHoleEndsTheDirection() {
        handshake();
        seg(true, 1001, 5001, ACK, "aaaa");
        seg(true, 1009, 5001, FIN | ACK, ""); // 1005..1008 lost, FIN at 1009
        seg(false, 5001, 1010, FIN | ACK, "");
        assertThat(log.events).containsExactly("C:aaaa", "gap(C,4)", "fin(C)", "fin(S)", "close");
    }

    @Test
    void theAcknowledgementOfAFinIsNotAGap() {
        handshake();
        seg(true, 1001, 5001, ACK, "abc");
        seg(true, 1004, 5001, FIN | ACK, "");
        seg(false, 5001, 1005, ACK, "");
        seg(false, 5001, 1005, FIN | ACK, "");
        assertThat(log.events).containsExactly("C:abc", "fin(C)", "fin(S)", "close");
        assertThat(anomalies.count(Anomaly.TCP_GAP)).isZero();
    }

    @Test
    void anEarlySegmentSentAgainWithOtherBytesIsCountedAndTheFirstCopyKept() {
        handshake();
        seg(true, 1005, ACK, "efgh");
        seg(true, 1005, ACK, "EFGH");
        seg(true, 1005, ACK, "efgh"); // a faithful copy is no anomaly
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(1);
        assertThat(streams.bufferedBytes()).as("buffered once").isEqualTo(4);
        seg(true, 1001, ACK, "abcd");
        assertThat(log.client.toString()).isEqualTo("abcdefgh");
        assertThat(streams.bufferedBytes()).isZero();
    }

    @Test
    void overlappingEarlySegmentsAreComparedAndOnlyTheirNewBytesBuffered() {
        handshake();
        seg(true, 1011, ACK, "klmn");    // 1011..1014
        seg(true, 1007, ACK, "ghij");    // 1007..1010, touches it
        seg(true, 1009, ACK, "IJKLMNop"); // 1009..1016: different in 1009..1014, new in 1015..1016
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).as("once per segment").isEqualTo(1);
        seg(true, 1005, ACK, "efghijklmnopq"); // faithful where it meets the buffered bytes, q is new
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(1);
        assertThat(streams.bufferedBytes()).isEqualTo(13);
        seg(true, 1001, ACK, "abcd");
        assertThat(log.client.toString()).isEqualTo("abcdefghijklmnopq");
        assertThat(streams.bufferedBytes()).isZero();
    }

    @Test
    void anInOrderSegmentReachingBufferedBytesLeavesThemStandingAndIsComparedWithThem() {
        handshake();
        seg(true, 1005, ACK, "efgh");
        seg(true, 1001, ACK, "abcdEFGHij"); // the early copy of 1005..1008 came first
        assertThat(log.client.toString()).isEqualTo("abcdefghij");
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(1);
        seg(true, 1015, ACK, "op");
        seg(true, 1011, ACK, "klmnop"); // faithful
        assertThat(log.client.toString()).isEqualTo("abcdefghijklmnop");
        assertThat(anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(1);
    }

    @Test
    void withoutAHandshakeAServerSpeakingFirstOnHighPortsIsTheServerByItsStatusLine() {
        serverPort = 8080;
        seg(false, 777, 1000, PSH | ACK, "HTTP/1.1 200 OK\r\n\r\n"); // the ports guess the first sender is the client
        assertThat(created.clientAddr()).isEqualTo(S);
        seg(true, 1000, 796, PSH | ACK, "GET /next HTTP/1.1\r\n\r\n");
        assertThat(log.events).containsExactly("client=" + C + ":40000", "S:HTTP/1.1 200 OK\r\n\r\n", "C:GET /next HTTP/1.1\r\n\r\n");
    }

    @Test
    void aRequestLineAfterBytesOfNoTellingSwapsTheRolesThereAndOnlyOnce() {
        serverPort = 8080;
        seg(false, 777, 1000, PSH | ACK, "tail of a body\n");
        seg(true, 1000, 792, PSH | ACK, "more\nGET /x HTTP/1.1\r\n\r\n");
        seg(false, 792, 1026, PSH | ACK, "GET /confused HTTP/1.1\r\n\r\n"); // the roles are settled
        assertThat(log.events).containsExactly("C:tail of a body\n", "client=" + C + ":40000",
                "C:more\nGET /x HTTP/1.1\r\n\r\n", "S:GET /confused HTTP/1.1\r\n\r\n");
    }

    @Test
    void aHandshakeFixesTheRolesWhateverTheContent() {
        handshake();
        seg(false, 5001, 1001, PSH | ACK, "GET / HTTP/1.1\r\n\r\n");
        assertThat(log.events).containsExactly("S:GET / HTTP/1.1\r\n\r\n");
    }

    @Test
    void theContentIsReadOnlyWithinTheFirstBytesOfEachDirection() {
        config = new ReassemblyConfig(1 << 20, 1 << 16, 16, 1 << 20, 64, 16);
        serverPort = 8080;
        seg(false, 777, 1000, PSH | ACK, "0123456789abcdef");
        seg(true, 1000, 793, PSH | ACK, "0123456789abcdef");
        seg(false, 793, 1016, PSH | ACK, "HTTP/1.1 200 OK\r\n\r\n");
        assertThat(log.events).noneMatch(e -> e.startsWith("client="));
    }

    @Test
    void aLineAfterAGapIsReadFromItsStart() {
        serverPort = 8080;
        seg(false, 777, 1000, PSH | ACK, "xx");
        seg(true, 1000, 800, ACK, ""); // 21 bytes after xx were never captured
        seg(false, 800, 1000, PSH | ACK, "HTTP/1.1 200 OK\r\n\r\n");
        assertThat(log.events).containsExactly("C:xx", "gap(C,21)", "client=" + C + ":40000", "S:HTTP/1.1 200 OK\r\n\r\n");
    }

    @Test
    void followRelabelsTheTurnsRecordedBeforeTheRolesWereCorrected() {
        StreamRecorder rec = new StreamRecorder(1 << 20);
        handler = rec;
        serverPort = 8080;
        seg(false, 777, 1000, PSH | ACK, "tail\n");
        assertThat(rec.turns().get(0).fromClient).as("the ports' guess").isTrue();
        seg(true, 1000, 782, PSH | ACK, "GET / HTTP/1.1\r\n\r\n");
        assertThat(rec.swappedConn().clientAddr()).isEqualTo(C);
        assertThat(rec.turns()).extracting(t -> t.fromClient).containsExactly(false, true);
        assertThat(new String(rec.direction(true), StandardCharsets.ISO_8859_1)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
        assertThat(new String(rec.direction(false), StandardCharsets.ISO_8859_1)).isEqualTo("tail\n");
    }
}
