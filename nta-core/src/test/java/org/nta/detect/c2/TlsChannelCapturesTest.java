package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.testing.TestFiles;

/**
 * The HTTPS beacon and its benign twin, whole captures (see their .md truth tables): on the attack the C2's
 * self-signed, two-day, freshly made certificate that names another host is a low suspicious_certificate, the
 * implant's Chrome User-Agent over its Python ClientHello a low client_impersonation, and each raises the beacon
 * to the C2 one step (low, for its internal destination, to high) with the C2 as attacker; the twin (a CA-signed portal certificate naming the portal,
 * curl with its own User-Agent) raises nothing and stays low.
 */
class TlsChannelCapturesTest {
    static final Map<String, List<Finding>> RUNS = new ConcurrentHashMap<>();

    static List<Finding> findings(String capture) {
        return RUNS.computeIfAbsent(capture, c -> {
            try (CaptureSource src = CaptureSource.open(TestFiles.capture(c + ".pcap.gz").toString(), false)) {
                return Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of()).findings();
            } catch (Exception e) {
                throw new IllegalStateException(c, e);
            }
        });
    }

    static List<Finding> of(String capture, FindingType t) {
        return findings(capture).stream().filter(f -> f.type() == t).toList();
    }

    @Test
    void selfSignedShortLivedMismatchedCertificateOfTheC2() {
        List<Finding> certs = of("c2-https-beacon", FindingType.SUSPICIOUS_CERTIFICATE);
        assertThat(certs).hasSize(1);
        Finding c = certs.get(0);
        assertThat(c.severity()).isEqualTo(Severity.LOW);
        assertThat(c.victim()).isEqualTo("172.31.232.10");
        assertThat(c.evidence().get("server")).isEqualTo("172.31.232.66");
        assertThat(c.evidence().get("subject")).isEqualTo("C=US, O=Internet Widgits, CN=secure-gateway");
        assertThat(c.evidence().get("names_not_matched")).isEqualTo(List.of("cdn-sync-update.net"));
        assertThat(c.evidence().get("signals")).isEqualTo(List.of("self-signed",
                "names do not match the server name asked for", "short-lived", "issued just before"));
        assertThat(c.evidence().get("signature_checked")).isEqualTo(false);
        assertThat(c.evidence().get("validity_days")).isEqualTo(2.0);
        assertThat(c.evidence().get("connections")).isEqualTo(16);
        // the 16 Certificate frames tshark -2 shows
        assertThat(c.filter()).isEqualTo("frame.number in {81, 105, 128, 147, 169, 192, 213, 232, 251, 270, 293, 313, 336, 355, 376, 395}");
        assertThat(c.streams()).hasSize(16).startsWith(5).endsWith(20);
    }

    @Test
    void pythonImplantDressedAsChrome() {
        List<Finding> imp = of("c2-https-beacon", FindingType.CLIENT_IMPERSONATION);
        assertThat(imp).hasSize(1);
        Finding f = imp.get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.victim()).isEqualTo("172.31.232.10");
        assertThat(f.evidence().get("claimed_browser")).isEqualTo("Chrome 120");
        assertThat(f.evidence().get("user_agent_frame")).isEqualTo(63L);
        assertThat(f.evidence().get("ja3")).isEqualTo(List.of("871a754af286dfb70c1b53c6887c62e0"));
        assertThat(f.evidence().get("contradictions")).isEqualTo(List.of("does not offer TLS 1.3", "sends no ALPN",
                "no GREASE (every Chromium browser sends it)"));
        assertThat(f.filter()).startsWith("frame.number in {63, 79, 103,").endsWith("374, 393}");
        // the benign client's Chrome UA went to another server over cleartext HTTP only: not judged
        assertThat(imp).noneMatch(x -> "172.31.232.23".equals(x.victim()));
    }

    @Test
    void theBeaconToTheC2IsRaisedWithTheC2AsAttacker() {
        List<Finding> beacons = of("c2-https-beacon", FindingType.BEACON);
        assertThat(beacons).hasSize(1);
        Finding b = beacons.get(0);
        assertThat(b.evidence().get("destination")).isEqualTo("cdn-sync-update.net");
        assertThat(b.evidence().get("contacts")).isEqualTo(16);
        assertThat(b.severity()).isEqualTo(Severity.HIGH);
        assertThat(b.attacker()).isEqualTo("172.31.232.66");
        // each contact is the ClientHello that names the destination (streams 5-20), not the connection's SYN
        assertThat(b.firstFrame()).isEqualTo(79);
        assertThat(b.lastFrame()).isEqualTo(393);
        assertThat(b.victim()).isEqualTo("172.31.232.10");
        assertThat(b.evidence()).containsKeys("suspicious_certificate", "client_impersonation");
        assertThat(b.summary()).contains("suspicious certificate (self-signed").contains("claims to be Chrome 120 but is not");
    }

    @Test
    void benignTwinRaisesNothing() {
        assertThat(of("https-portal-poll", FindingType.SUSPICIOUS_CERTIFICATE)).isEmpty();
        assertThat(of("https-portal-poll", FindingType.CLIENT_IMPERSONATION)).isEmpty();
        List<Finding> beacons = of("https-portal-poll", FindingType.BEACON);
        assertThat(beacons).hasSize(1); // a monitoring poll is periodic: an observation
        for (Finding f : findings("https-portal-poll")) {
            assertThat(f.severity()).as(f.summary()).isIn(Severity.INFO, Severity.LOW);
            assertThat(f.attacker()).as(f.summary()).isNull();
            assertThat(f.evidence()).doesNotContainKeys("suspicious_certificate", "client_impersonation");
        }
    }

    @Test
    void aRealChromiumHelloBehindItsOwnUserAgentContradictsNothing() throws Exception {
        // browser-portal: Debian's Chromium with the desktop Chrome User-Agent of its version (see its .md)
        List<org.nta.event.TlsHello> hellos = new java.util.ArrayList<>();
        List<String> agents = new java.util.ArrayList<>();
        org.nta.pipeline.PacketSink collect = new org.nta.pipeline.PacketSink() {
            @Override
            public void onEvent(org.nta.event.Event e) {
                if (e instanceof org.nta.event.TlsHello h && h.fromClient()) hellos.add(h);
                if (e instanceof org.nta.event.HttpRequest r && r.conn().clientAddr().equals("172.31.236.10")) agents.add(r.userAgent());
            }
        };
        List<Finding> fs;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("browser-portal.pcap.gz").toString(), false)) {
            fs = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of(collect)).findings();
        }
        assertThat(hellos).hasSize(24);
        assertThat(agents).isNotEmpty().allMatch(a -> a.contains("Chrome/156"));
        ClaimedBrowser claim = ClaimedBrowser.of(agents.get(0));
        assertThat(claim).isEqualTo(new ClaimedBrowser("Chrome", 156));
        for (org.nta.event.TlsHello h : hellos) assertThat(claim.contradictions(h)).as("frame %d", h.frame()).isEmpty();
        assertThat(fs).noneMatch(f -> f.type() == FindingType.CLIENT_IMPERSONATION || f.type() == FindingType.SUSPICIOUS_CERTIFICATE);
        assertThat(fs).allMatch(f -> f.severity().compareTo(Severity.LOW) <= 0);
    }
}
