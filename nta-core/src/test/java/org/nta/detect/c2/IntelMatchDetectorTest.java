package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;

/** Indicators from the analyst: parsing every kind, and matches on connections, DNS, HTTP, TLS and files. */
class IntelMatchDetectorTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final String FILE = """
            # indicators from the incident ticket
            indicator,label
            203.0.113.9,Cobalt Strike team server
            2001:db8:bad::/48\tbad IPv6 range
            evil-updates.example\tstage-2 domain
            "http://files.example.net/drop/",dropper URL
            E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 empty file
            72a589da586844d7f0818ce684948eea ja3 of the implant
            t13d1516h2_8daaf6152771_02713d6af862 ja4 of the implant
            not an indicator!
            """;

    @Test
    void parsesEveryKind() {
        IntelSet s = IntelSet.parse(FILE);
        assertThat(s.indicators()).extracting(IntelSet.Indicator::kind)
                .containsExactly("ip", "cidr", "domain", "url", "sha256", "ja3", "ja4");
        assertThat(s.indicators().get(0).label()).isEqualTo("Cobalt Strike team server");
        assertThat(s.indicators().get(4).value()).startsWith("e3b0c442");
        assertThat(s.skipped()).isEqualTo(2); // the CSV header and the garbage line
        assertThat(s.address("2001:db8:bad:1::5")).isNotNull();
        assertThat(s.address("2001:db8:bae::5")).isNull();
        assertThat(s.domain("a.b.evil-updates.example")).isNotNull();
        assertThat(s.domain("notevil-updates.example")).isNull();
    }

    @Test
    void matchesConnectionsDnsHttpTlsAndFiles() {
        IntelMatchDetector d = new IntelMatchDetector(IntelSet.parse(FILE));
        Wire w = new Wire(d);
        long syn = w.tcpConn(T0, "10.1.1.66", 50000, "203.0.113.9", 443, 100, 100);
        ConnInfo dns = C2Ev.udp(5, "10.1.1.66", "10.1.1.53", 53);
        d.onEvent(C2Ev.query(dns, 20, T0 + 1, 7, "cdn.evil-updates.example", 1));
        ConnInfo web = C2Ev.tcp(6, "10.1.1.66", "198.51.100.7", 80);
        d.onEvent(C2Ev.request(web, 30, T0 + 2, "GET", "files.example.net", "/drop/a.exe", "curl/8", new byte[0]));
        ConnInfo tls = C2Ev.tcp(7, "10.1.1.66", "198.51.100.8", 443);
        d.onEvent(new org.nta.event.TlsHello(40, T0 + 3, tls, true, false, false, 0x301, 0x303, List.of(), 0x303, List.of(), List.of(),
                "x.example", List.of(), List.of(), List.of(), List.of(), "771,..", "72a589da586844d7f0818ce684948eea",
                "t13d1516h2_8daaf6152771_02713d6af862"));
        d.onEvent(new HttpFileObject(web, 31, 30, T0 + 2, HttpFileObject.Direction.DOWNLOAD, HttpFileObject.Source.RESPONSE_BODY, "a.exe",
                0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "application/x-empty", null, new byte[0], false,
                false, "GET", "/drop/a.exe", "files.example.net", -1));
        List<Finding> fs = w.finish().stream().filter(f -> f.type() == FindingType.INTEL_MATCH).toList();
        assertThat(fs).extracting(f -> f.evidence().get("indicator_type"))
                .containsExactlyInAnyOrder("ip", "domain", "url", "ja3", "ja4", "sha256");
        Finding ip = fs.stream().filter(f -> f.evidence().get("indicator_type").equals("ip")).findFirst().orElseThrow();
        assertThat(ip.severity()).isEqualTo(Severity.HIGH);
        assertThat(ip.victim()).isEqualTo("10.1.1.66");
        assertThat(ip.attacker()).isEqualTo("203.0.113.9");
        assertThat(ip.firstFrame()).isEqualTo(syn);
        assertThat(ip.evidence()).containsEntry("label", "Cobalt Strike team server");
        Finding dom = fs.stream().filter(f -> f.evidence().get("indicator_type").equals("domain")).findFirst().orElseThrow();
        assertThat(dom.filter()).isEqualTo("frame.number == 20");
    }
}
