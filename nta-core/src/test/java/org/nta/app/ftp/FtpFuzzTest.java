package org.nta.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.Expectations;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.FtpResponse;
import org.nta.reassembly.StreamHandler;

/** Mutated sessions in random pieces, gaps and ends: nothing escapes, memory stays within the limits. */
class FtpFuzzTest {
    private static final ConnInfo CONN = FtpControlHandlerTest.CONN;

    @Test
    void mutatedSessionsInRandomPieces() {
        StringBuilder script = new StringBuilder();
        for (FtpControlHandlerTest.Msg m : FtpControlHandlerTest.SESSION) script.append(m.text());
        byte[] seed = script.toString().getBytes(StandardCharsets.ISO_8859_1);
        Random rnd = new Random(2121);
        AnomalyCounter anomalies = new AnomalyCounter();
        FtpConfig small = new FtpConfig(64, 4, 4, 256, 2, 1_000_000, 8);
        Expectations x = new Expectations(8, anomalies);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 5_000; i++) {
                List<Event> out = new ArrayList<>();
                FtpControlHandler h = new FtpControlHandler(CONN, small, anomalies, out::add, x);
                byte[] b = seed.clone();
                for (int k = rnd.nextInt(8); k > 0; k--) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextBoolean()) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length)); // truncated
                feedRandomly(h, b, rnd);
                // the data connections it announced get garbage too
                Expectations.Match m = x.take(new ConnInfo("tcp", 1, 4, "10.0.0.1", 1, "10.0.0.2", 5001), 0);
                if (m != null) feedRandomly(m.handler(), b, rnd);
            }
        });
        assertThat(anomalies.isEmpty()).isFalse();
    }

    private static void feedRandomly(StreamHandler h, byte[] b, Random rnd) {
        int p = 0;
        long frame = 1;
        while (p < b.length) {
            int n = Math.min(b.length - p, 1 + rnd.nextInt(30));
            if (rnd.nextInt(50) == 0) h.onGap(rnd.nextBoolean(), n, frame, frame);
            else h.onData(rnd.nextBoolean(), b, p, n, frame, frame);
            p += n;
            frame++;
        }
        if (rnd.nextBoolean()) h.onFin(rnd.nextBoolean(), rnd.nextBoolean(), frame, frame);
        h.onClose(frame + 1, frame + 1);
    }

    @Test
    void endlessLinesAndEndlessRepliesStayBounded() {
        AnomalyCounter anomalies = new AnomalyCounter();
        List<Event> out = new ArrayList<>();
        FtpConfig c = FtpConfig.DEFAULTS;
        FtpControlHandler h = new FtpControlHandler(CONN, c, anomalies, out::add, new Expectations(4, anomalies));
        byte[] junk = new byte[64 << 10];
        java.util.Arrays.fill(junk, (byte) 'A');
        for (int i = 0; i < 256; i++) h.onData(true, junk, 0, junk.length, i + 1, i); // 16 MiB without a line end
        h.onData(true, "\r\nNOOP\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, 8, 300, 300);
        byte[] start = "211-start\r\n".getBytes(StandardCharsets.ISO_8859_1);
        h.onData(false, start, 0, start.length, 301, 301);
        byte[] line = " more\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 100_000; i++) h.onData(false, line, 0, line.length, 302, 302); // a reply that never ends
        h.onClose(400, 400);
        assertThat(anomalies.count(Anomaly.FTP_LINE_TOO_LONG)).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.FTP_REPLY_LINES_LIMIT)).isEqualTo(1);
        FtpResponse r = (FtpResponse) out.get(out.size() - 1);
        assertThat(r.lines()).hasSize(c.maxReplyLines());
        assertThat(out).hasSize(3);
    }
}
