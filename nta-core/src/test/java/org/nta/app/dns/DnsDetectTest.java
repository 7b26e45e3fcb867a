package org.nta.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;

class DnsDetectTest {
    private static final Map<String, byte[]> MESSAGES = Fixtures.hexFile("/dns/messages.txt");

    @Test
    void realMessagesAreRecognised() {
        MESSAGES.forEach((key, b) -> {
            if (key.startsWith("dns_tcp") || key.equals("dns_udp_2-2")) return;
            assertThat(DnsDetect.looksLikeDns(b, 0, b.length)).as(key).isTrue();
        });
    }

    @Test
    void tcpStartsAreRecognisedWholeAndPartial() {
        byte[] q = MESSAGES.get("dns_tcp-4"), r = MESSAGES.get("dns_tcp-6");
        assertThat(DnsDetect.looksLikeDnsOverTcp(q, 0, q.length)).isTrue();
        assertThat(DnsDetect.looksLikeDnsOverTcp(r, 0, r.length)).isTrue();
        assertThat(DnsDetect.looksLikeDnsOverTcp(r, 0, 40)).as("first segment of a longer message").isTrue();
        assertThat(DnsDetect.looksLikeDnsOverTcp(r, 0, 13)).as("not even a header").isFalse();
        assertThat(DnsDetect.looksLikeDnsOverTcp(r, 2, r.length - 2)).as("no length prefix").isFalse();
    }

    @Test
    void otherProtocolsAreNotDns() {
        String[] others = {"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "220 mail.example.com ESMTP Postfix\r\n"};
        for (String s : others) {
            byte[] b = Fixtures.ascii(s);
            assertThat(DnsDetect.looksLikeDns(b, 0, b.length)).as(s).isFalse();
            assertThat(DnsDetect.looksLikeDnsOverTcp(b, 0, b.length)).as(s).isFalse();
        }
        // an NTP client request (48 bytes), a TLS ClientHello record start
        byte[] ntp = new byte[48];
        ntp[0] = 0x23;
        assertThat(DnsDetect.looksLikeDns(ntp, 0, ntp.length)).isFalse();
        byte[] tls = Fixtures.hex("16030100c4010000c00303" + "00".repeat(60));
        assertThat(DnsDetect.looksLikeDnsOverTcp(tls, 0, tls.length)).isFalse();
    }

    @Test
    void damagedMessagesAreNotDns() {
        byte[] m = MESSAGES.get("webshell-10");
        assertThat(DnsDetect.looksLikeDns(m, 0, m.length - 1)).as("cut short").isFalse();
        byte[] longer = Arrays.copyOf(m, m.length + 3);
        assertThat(DnsDetect.looksLikeDns(longer, 0, longer.length)).as("trailing bytes").isFalse();
        byte[] z = m.clone();
        z[3] |= 0x40;
        assertThat(DnsDetect.looksLikeDns(z, 0, z.length)).as("Z bit set").isFalse();
        byte[] q = MESSAGES.get("webshell-7").clone();
        q[3] |= 0x03;
        assertThat(DnsDetect.looksLikeDns(q, 0, q.length)).as("query with an rcode").isFalse();
    }

    @Test
    void randomBytesAreAlmostNeverDns() {
        Random rnd = new Random(42);
        int hits = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[12 + rnd.nextInt(200)];
            rnd.nextBytes(b);
            if (DnsDetect.looksLikeDns(b, 0, b.length)) hits++;
            if (DnsDetect.looksLikeDnsOverTcp(b, 0, b.length)) hits++;
        }
        assertThat(hits).isLessThan(5);
    }
}
