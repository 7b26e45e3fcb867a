package org.nta.app.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;

class SshDetectTest {
    private static boolean client(String s) {
        byte[] b = Fixtures.ascii(s);
        return SshDetect.looksLikeSsh(b, 0, b.length, true);
    }

    private static boolean server(String s) {
        byte[] b = Fixtures.ascii(s);
        return SshDetect.looksLikeSsh(b, 0, b.length, false);
    }

    @Test
    void banners() {
        assertThat(client("SSH-2.0-OpenSSH_9.6\r\n")).isTrue();
        assertThat(client("SSH-1.99-Cisco-1.25\r\n")).isTrue();
        assertThat(client("SSH-")).as("all that has arrived so far").isTrue();
        assertThat(client("SSH-2.")).isTrue();
        assertThat(client("SSH")).isFalse();
        assertThat(client("SSH-two-x")).isFalse();
        assertThat(client("SSH-2.0x")).isFalse();
        assertThat(client("SSH-2-")).isFalse();
        assertThat(client("SSH-20000.0-x")).isFalse();
        assertThat(client("GET / HTTP/1.1\r\n")).isFalse();
    }

    @Test
    void serverLinesBeforeTheBanner() {
        assertThat(server("Hello there\r\nSSH-2.0-OpenSSH_9.6\r\n")).isTrue();
        assertThat(client("Hello there\r\nSSH-2.0-OpenSSH_9.6\r\n")).isFalse();
        assertThat(server("Hello there\r\n")).as("banner not seen yet").isFalse();
        assertThat(server("220 smtp ready\r\n250 ok\r\n")).isFalse();
        byte[] bin = Fixtures.concat(new byte[] {0, 1, 2, '\n'}, Fixtures.ascii("SSH-2.0-x\r\n"));
        assertThat(SshDetect.looksLikeSsh(bin, 0, bin.length, false)).as("binary first line").isFalse();
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(22);
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[40];
            rnd.nextBytes(b);
            if (SshDetect.looksLikeSsh(b, 0, b.length, rnd.nextBoolean())) hits++;
        }
        assertThat(hits).isZero();
    }
}
