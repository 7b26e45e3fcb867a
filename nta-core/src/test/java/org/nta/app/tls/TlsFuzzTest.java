package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.TlsHello;

/** Mutated recorded connections, delivered in random pieces with fixed seeds: nothing escapes. */
class TlsFuzzTest {
    @Test
    void mutatedConnectionsNeverThrow() {
        List<List<TlsFixtures.Segment>> conns = new ArrayList<>(TlsFixtures.connections().values());
        Random rnd = new Random(443);
        AnomalyCounter anomalies = new AnomalyCounter();
        List<TlsHello> out = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20_000; i++) {
                TlsHandler h = new TlsHandler(TlsHandlerTest.CONN, new TlsConfig(2048), anomalies, out::add);
                long frame = 1;
                for (TlsFixtures.Segment s : conns.get(rnd.nextInt(conns.size()))) {
                    byte[] b = s.data().clone();
                    int flips = rnd.nextInt(4);
                    for (int k = 0; k < flips; k++) {
                        b[rnd.nextInt(Math.min(b.length, 120))] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    if (rnd.nextInt(10) == 0) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                    int p = 0;
                    while (p < b.length) {
                        int n = Math.min(b.length - p, 1 + rnd.nextInt(200));
                        h.onData(s.fromClient(), b, p, n, frame, frame);
                        p += n;
                        frame++;
                    }
                    if (rnd.nextInt(50) == 0) h.onGap(s.fromClient(), 10, frame, frame);
                }
                if (rnd.nextBoolean()) h.onFin(rnd.nextBoolean(), rnd.nextBoolean(), frame, frame);
                h.onClose(frame, frame);
                assertThat(h.isDone()).isTrue();
            }
        });
        assertThat(out).isNotEmpty();
        assertThat(anomalies.total()).isPositive();
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(8443);
        AnomalyCounter anomalies = new AnomalyCounter();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20_000; i++) {
                TlsHandler h = new TlsHandler(TlsHandlerTest.CONN, TlsConfig.DEFAULTS, anomalies, x -> { });
                byte[] b = new byte[rnd.nextInt(300)];
                rnd.nextBytes(b);
                if (b.length > 0 && rnd.nextBoolean()) b[0] = 22;
                if (b.length > 1 && rnd.nextBoolean()) b[1] = 3;
                h.onData(rnd.nextBoolean(), b, 0, b.length, 1, 1);
            }
        });
    }
}
