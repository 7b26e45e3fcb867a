package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.Feed;
import org.nta.app.Fixtures;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.X509Certificate;

/**
 * The server's Certificate message in TLS 1.2 and earlier: the X.509 fields of real OpenSSL certificates (checked
 * against {@code openssl x509}), the message split at every point and across records, the TLS 1.3 case (encrypted:
 * nothing read), the limits, and mutations.
 */
class TlsCertificateTest {
    static final Map<String, byte[]> DER = Fixtures.hexFile("/tls/certs.txt");
    static final byte[] CLIENT_HELLO = TlsFixtures.first("tls-3", true);

    private final AnomalyCounter anomalies = new AnomalyCounter();
    private final List<TlsHello> hellos = new ArrayList<>();
    private final List<TlsCertificate> certs = new ArrayList<>();

    private TlsHandler handler(TlsConfig config) {
        TlsHandler h = new TlsHandler(TlsHandlerTest.CONN, config, anomalies, hellos::add, certs::add);
        h.onData(true, CLIENT_HELLO, 0, CLIENT_HELLO.length, 1, 1);
        return h;
    }

    static byte[] u24(int n) {
        return new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    /** A Certificate message body carrying these DER certificates. */
    static byte[] certificateBody(byte[]... ders) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (byte[] d : ders) {
            parts.add(u24(d.length));
            parts.add(d);
            total += 3 + d.length;
        }
        parts.add(0, u24(total));
        return Fixtures.concat(parts.toArray(byte[][]::new));
    }

    static byte[] serverHello(int version) {
        List<byte[]> ext = version == 0x0304 ? List.of(Hello.ext(43, new byte[] {3, 4})) : List.of();
        return Hello.serverHello(0x0303, version == 0x0304 ? 0x1301 : 0xc02f, ext);
    }

    /** ServerHello, Certificate (leaf and CA), ServerKeyExchange, ServerHelloDone in one record. */
    static byte[] flight() {
        byte[] msgs = Fixtures.concat(serverHello(0x0303), Hello.handshake(11, certificateBody(DER.get("c2"), DER.get("ca"))),
                Hello.handshake(12, new byte[40]), Hello.handshake(14, new byte[0]));
        return Hello.record(22, 0x0303, msgs);
    }

