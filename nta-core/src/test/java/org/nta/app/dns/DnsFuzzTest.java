package org.nta.app.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

/** Mutated real messages, fixed seeds: nothing escapes, every call returns quickly. */
class DnsFuzzTest {
    private static final List<byte[]> SEEDS = new ArrayList<>(Fixtures.hexFile("/dns/messages.txt").values());
    private static final ConnInfo CONN = new ConnInfo("udp", 0, 4, "a", 1, "b", 53);

    static byte[] mutate(Random rnd, byte[] seed) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> { // flip bits
                for (int i = rnd.nextInt(8) + 1; i > 0; i--) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 2 -> { // random bytes in a window
                int at = rnd.nextInt(b.length), n = Math.min(b.length - at, rnd.nextInt(16) + 1);
                for (int i = 0; i < n; i++) b[at + i] = (byte) rnd.nextInt(256);
            }
            case 3 -> { // plant compression pointers
                for (int i = rnd.nextInt(4) + 1; i > 0 && b.length > 13; i--) {
                    int at = 12 + rnd.nextInt(b.length - 13);
                    b[at] = (byte) (0xc0 | rnd.nextInt(0x40));
                    b[at + 1] = (byte) rnd.nextInt(256);
                }
            }
            default -> { // huge counts
                if (b.length >= 12) for (int i = 4; i < 12; i++) b[i] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }

    @Test
    void mutatedMessagesNeverThrow() {
        Random rnd = new Random(20261128);
        AnomalyCounter anomalies = new AnomalyCounter();
        DnsDecoder d = new DnsDecoder(DnsConfig.DEFAULTS, anomalies);
        int decoded = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int n = 0;
            for (int i = 0; i < 60_000; i++) {
                byte[] b = mutate(rnd, SEEDS.get(rnd.nextInt(SEEDS.size())));
                if (d.decode(b, 0, b.length, CONN, i, 0).isPresent()) n++;
                DnsDetect.looksLikeDns(b, 0, b.length);
                DnsDetect.looksLikeDnsOverTcp(b, 0, b.length);
            }
            return n;
        });
        assertThat(decoded).isGreaterThan(50_000);
        assertThat(anomalies.total()).isPositive();
    }

    @Test
    void mutatedStreamsInRandomPiecesNeverThrow() {
        Random rnd = new Random(7);
        AnomalyCounter anomalies = new AnomalyCounter();
        List<DnsMessage> out = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3_000; i++) {
                DnsTcpHandler h = new DnsTcpHandler(CONN, new DnsDecoder(DnsConfig.DEFAULTS, anomalies), anomalies,
                        out::add);
                byte[] s = new byte[0];
                for (int k = rnd.nextInt(4) + 1; k > 0; k--) {
                    byte[] m = mutate(rnd, SEEDS.get(rnd.nextInt(SEEDS.size())));
                    int len = rnd.nextInt(10) == 0 ? rnd.nextInt(65536) : m.length;
                    s = Fixtures.concat(s, new byte[] {(byte) (len >> 8), (byte) len}, m);
                }
                int p = 0;
                long frame = 1;
                while (p < s.length) {
                    int n = Math.min(s.length - p, rnd.nextInt(64) + 1);
                    if (rnd.nextInt(30) == 0) h.onGap(rnd.nextBoolean(), n, frame, frame);
                    else h.onData(rnd.nextBoolean(), s, p, n, frame, frame);
                    p += n;
                    frame++;
                }
                if (rnd.nextBoolean()) h.onFin(true, rnd.nextBoolean(), frame, frame);
                h.onClose(frame, frame);
            }
        });
        assertThat(out).isNotEmpty();
    }
}
