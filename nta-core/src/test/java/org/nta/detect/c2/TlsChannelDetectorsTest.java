package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.event.ConnInfo;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.X509Certificate;
import org.nta.event.X509Name;

/** The suspicious-certificate and client-impersonation detectors at their edges. */
class TlsChannelDetectorsTest {
    static final long NOW = 1_796_000_000L; // capture time, seconds
    static final long DAY = 86_400;

    static X509Name name(String cn) {
        return new X509Name(List.of(new X509Name.Attribute("O", 12, "Lab"), new X509Name.Attribute("CN", 12, cn)));
    }

    /** A leaf issued by a CA, {@code ageDays} before the capture, valid {@code validSeconds}. */
    static X509Certificate leaf(String cn, List<String> dns, List<String> ips, boolean self, long ageDays, long validSeconds) {
        long nb = NOW - ageDays * DAY;
        return new X509Certificate(700, false, 3, "01", "1.2.840.113549.1.1.11", self ? name(cn) : name("Lab CA"), name(cn),
                nb, nb + validSeconds, 0, dns, ips, false, "RSA", 2048, self, "aa", "bb" + cn + validSeconds);
    }

    static TlsHello hello(ConnInfo c, long frame, String sni, boolean browserLike) {
        List<Integer> versions = browserLike ? List.of(0x0a0a, 0x0304, 0x0303) : List.of();
        List<Integer> ciphers = browserLike ? List.of(0x1a1a, 0x1301, 0xc02f) : List.of(0xc02f, 0xc030);
        return new TlsHello(frame, frame * 1_000_000_000L, c, true, false, false, 0x0301, 0x0303, versions, 0x0303, ciphers,
                List.of(0), sni, browserLike ? List.of("h2", "http/1.1") : List.of(), List.of(29), List.of(0), List.of(0x0403),
                "771,x", browserLike ? "browser" : "script", "t13d");
    }

    static List<Finding> certificates(CertificateConfig cfg, ConnInfo c, String sni, X509Certificate... chain) {
        SuspiciousCertificateDetector d = new SuspiciousCertificateDetector(cfg);
        d.onEvent(hello(c, 10, sni, true));
        d.onEvent(new TlsCertificate(12, NOW * 1_000_000_000L, c, 11, true, 1000, List.of(chain)));
        return d.finish();
    }

    static final ConnInfo C = C2Ev.tcp(3, "10.0.0.5", "10.0.0.80", 443);

