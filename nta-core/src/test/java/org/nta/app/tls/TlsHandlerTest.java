package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.Feed;
import org.nta.app.Fixtures;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.TlsHello;

class TlsHandlerTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 5, 4, "10.0.0.1", 50000, "10.0.0.2", 443);

    private final AnomalyCounter anomalies = new AnomalyCounter();
    private final List<TlsHello> events = new ArrayList<>();

    private TlsHandler handler() {
        return handler(TlsConfig.DEFAULTS);
    }

    private TlsHandler handler(TlsConfig config) {
        return new TlsHandler(CONN, config, anomalies, events::add);
    }

    private static TlsHello reframed(TlsHello h, long frame) {
        return new TlsHello(frame, Feed.timeOf(frame), h.conn(), h.fromClient(), h.sslv2(), h.helloRetryRequest(),
                h.recordVersion(), h.handshakeVersion(), h.supportedVersions(), h.version(), h.cipherSuites(),
                h.extensions(), h.sni(), h.alpn(), h.supportedGroups(), h.ecPointFormats(), h.signatureAlgorithms(),
                h.ja3(), h.ja3Hash(), h.ja4());
    }

    /** curl's ClientHello (one record, 517 bytes) followed by part of its next flight. */
    private static byte[] curlClient() {
        return TlsFixtures.first("tls-3", true);
    }

    private TlsHello whole(byte[] client) {
        List<TlsHello> out = new ArrayList<>();
        new TlsHandler(CONN, TlsConfig.DEFAULTS, new AnomalyCounter(), out::add)
                .onData(true, client, 0, client.length, 1, Feed.timeOf(1));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void clientHelloFields() {
        TlsHello h = whole(curlClient());
        assertThat(h.fromClient()).isTrue();
        assertThat(h.sni()).isEqualTo("localhost");
        assertThat(h.alpn()).containsExactly("h2", "http/1.1");
        assertThat(h.recordVersion()).isEqualTo(0x0301);
        assertThat(h.handshakeVersion()).isEqualTo(0x0303);
        assertThat(h.version()).isEqualTo(0x0304);
        assertThat(h.supportedVersions()).containsExactly(0x0304, 0x0303, 0x0302, 0x0301);
        assertThat(h.cipherSuites()).hasSize(31).startsWith(0x1302, 0x1303, 0x1301);
        assertThat(h.extensions()).containsExactly(0, 11, 10, 16, 22, 23, 49, 13, 43, 45, 51, 21);
        assertThat(h.supportedGroups()).containsExactly(29, 23, 30, 25, 24, 256, 257, 258, 259, 260);
        assertThat(h.ecPointFormats()).containsExactly(0, 1, 2);
        assertThat(h.signatureAlgorithms()).startsWith(0x0403, 0x0503, 0x0603);
        assertThat(h.sslv2()).isFalse();
        assertThat(h.selectedCipher()).isEqualTo(-1);
    }

    @Test
    void everySplitPointGivesTheSameHello() {
        byte[] s = curlClient();
        int helloEnd = 5 + 0x200; // record header + the 512-byte record holding the hello
        TlsHello base = whole(s);
        for (int cut = 1; cut < s.length; cut++) {
            events.clear();
            Feed.cuts(handler(), true, s, 1, cut);
            assertThat(events).as("cut at %d", cut)
                    .containsExactly(reframed(base, Feed.frameOfByte(helloEnd - 1, cut, 1)));
        }
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void oneByteAtATime() {
        byte[] s = curlClient();
        TlsHello base = whole(s);
        Feed.bytewise(handler(), true, s, 1);
        assertThat(events).containsExactly(reframed(base, 5 + 0x200));
    }

    @Test
    void helloSpanningManyRecordsAtEverySplit() {
        // the same ClientHello re-cut into records of 50 bytes: handshake reassembly across records
        byte[] hs = java.util.Arrays.copyOfRange(curlClient(), 5, 5 + 0x200);
        byte[] s = Hello.records(22, 0x0301, hs, 50);
        TlsHello base = whole(curlClient());
        TlsHello once = whole(s);
        assertThat(once).isEqualTo(base);
        for (int cut = 1; cut < s.length; cut += 7) {
            events.clear();
            Feed.cuts(handler(), true, s, 1, cut, Math.min(s.length - 1, cut + 300));
            assertThat(events).as("cut at %d", cut).hasSize(1);
            assertThat(reframed(events.get(0), 1)).isEqualTo(base);
        }
    }

    @Test
    void serverHelloWithOtherMessagesInTheSameRecord() {
        // TLS 1.2 server flight: ServerHello, then Certificate in the same record
        byte[] sh = Hello.serverHello(0x0303, 0xc030, List.of(Hello.ext(0xff01, new byte[] {0}),
                Hello.ext(11, new byte[] {1, 0}), Hello.ext(23, new byte[0])));
        byte[] cert = Hello.handshake(11, new byte[3]); // an empty certificate_list
        byte[] s = Hello.record(22, 0x0303, Fixtures.concat(sh, cert));
        TlsHandler h = handler();
        byte[] c = curlClient();
        h.onData(true, c, 0, c.length, 1, 1);
        assertThat(h.isDone()).isFalse();
        Feed.bytewise(h, false, s, 2);
        assertThat(events).hasSize(2);
        TlsHello server = events.get(1);
        assertThat(server.fromClient()).isFalse();
        assertThat(server.frame()).as("last byte of the ServerHello").isEqualTo(2 + 5 + sh.length - 1);
        assertThat(server.selectedCipher()).isEqualTo(0xc030);
        assertThat(server.version()).isEqualTo(0x0303);
        assertThat(server.ja3()).isEqualTo("771,49200,65281-11-23");
        assertThat(server.ja4()).isNull();
        assertThat(h.isDone()).isTrue();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void greaseKeptInListsButNotInFingerprints() {
        byte[] ch = Hello.clientHello(0x0303, List.of(0x3a3a, 0x1301, 0x1302),
                List.of(Hello.ext(0x0a0a, new byte[0]), Hello.sni("grease.example"), Hello.alpn("h2"),
                        Hello.groups(0x8a8a, 29), Hello.pointFormats(0), Hello.sigAlgs(0x0403),
                        Hello.versions(0xeaea, 0x0304, 0x0303), Hello.ext(0xdada, new byte[] {0})));
        TlsHello h = whole(Hello.record(22, 0x0301, ch));
        assertThat(h.cipherSuites()).containsExactly(0x3a3a, 0x1301, 0x1302);
        assertThat(h.extensions()).containsExactly(0x0a0a, 0, 16, 10, 11, 13, 43, 0xdada);
        assertThat(h.version()).isEqualTo(0x0304);
        assertThat(h.ja3()).isEqualTo("771,4865-4866,0-16-10-11-13-43,29,0");
        assertThat(h.ja4()).startsWith("t13d0206h2_");
    }

    @Test
    void helloWithoutExtensionsIsSsl3Style() {
        byte[] ch = Hello.clientHello(0x0300, List.of(0x002f, 0x0035), null);
        TlsHello h = whole(Hello.record(22, 0x0300, ch));
        assertThat(h.ja3()).isEqualTo("768,47-53,,,");
        assertThat(h.version()).isEqualTo(0x0300);
        assertThat(h.ja4()).isEqualTo("ts3i020000_" + Ja4.hash12("002f,0035") + "_000000000000");
    }

    @Test
    void sslv2ClientHello() {
        // SSL 2.0 CLIENT-HELLO, version 3.1, three cipher specs, no session id, 16-byte challenge
        byte[] body = Fixtures.concat(Fixtures.hex("01 0301 0009 0000 0010"), Fixtures.hex("010080 070040 00002f"),
                new byte[16]);
        byte[] rec = Fixtures.concat(new byte[] {(byte) (0x80 | (body.length >> 8)), (byte) body.length}, body);
        assertThat(TlsDetect.looksLikeClientHello(rec, 0, rec.length)).isTrue();
        for (int cut = 1; cut < rec.length; cut++) {
            events.clear();
            TlsHandler h = handler();
            Feed.cuts(h, true, rec, 1, cut);
            assertThat(events).as("cut %d", cut).singleElement().satisfies(e -> {
                assertThat(e.sslv2()).isTrue();
                assertThat(e.recordVersion()).isEqualTo(0x0002);
                assertThat(e.handshakeVersion()).isEqualTo(0x0301);
                assertThat(e.cipherSuites()).containsExactly(0x010080, 0x070040, 0x00002f);
                assertThat(e.ja3()).isNull();
                assertThat(e.ja4()).isNull();
                assertThat(e.frame()).isEqualTo(2);
            });
        }
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void serverAlertInsteadOfHelloEndsTheConnection() {
        TlsHandler h = handler();
        byte[] c = curlClient();
        h.onData(true, c, 0, c.length, 1, 1);
        byte[] alert = Hello.record(21, 0x0303, new byte[] {2, 40});
        h.onData(false, alert, 0, alert.length, 2, 2);
        assertThat(events).hasSize(1);
        assertThat(h.isDone()).isTrue();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void handshakeClaimingMoreThanTheLimitIsRefusedAtOnce() {
        // a 16 MB ClientHello announced in the first 9 bytes; nothing else arrives
        byte[] s = Fixtures.hex("16 0301 4000 01 ffffff 0303");
        TlsHandler h = handler(new TlsConfig(4096));
        h.onData(true, s, 0, s.length, 1, 1);
        assertThat(anomalies.count(Anomaly.TLS_HANDSHAKE_TOO_LARGE)).isEqualTo(1);
        assertThat(events).isEmpty();
        // the client direction is over; a server hello could still be read
        assertThat(h.isDone()).isFalse();
    }

    @Test
    void recordLongerThanTlsAllowsIsRefused() {
        byte[] s = Fixtures.hex("16 0303 ffff 01 000100");
        handler().onData(true, s, 0, s.length, 1, 1);
        assertThat(anomalies.count(Anomaly.TLS_RECORD_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void lengthsLargerThanTheDataYieldNothing() {
        // cipher suites length 0x4000 inside a 60-byte hello
        byte[] body = Fixtures.concat(Fixtures.hex("0303"), new byte[32], Fixtures.hex("00 4000 1301 01 00"));
        byte[] s = Hello.record(22, 0x0301, Hello.handshake(1, body));
        TlsHandler h = handler();
        h.onData(true, s, 0, s.length, 3, 3);
        assertThat(events).isEmpty();
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).isEqualTo(1);
        assertThat(anomalies.firstFrame(Anomaly.TLS_MALFORMED)).isEqualTo(3);
        // an extension block whose length overruns the hello
        byte[] body2 = Fixtures.concat(Fixtures.hex("0303"), new byte[32],
                Fixtures.hex("00 0002 1301 01 00 0100 0000"));
        handler().onData(true, Hello.record(22, 0x0301, Hello.handshake(1, body2)), 0, 5 + 4 + body2.length, 4, 4);
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).isEqualTo(2);
    }

    @Test
    void badExtensionBodyIsCountedButTheHelloIsKept() {
        byte[] badSni = Hello.ext(0, Fixtures.hex("0009 00 0050 6161"));
        byte[] ch = Hello.clientHello(0x0303, List.of(0x1301), List.of(badSni, Hello.alpn("h2")));
        TlsHello h = whole(Hello.record(22, 0x0301, ch));
        assertThat(h.sni()).isEmpty();
        assertThat(h.alpn()).containsExactly("h2");
        handler().onData(true, Hello.record(22, 0x0301, ch), 0, 5 + ch.length, 1, 1);
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).isEqualTo(1);
    }

    @Test
    void notTlsAtAll() {
        byte[] http = Fixtures.ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        TlsHandler h = handler();
        h.onData(true, http, 0, http.length, 1, 1);
        assertThat(events).isEmpty();
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).isEqualTo(1);
    }

    @Test
    void messageOtherThanAHelloFirstIsMalformed() {
        byte[] s = Hello.record(22, 0x0303, Hello.handshake(16, new byte[40])); // ClientKeyExchange first
        handler().onData(true, s, 0, s.length, 1, 1);
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void gapOrFinInsideTheHello() {
        byte[] s = curlClient();
        TlsHandler h = handler();
        h.onData(true, s, 0, 100, 1, 1);
        h.onGap(true, 50, 2, 2);
        h.onData(true, s, 150, s.length - 150, 3, 3);
        assertThat(events).isEmpty();
        assertThat(anomalies.isEmpty()).isTrue();

        TlsHandler f = handler();
        f.onData(true, s, 0, 100, 1, 1);
        f.onFin(true, false, 2, 2);
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).isEqualTo(1);
        TlsHandler c = handler();
        c.onData(true, s, 0, 100, 1, 1);
        c.onClose(2, 2);
        assertThat(c.isDone()).isTrue();
        assertThat(anomalies.count(Anomaly.TLS_MALFORMED)).as("capture end is not the sender's fault").isEqualTo(1);
    }

    @Test
    void encryptedDataAfterTheHellosIsNotLookedAt() {
        TlsHandler h = handler();
        List<TlsFixtures.Segment> segs = TlsFixtures.connections().get("tls-0");
        for (TlsFixtures.Segment s : segs.subList(0, 2)) h.onData(s.fromClient(), s.data(), 0, s.data().length, 1, 1);
        assertThat(h.isDone()).isTrue();
        byte[] junk = new byte[1000];
        h.onData(true, junk, 0, junk.length, 9, 9);
        h.onData(false, junk, 0, junk.length, 9, 9);
        assertThat(events).hasSize(2);
        assertThat(anomalies.isEmpty()).isTrue();
    }
}
