package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.decode.Proto;

class MailDetectTest {
    private static Proto server(String s, int port) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return MailDetect.recognise(b, 0, b.length, false, port);
    }

    private static Proto client(String s, int port) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return MailDetect.recognise(b, 0, b.length, true, port);
    }

    @Test
    void greetingsOnAnyPort() {
        assertThat(server("220 mx.example.com ESMTP Postfix\r\n", 8025)).isEqualTo(Proto.SMTP);
        assertThat(server("220-mx.example.com ESMTP\r\n", 2500)).isEqualTo(Proto.SMTP);
        assertThat(server("220 Welcome\r\n", 25)).as("a bare 220 on the SMTP port").isEqualTo(Proto.SMTP);
        assertThat(server("220 (vsFTPd 3.0.3)\r\n", 21)).as("FTP greets with 220 too").isNull();
        assertThat(server("+OK Dovecot ready.\r\n", 1110)).isEqualTo(Proto.POP);
        assertThat(server("+OKAY\r\n", 110)).isNull();
        assertThat(server("* OK [CAPABILITY IMAP4rev1] ready\r\n", 1143)).isEqualTo(Proto.IMAP);
        assertThat(server("* PREAUTH ready\r\n", 143)).isEqualTo(Proto.IMAP);
        assertThat(server("HTTP/1.1 200 OK\r\n", 80)).isNull();
    }

    @Test
    void firstCommands() {
        assertThat(client("EHLO client.example\r\n", 4025)).isEqualTo(Proto.SMTP);
        assertThat(client("EHLO client", 25)).as("the line is not complete yet").isNull();
        assertThat(client("a001 LOGIN bob pw\r\n", 9143)).isEqualTo(Proto.IMAP);
        assertThat(client("A1 CAPABILITY\r\n", 143)).isEqualTo(Proto.IMAP);
        assertThat(client("GET / HTTP/1.1\r\n", 80)).isNull();
        assertThat(client("CAPA\r\n", 1110)).isEqualTo(Proto.POP);
        assertThat(client("USER bob\r\n", 110)).isEqualTo(Proto.POP);
        assertThat(client("USER bob\r\n", 21)).as("FTP's USER").isNull();
    }

    @Test
    void sides() {
        byte[] g = "220 mx ESMTP\r\n".getBytes(StandardCharsets.ISO_8859_1), e = "EHLO x\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MailDetect.side(g, 0, g.length)).isEqualTo(2);
        assertThat(MailDetect.side(e, 0, e.length)).isEqualTo(1);
    }

    @Test
    void randomBytesAreNotMail() {
        Random rnd = new Random(25);
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[40];
            rnd.nextBytes(b);
            if (MailDetect.recognise(b, 0, b.length, rnd.nextBoolean(), 25) != null) hits++;
        }
        assertThat(hits).isZero();
    }
}