    @Test
    void validityExactlyAtTheThresholdIsNotShort() {
        long five = 5 * DAY;
        assertThat(certificates(CertificateConfig.DEFAULTS, C, "www.lab.local",
                leaf("www.lab.local", List.of("www.lab.local"), List.of(), false, 1, five))).isEmpty();
        List<Finding> f = certificates(CertificateConfig.DEFAULTS, C, "www.lab.local",
                leaf("www.lab.local", List.of("www.lab.local"), List.of(), false, 1, five - 1));
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence().get("signals")).isEqualTo(List.of("short-lived", "issued just before"));
        // valid for 5 days, issued 6 days ago: expired, and said so
        f = certificates(CertificateConfig.DEFAULTS, C, "www.lab.local",
                leaf("www.lab.local", List.of("www.lab.local"), List.of(), false, 6, five));
        assertThat(f.get(0).evidence().get("signals")).isEqualTo(List.of("expired", "issued just before"));
    }

    @Test
    void newAloneIsNotEnoughButJoinsAnotherSignal() {
        assertThat(certificates(CertificateConfig.DEFAULTS, C, "www.lab.local",
                leaf("www.lab.local", List.of("www.lab.local"), List.of(), false, 0, 90 * DAY))).isEmpty();
        List<Finding> f = certificates(CertificateConfig.DEFAULTS, C, "www.lab.local",
                leaf("www.lab.local", List.of("www.lab.local"), List.of(), true, 6, 90 * DAY));
        assertThat(f.get(0).evidence().get("signals")).isEqualTo(List.of("self-signed", "issued just before"));
        f = certificates(CertificateConfig.DEFAULTS, C, "www.lab.local",
                leaf("www.lab.local", List.of("www.lab.local"), List.of(), true, 7, 90 * DAY));
        assertThat(f.get(0).evidence().get("signals")).as("7 days is not less than 7").isEqualTo(List.of("self-signed"));
    }

    @Test
    void wildcardNamesMatchOneLabel() {
        X509Certificate wild = leaf("lab", List.of("*.lab.local"), List.of(), false, 30, 90 * DAY);
        assertThat(certificates(CertificateConfig.DEFAULTS, C, "www.lab.local", wild)).isEmpty();
        assertThat(certificates(CertificateConfig.DEFAULTS, C, "WWW.Lab.Local.", wild)).isEmpty();
        for (String sni : List.of("lab.local", "a.b.lab.local", "www.lab.local.evil")) {
            List<Finding> f = certificates(CertificateConfig.DEFAULTS, C, sni, wild);
            assertThat(f).as(sni).hasSize(1);
            assertThat(f.get(0).evidence().get("names_not_matched")).isEqualTo(List.of(sni));
        }
        // without dNSName entries the common name is the name
        assertThat(certificates(CertificateConfig.DEFAULTS, C, "portal.lab.local",
                leaf("portal.lab.local", List.of(), List.of(), false, 30, 90 * DAY))).isEmpty();
        assertThat(CertificateNames.pattern("*.lab.local", "x.lab.local")).isTrue();
        assertThat(CertificateNames.pattern("w*.lab.local", "www.lab.local")).isFalse();
    }

    @Test
    void ipv6ServerWithAddressOnlyNames() {
        ConnInfo v6 = new ConnInfo("tcp", 7, 6, "fd00::5", 50000, "fd00::66", 8443);
        X509Certificate addr = leaf("fd00::66", List.of(), List.of("fd00::66"), false, 30, 90 * DAY);
        List<Finding> f = certificates(CertificateConfig.DEFAULTS, v6, "", addr);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence().get("signals")).isEqualTo(List.of("names only addresses"));
        assertThat(f.get(0).evidence().get("server")).isEqualTo("fd00::66");
        assertThat(f.get(0).evidence().get("port")).isEqualTo(8443);
        assertThat(f.get(0).summary()).startsWith("fd00::66:8443 presented a certificate CN=fd00::66");
        assertThat(CertificateNames.matches(addr, "fd00::66")).isTrue();
        assertThat(CertificateNames.matches(addr, "fd00::67")).isFalse();
    }

    @Test
    void stateIsBounded() {
        SuspiciousCertificateDetector d = new SuspiciousCertificateDetector(new CertificateConfig(7, 5, 1, 2, 1));
        for (int i = 0; i < 5; i++) {
            ConnInfo c = C2Ev.tcp(i, "10.0.0.5", "10.0.0." + (80 + i % 2), 443);
            d.onEvent(hello(c, 10 + i, "x.test", false));
            d.onEvent(new TlsCertificate(20 + i, NOW * 1_000_000_000L, c, 20 + i, true, 900,
                    List.of(leaf("self", List.of(), List.of(), true, 0, DAY))));
        }
        List<Finding> f = d.finish();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).filter()).isEqualTo("frame.number in {20, 22}");
        assertThat(d.dropped()).isEqualTo(2);
    }

    @Test
    void claimedBrowsers() {
        assertThat(ClaimedBrowser.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.61")).isEqualTo(new ClaimedBrowser("Edge", 120));
        assertThat(ClaimedBrowser.of("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0"))
                .isEqualTo(new ClaimedBrowser("Firefox", 115));
        assertThat(ClaimedBrowser.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.1 Safari/605.1.15")).isEqualTo(new ClaimedBrowser("Safari", 17));
        assertThat(ClaimedBrowser.of("Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112"))
                .as("too old to judge").isNull();
        assertThat(ClaimedBrowser.of("curl/7.88.1")).isNull();
        TlsHello chrome = hello(C, 1, "x", true);
        assertThat(new ClaimedBrowser("Chrome", 120).contradictions(chrome)).isEmpty();
        TlsHello firefoxLike = new TlsHello(1, 1, C, true, false, false, 0x0301, 0x0303, List.of(0x0304, 0x0303), 0x0304,
                List.of(0x1301), List.of(), "x", List.of("h2"), List.of(), List.of(), List.of(), "j", "h", "t13d");
        assertThat(new ClaimedBrowser("Firefox", 115).contradictions(firefoxLike)).as("Firefox sends no GREASE").isEmpty();
        assertThat(new ClaimedBrowser("Chrome", 120).contradictions(firefoxLike)).containsExactly("no GREASE (every Chromium browser sends it)");
    }

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Test
    void impersonationNeedsTheSameHostAndDestinationAndEveryHello() {
        ConnInfo http = C2Ev.tcp(1, "10.0.0.5", "10.0.0.80", 80);
        ConnInfo tls = C2Ev.tcp(2, "10.0.0.5", "10.0.0.80", 443), tls2 = C2Ev.tcp(3, "10.0.0.5", "10.0.0.80", 443);
        ConnInfo elsewhere = C2Ev.tcp(4, "10.0.0.5", "10.0.0.99", 443), otherHost = C2Ev.tcp(5, "10.0.0.6", "10.0.0.80", 443);
        ClientImpersonationDetector d = new ClientImpersonationDetector(ImpersonationConfig.DEFAULTS);
        d.onEvent(C2Ev.request(http, 5, 5_000_000_000L, "GET", "c2.test", "/", CHROME, new byte[0]));
        d.onEvent(hello(tls, 8, "c2.test", false));
        d.onEvent(hello(elsewhere, 9, "cdn.test", false));
        d.onEvent(hello(otherHost, 10, "c2.test", false));
        List<Finding> f = d.finish();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).victim()).isEqualTo("10.0.0.5");
        assertThat(f.get(0).filter()).isEqualTo("frame.number in {5, 8}");
        // a browser-like hello to the same destination: the claim may be true, nothing is said
        d = new ClientImpersonationDetector(ImpersonationConfig.DEFAULTS);
        d.onEvent(C2Ev.request(http, 5, 5_000_000_000L, "GET", "c2.test", "/", CHROME, new byte[0]));
        d.onEvent(hello(tls, 8, "c2.test", false));
        d.onEvent(hello(tls2, 9, "c2.test", true));
        assertThat(d.finish()).isEmpty();
        // IPv6, the name only: the UA went to the name, the hellos to another address of it
        ConnInfo h6 = new ConnInfo("tcp", 1, 6, "fd00::5", 50000, "fd00::80", 80), t6 = new ConnInfo("tcp", 2, 6, "fd00::5", 50001, "fd00::81", 443);
        d = new ClientImpersonationDetector(ImpersonationConfig.DEFAULTS);
        d.onEvent(C2Ev.request(h6, 5, 5_000_000_000L, "GET", "c2.test", "/", CHROME, new byte[0]));
        d.onEvent(hello(t6, 8, "c2.test", false));
        f = d.finish();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence().get("destination")).isEqualTo("c2.test");
    }
}