    @Test
    void x509FieldsAsOpensslShowsThem() {
        X509Certificate leaf = X509Parser.parseOrUnreadable(DER.get("c2"), 0, DER.get("c2").length);
        assertThat(leaf.malformed()).isFalse();
        assertThat(leaf.version()).isEqualTo(3);
        assertThat(leaf.serial()).isEqualTo("07");
        assertThat(leaf.signatureAlgorithm()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(leaf.issuer().text()).isEqualTo("C=US, O=Lab, CN=Lab Root CA");
        assertThat(leaf.subject().text()).isEqualTo("C=US, O=Lab, OU=Web, CN=www.lab.local");
        assertThat(leaf.subject().cn()).isEqualTo("www.lab.local");
        assertThat(Instant.ofEpochSecond(leaf.notBefore())).isEqualTo(Instant.parse("2026-12-07T04:12:14Z"));
        assertThat(Instant.ofEpochSecond(leaf.notAfter())).isEqualTo(Instant.parse("2027-03-07T04:12:14Z"));
        assertThat(leaf.generalizedTimes()).isZero();
        assertThat(leaf.dnsNames()).containsExactly("www.lab.local", "*.lab.local");
        assertThat(leaf.ipAddresses()).containsExactly("10.1.2.3", "fd00::1");
        assertThat(leaf.ca()).isFalse();
        assertThat(leaf.keyAlgorithm()).isEqualTo("EC");
        assertThat(leaf.keyBits()).isEqualTo(384);
        assertThat(leaf.selfIssued()).isFalse();
        assertThat(leaf.sha1()).isEqualTo("3ddc523d7fad29856e399be2ae6d9fd527f9a085");
        assertThat(leaf.sha256()).isEqualTo("e258f383eb8c73789a2db27c500b10519d37dadb1d5a8e6c75885cca019126ca");

        X509Certificate ca = X509Parser.parseOrUnreadable(DER.get("ca"), 0, DER.get("ca").length);
        assertThat(ca.ca()).isTrue();
        assertThat(ca.selfIssued()).isTrue();
        assertThat(ca.keyBits()).isEqualTo(256);

        X509Certificate self = X509Parser.parseOrUnreadable(DER.get("c1"), 0, DER.get("c1").length);
        assertThat(self.selfIssued()).isTrue();
        assertThat(self.serial()).isEqualTo("1234567890");
        assertThat(self.keyAlgorithm()).isEqualTo("RSA");
        assertThat(self.keyBits()).isEqualTo(2048);
        assertThat(self.subject().attributes()).extracting(a -> a.stringType()).containsExactly(19, 19, 19, 19);
        assertThat(self.validitySeconds()).isEqualTo(2 * 86400);
        assertThat(self.sha1()).isEqualTo("e9feaa8f7c1ab4e3b876ca246d0da3fe505531cd");

        X509Certificate longLived = X509Parser.parseOrUnreadable(DER.get("c3"), 0, DER.get("c3").length);
        assertThat(longLived.generalizedTimes()).isEqualTo(2);
        assertThat(Instant.ofEpochSecond(longLived.notAfter())).isEqualTo(Instant.parse("2054-04-24T04:12:15Z"));
        assertThat(longLived.subject().first("O")).isEqualTo("Müller Ärzte");
    }

    @Test
    void flightSplitAtEveryPoint() {
        byte[] s = flight();
        int certEnd = 5 + serverHello(0x0303).length + 4 + certificateBody(DER.get("c2"), DER.get("ca")).length;
        for (int cut = 1; cut < s.length; cut++) {
            certs.clear();
            TlsHandler h = handler(TlsConfig.DEFAULTS);
            Feed.cuts(h, false, s, 10, cut);
            assertThat(certs).as("cut %d", cut).hasSize(1);
            TlsCertificate c = certs.get(0);
            assertThat(c.frame()).as("cut %d", cut).isEqualTo(Feed.frameOfByte(certEnd - 1, cut, 10));
            assertThat(c.firstFrame()).isEqualTo(Feed.frameOfByte(5 + serverHello(0x0303).length, cut, 10));
            assertThat(c.chain()).extracting(x -> x.subject().cn()).containsExactly("www.lab.local", "Lab Root CA");
            assertThat(c.fromServer()).isTrue();
            assertThat(h.isDone()).as("done after the Certificate").isTrue();
        }
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void bytewiseAndAcrossRecords() {
        byte[] msgs = Fixtures.concat(serverHello(0x0303), Hello.handshake(11, certificateBody(DER.get("c3"))));
        byte[] s = Hello.records(22, 0x0303, msgs, 100);
        TlsHandler h = handler(TlsConfig.DEFAULTS);
        long end = Feed.bytewise(h, false, s, 2);
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).frame()).isEqualTo(end - 1);
        assertThat(certs.get(0).leaf().sha256()).isEqualTo(
                "a880c40f02e4ea306c68d842ed6988d4b7ee05e13cf47297db7405e57189e997");
        assertThat(h.isDone()).isTrue();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void tls13CertificatesAreEncryptedAndNotRead() {
        byte[] s = Fixtures.concat(Hello.record(22, 0x0303, serverHello(0x0304)), Hello.record(20, 0x0303, new byte[] {1}),
                Hello.record(23, 0x0303, Hello.handshake(11, certificateBody(DER.get("c1")))));
        TlsHandler h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, s, 2);
        assertThat(hellos.get(1).version()).isEqualTo(0x0304);
        assertThat(h.isDone()).as("nothing after a TLS 1.3 ServerHello is clear").isTrue();
        assertThat(certs).isEmpty();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void abbreviatedHandshakeAndAnonymousSuitesEndTheFlight() {
        byte[] resumed = Fixtures.concat(Hello.record(22, 0x0303, serverHello(0x0303)),
                Hello.record(20, 0x0303, new byte[] {1}), Hello.record(22, 0x0303, new byte[40]));
        TlsHandler h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, resumed, 2);
        assertThat(h.isDone()).isTrue();
        byte[] anon = Hello.record(22, 0x0303, Fixtures.concat(serverHello(0x0303), Hello.handshake(12, new byte[9]),
                Hello.handshake(14, new byte[0]), Hello.handshake(11, certificateBody(DER.get("c1")))));
        h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, anon, 2);
        assertThat(h.isDone()).isTrue();
        assertThat(certs).isEmpty();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void limitAndMalformedAreCountedByName() {
        TlsHandler h = handler(new TlsConfig(64 * 1024, 500));
        Feed.bytewise(h, false, flight(), 2);
        assertThat(certs).isEmpty();
        assertThat(h.isDone()).isTrue();
        assertThat(anomalies.count(Anomaly.TLS_CERTIFICATE_TOO_LARGE)).isEqualTo(1);
        assertThat(Anomaly.TLS_CERTIFICATE_TOO_LARGE.isLimit()).isTrue();

        byte[] bad = DER.get("c2").clone();
        bad[bad.length / 2] = (byte) 0xff; // inside the extensions: a bad tag or length
        byte[] body = certificateBody(DER.get("c1"), Arrays.copyOf(bad, bad.length - 7));
        h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, Hello.record(22, 0x0303, Fixtures.concat(serverHello(0x0303), Hello.handshake(11, body))), 2);
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).chain()).extracting(X509Certificate::malformed).containsExactly(false, true);
        assertThat(certs.get(0).chain().get(1).sha256()).hasSize(64);
        assertThat(anomalies.count(Anomaly.X509_MALFORMED)).isEqualTo(1);

        byte[] framing = certificateBody(DER.get("c1"));
        framing[2]++; // the list length says one more byte than there is
        h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, Hello.record(22, 0x0303, Fixtures.concat(serverHello(0x0303), Hello.handshake(11, framing))), 2);
        assertThat(anomalies.count(Anomaly.TLS_CERTIFICATE_MALFORMED)).isEqualTo(1);
    }

    @Test
    void tlsReportShowsTheLeafOrSaysItIsEncrypted() {
        TlsHandler h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, flight(), 2);
        java.util.Map<String, Object> o = org.nta.report.TlsReport.json(org.nta.report.TlsReport.rows(hellos, certs).get(0), 6);
        assertThat(o.get("cert_subject")).isEqualTo("C=US, O=Lab, OU=Web, CN=www.lab.local");
        assertThat(o.get("cert_issuer")).isEqualTo("C=US, O=Lab, CN=Lab Root CA");
        assertThat(o.get("cert_not_after")).isEqualTo("2027-03-07T04:12:14Z");
        assertThat(o.get("cert_san")).isEqualTo(List.of("www.lab.local", "*.lab.local", "10.1.2.3", "fd00::1"));
        assertThat(o.get("cert_self_signed")).isEqualTo(false);
        assertThat(o.get("cert_note")).isNull();
        assertThat(o.keySet()).containsExactlyElementsOf(org.nta.report.TlsReport.COLUMNS);
        hellos.clear();
        certs.clear();
        h = handler(TlsConfig.DEFAULTS);
        Feed.bytewise(h, false, Hello.record(22, 0x0303, serverHello(0x0304)), 2);
        o = org.nta.report.TlsReport.json(org.nta.report.TlsReport.rows(hellos, certs).get(0), 6);
        assertThat(o.get("cert_subject")).isNull();
        assertThat(o.get("cert_note")).isEqualTo("encrypted (TLS 1.3)");
    }

    @Test
    void mutatedCertificatesNeverThrow() {
        Random rnd = new Random(509);
        List<byte[]> ders = new ArrayList<>(DER.values());
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 5_000; i++) {
                byte[] d = ders.get(rnd.nextInt(ders.size())).clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextInt(5) == 0) d = Arrays.copyOf(d, rnd.nextInt(d.length + 1));
                if (d.length == 0) continue;
                X509Certificate c = X509Parser.parseOrUnreadable(d, 0, d.length);
                assertThat(c.sha256()).hasSize(64);
                byte[] body = certificateBody(d);
                if (rnd.nextBoolean()) body[rnd.nextInt(6)] ^= (byte) (1 << rnd.nextInt(8));
                TlsHandler h = handler(TlsConfig.DEFAULTS);
                byte[] s = Hello.record(22, 0x0303, Fixtures.concat(serverHello(0x0303), Hello.handshake(11, body)));
                int p = 0;
                long frame = 2;
                while (p < s.length) {
                    int n = Math.min(s.length - p, 1 + rnd.nextInt(700));
                    h.onData(false, s, p, n, frame++, 0);
                    p += n;
                }
            }
        });
        assertThat(anomalies.count(Anomaly.X509_MALFORMED) + anomalies.count(Anomaly.TLS_CERTIFICATE_MALFORMED))
                .isPositive();
    }
}
