package org.nta.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.eth;
import static org.nta.testing.Packets.ipv4;
import static org.nta.testing.Packets.udp;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;

/**
 * Fragment reassembly is bounded by {@link DecoderConfig}: datagrams in progress, bytes they hold, and a timeout in
 * capture time. A datagram dropped by a limit never completes; the others still do.
 */
class FragmentLimitsTest {
    static final byte[] UDP = udp(1234, 53, new byte[100]);
    static final byte[] HEAD = Arrays.copyOfRange(UDP, 0, 56), TAIL = Arrays.copyOfRange(UDP, 56, UDP.length);

    final AnomalyCounter anomalies = new AnomalyCounter();
    final Packet p = new Packet();
    PacketDecoder decoder;
    long frame;

    private Packet fragment(long sec, int id, boolean head) {
        byte[] data = eth(0x0800, head ? ipv4("1.1.1.1", "2.2.2.2", 17, HEAD, id, 0, true, new byte[0])
                : ipv4("1.1.1.1", "2.2.2.2", 17, TAIL, id, 56, false, new byte[0]));
        Frame f = new Frame();
        f.number = ++frame;
        f.tsSec = sec;
        f.linkType = 1;
        f.data = data;
        f.capLen = f.origLen = data.length;
        decoder.decode(f, p);
        return p;
    }

    private boolean completes(long sec, int id) {
        return !fragment(sec, id, false).fragment && p.isUdp() && p.payloadLen == 100;
    }

    @Test
    void datagramsInProgressAreCapped() {
        decoder = new PacketDecoder(anomalies, new DecoderConfig(4, 3, 32L << 20, 60));
        for (int id = 1; id <= 5; id++) fragment(1, id, true);
        assertThat(anomalies.count(Anomaly.FRAG_LIMIT)).as("the two oldest made room").isEqualTo(2);
        assertThat(completes(1, 1)).as("datagram 1 was dropped").isFalse();
        assertThat(completes(1, 5)).as("datagram 5 is still there").isTrue();
    }

    @Test
    void bytesHeldAreCapped() {
        // each datagram in progress holds a 2 KiB buffer: 5000 bytes leave room for two
        decoder = new PacketDecoder(anomalies, new DecoderConfig(4, 4096, 5_000, 60));
        for (int id = 1; id <= 3; id++) fragment(1, id, true);
        assertThat(anomalies.count(Anomaly.FRAG_LIMIT)).isEqualTo(1);
        assertThat(completes(1, 1)).as("the oldest was dropped").isFalse();
        assertThat(completes(1, 3)).isTrue();
    }

    @Test
    void incompleteDatagramsTimeOutOnCaptureTime() {
        decoder = new PacketDecoder(anomalies, new DecoderConfig(4, 4096, 32L << 20, 10));
        fragment(100, 1, true);
        fragment(100, 2, true);
        assertThat(completes(110, 2)).as("10 s later: still within the timeout").isTrue();
        assertThat(anomalies.count(Anomaly.FRAG_TIMEOUT)).isZero();
        assertThat(completes(111, 1)).as("11 s later: dropped").isFalse();
        assertThat(anomalies.count(Anomaly.FRAG_TIMEOUT)).isEqualTo(1);
    }
}
