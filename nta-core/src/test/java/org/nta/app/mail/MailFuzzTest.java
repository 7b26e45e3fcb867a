package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.Event;
import org.nta.reassembly.StreamHandler;

/** Mutation and robustness: truncated replies, endless lines, huge literals, base64 that is not; nothing escapes. */
class MailFuzzTest {
    private static final MailConfig SMALL = new MailConfig(256, 4096, 8192, 4, 8, 8, 16);

    private static void feed(Conversation.Factory f, List<Conversation.Turn> turns, Random rnd, AnomalyCounter a, List<Event> out) {
        StreamHandler h = f.make(Conversation.CONN, rnd.nextBoolean() ? SMALL : MailConfig.DEFAULTS, a, out::add);
        long frame = 1;
        for (Conversation.Turn t : turns) {
            byte[] b = t.bytes().clone();
            for (int k = rnd.nextInt(4); k > 0 && b.length > 0; k--) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            int len = rnd.nextInt(12) == 0 ? rnd.nextInt(b.length + 1) : b.length; // truncated turns
            int p = 0;
            while (p < len) {
                int n = Math.min(len - p, 1 + rnd.nextInt(64));
                if (rnd.nextInt(50) == 0) h.onGap(t.fromClient(), n, frame, frame);
                else h.onData(rnd.nextInt(30) == 0 ? !t.fromClient() : t.fromClient(), b, p, n, frame, frame);
                p += n;
                frame++;
            }
        }
        if (rnd.nextBoolean()) h.onFin(true, rnd.nextBoolean(), frame, frame);
        h.onClose(frame, frame);
    }

    @Test
    void mutatedSessionsInRandomPieces() {
        Random rnd = new Random(10);
        AnomalyCounter a = new AnomalyCounter();
        List<Event> out = new ArrayList<>();
        List<List<Conversation.Turn>> smtp = List.of(SmtpHandlerTest.session().turns());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3000; i++) {
                feed(SmtpHandler::new, smtp.get(0), rnd, a, out);
                feed(PopHandler::new, PopHandlerTest.session().turns(), rnd, a, out);
                feed(ImapHandler::new, ImapHandlerTest.session().turns(), rnd, a, out);
                if (out.size() > 100_000) out.clear();
            }
        });
        assertThat(a.total()).isPositive();
    }

    @Test
    void endlessLinesStayBounded() {
        byte[] chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, (byte) 'A');
        for (Conversation.Factory f : List.<Conversation.Factory>of(SmtpHandler::new, PopHandler::new, ImapHandler::new)) {
            AnomalyCounter a = new AnomalyCounter();
            List<Event> out = new ArrayList<>();
            StreamHandler h = f.make(Conversation.CONN, MailConfig.DEFAULTS, a, out::add);
            byte[] greet = "220 x ESMTP\r\n".getBytes(StandardCharsets.ISO_8859_1);
            h.onData(false, greet, 0, greet.length, 1, 1);
            for (int i = 0; i < 320; i++) { // 20 MiB without a line end, each way
                h.onData(true, chunk, 0, chunk.length, 2 + i, 2 + i);
                h.onData(false, chunk, 0, chunk.length, 2 + i, 2 + i);
            }
            h.onClose(1000, 1000);
            assertThat(a.count(Anomaly.MAIL_LINE_TOO_LONG)).isPositive();
            assertThat(Anomaly.MAIL_LINE_TOO_LONG.isLimit()).isTrue();
        }
    }

    @Test
    void absurdLiteralSizes() {
        AnomalyCounter a = new AnomalyCounter();
        List<Event> out = new ArrayList<>();
        StreamHandler h = new ImapHandler(Conversation.CONN, MailConfig.DEFAULTS, a, out::add);
        byte[] s = "* OK hi\r\n* 1 FETCH (BODY[] {99999999999999999999999}\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        byte[] c = "a1 LOGIN {18446744073709551615}\r\nxyz".getBytes(StandardCharsets.ISO_8859_1);
        h.onData(false, s, 0, s.length, 1, 1);
        h.onData(true, c, 0, c.length, 2, 2);
        h.onClose(3, 3);
        assertThat(a.count(Anomaly.MAIL_LITERAL_TOO_LARGE)).isEqualTo(2);
        assertThat(Conversation.only(out, org.nta.event.MailMessage.class)).singleElement()
                .satisfies(m -> assertThat(m.incomplete()).isTrue());
    }

    @Test
    void base64ThatIsNot() {
        AnomalyCounter a = new AnomalyCounter();
        List<Event> ev = new Conversation().s("220 x ESMTP\r\n").c("AUTH PLAIN %%%not base64%%%\r\n").s("535 no\r\n")
                .c("AUTH LOGIN\r\n").s("334 VXNlcm5hbWU6\r\n").c("\u00ff\u00fe!!\r\n").s("334 x\r\n").c("===\r\n").s("535 no\r\n")
                .run(SmtpHandler::new, MailConfig.DEFAULTS, a);
        assertThat(a.count(Anomaly.MAIL_AUTH_MALFORMED)).isPositive();
        assertThat(Conversation.only(ev, org.nta.event.Credential.class)).hasSize(1);
    }
}
