package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The c2 family on the reference captures: nothing above low, and no attacker, on the benign ones and the benign
 * twins (browsing, uploads, health checks, monitoring polls, software updates from a mirror, CDN-style names, domain
 * logons); no beacon or tunnel on the intrusions where none was played; on the recorded C2 stories (see their .md
 * truth tables) the beacon, the deliveries and the exfiltration to the attacker, and iodine named.
 */
class C2ReferenceCapturesTest {
    static final Set<FindingType> OURS = Set.of(FindingType.BEACON, FindingType.DNS_TUNNEL, FindingType.EXFILTRATION,
            FindingType.PAYLOAD_DELIVERY, FindingType.INTEL_MATCH);
    static final Map<String, List<Finding>> RUNS = new ConcurrentHashMap<>();

    static List<Finding> findings(String capture) {
        return RUNS.computeIfAbsent(capture, c -> {
            try (CaptureSource src = CaptureSource.open(TestFiles.capture(c + ".pcap.gz").toString(), false)) {
                Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
                return r.findings().stream().filter(f -> OURS.contains(f.type())).toList();
            } catch (Exception e) {
                throw new IllegalStateException(c, e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"benign-lab", "benign-office-day", "office-benign", "monitoring-poll", "software-update", "ad-benign"})
    void benignCapturesStayLow(String capture) {
        for (Finding f : findings(capture)) {
            assertThat(f.severity()).as(f.summary()).isIn(Severity.INFO, Severity.LOW);
            assertThat(f.attacker()).as(f.summary()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab", "connect-scan-ffuf-post-shell", "ipv6-fin-udp-wfuzz-b64-ncat", "hydra-login-bruteforce",
            "sqlmap-union-web-probes"})
    void attackCaptures(String capture) {
        // no beacon or tunnel was played in these
        assertThat(findings(capture)).noneMatch(f -> f.type() == FindingType.DNS_TUNNEL);
        assertThat(findings(capture)).noneMatch(f -> f.type() == FindingType.BEACON && f.severity().atLeast(Severity.MEDIUM));
    }

    @org.junit.jupiter.api.Test
    void theRecordedBeaconStory() {
        List<Finding> fs = findings("c2-http-beacon");
        String attacker = "172.31.220.66", victim = "172.31.220.10";
        assertThat(fs).anyMatch(f -> f.type() == FindingType.BEACON && attacker.equals(f.attacker()) && victim.equals(f.victim())
                && f.severity().atLeast(Severity.HIGH));
        assertThat(fs.stream().filter(f -> f.type() == FindingType.PAYLOAD_DELIVERY && victim.equals(f.victim()))).hasSize(3)
                .allMatch(f -> f.severity().atLeast(Severity.HIGH));
        assertThat(fs).anyMatch(f -> f.type() == FindingType.EXFILTRATION && attacker.equals(f.attacker())
                && f.firstFrame() <= 531 && f.lastFrame() >= 531);
    }

    @org.junit.jupiter.api.Test
    void theRecordedTunnelNamesItsTool() {
        assertThat(findings("dns-tunnel")).anyMatch(f -> f.type() == FindingType.DNS_TUNNEL && "172.31.221.10".equals(f.victim())
                && f.summary().contains("iodine") && f.severity().atLeast(Severity.HIGH));
    }
}
