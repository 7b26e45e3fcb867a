package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;

class TlsDetectTest {
    @Test
    void recordedHellosAreRecognisedFromTheirFirstBytes() {
        TlsFixtures.connections().forEach((name, segs) -> {
            byte[] c = TlsFixtures.first(name, true), s = TlsFixtures.first(name, false);
            for (int n : new int[] {6, 9, 11, 44, c.length}) {
                assertThat(TlsDetect.looksLikeClientHello(c, 0, Math.min(n, c.length))).as(name + " " + n).isTrue();
                assertThat(TlsDetect.looksLikeTls(s, 0, Math.min(n, s.length), false)).as(name + " " + n).isTrue();
            }
            assertThat(TlsDetect.looksLikeServerHello(c, 0, c.length)).isFalse();
            assertThat(TlsDetect.looksLikeClientHello(s, 0, s.length)).isFalse();
        });
    }

    @Test
    void tooFewBytesOrOtherProtocols() {
        byte[] c = TlsFixtures.first("tls-0", true);
        assertThat(TlsDetect.looksLikeClientHello(c, 0, 5)).isFalse();
        String[] others = {"GET / HTTP/1.1\r\n\r\n", "SSH-2.0-OpenSSH_9.6\r\n", "\u0016\u0003\u0001\u0000"};
        for (String s : others) {
            byte[] b = Fixtures.ascii(s);
            assertThat(TlsDetect.looksLikeClientHello(b, 0, b.length)).as(s).isFalse();
        }
        // handshake record, but an application-data type inside, or a bad client version
        assertThat(TlsDetect.looksLikeClientHello(Fixtures.hex("1603010200 0b0001fc0303"), 0, 10)).isFalse();
        assertThat(TlsDetect.looksLikeClientHello(Fixtures.hex("1603010200 010001fc0903"), 0, 11)).isFalse();
        // a 12-byte ClientHello is too short to be one
        assertThat(TlsDetect.looksLikeClientHello(Fixtures.hex("1603010010 0100000c0303"), 0, 11)).isFalse();
    }

    @Test
    void randomBytesAreAlmostNeverTls() {
        Random rnd = new Random(1);
        int hits = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[64];
            rnd.nextBytes(b);
            if (TlsDetect.looksLikeClientHello(b, 0, b.length)) hits++;
            if (TlsDetect.looksLikeServerHello(b, 0, b.length)) hits++;
        }
        assertThat(hits).isZero();
    }
}
