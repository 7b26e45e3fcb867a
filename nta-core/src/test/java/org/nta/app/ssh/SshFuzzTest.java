package org.nta.app.ssh;

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
import org.nta.event.SshBanner;

class SshFuzzTest {
    @Test
    void mutatedBannersInRandomPieces() {
        List<byte[]> seeds = new ArrayList<>(Fixtures.hexFile("/ssh/payloads.txt").values());
        seeds.add(Fixtures.ascii("line one\r\nline two\nSSH-2.0-x y z\r\n"));
        Random rnd = new Random(2222);
        AnomalyCounter anomalies = new AnomalyCounter();
        List<SshBanner> out = new ArrayList<>();
        ConnInfo conn = new ConnInfo("tcp", 0, 4, "a", 1, "b", 22);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 20_000; i++) {
                SshHandler h = new SshHandler(conn, new SshConfig(8, 128), anomalies, out::add);
                byte[] b = Fixtures.concat(seeds.get(rnd.nextInt(seeds.size())), seeds.get(rnd.nextInt(seeds.size())));
                for (int k = rnd.nextInt(5); k > 0; k--) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                int p = 0;
                long frame = 1;
                while (p < b.length) {
                    int n = Math.min(b.length - p, 1 + rnd.nextInt(40));
                    if (rnd.nextInt(40) == 0) h.onGap(rnd.nextBoolean(), n, frame, frame);
                    else h.onData(rnd.nextBoolean(), b, p, n, frame, frame);
                    p += n;
                    frame++;
                }
                h.onFin(rnd.nextBoolean(), rnd.nextBoolean(), frame, frame);
                h.onClose(frame, frame);
                assertThat(h.isDone()).isTrue();
            }
        });
        assertThat(out).isNotEmpty();
        assertThat(anomalies.total()).isPositive();
    }
}
