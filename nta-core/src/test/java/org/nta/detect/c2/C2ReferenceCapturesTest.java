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
 * The c2 family on the reference captures: nothing above low on the benign ones (browsing, uploads of images and
 * documents, health checks, a zip download); on the attack captures, the victims' downloads from and uploads to
 * their attackers.
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
    @ValueSource(strings = {"benign-lab", "benign-office-day"})
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
        for (Finding f : findings(capture)) System.out.println(capture + ": " + f.type().id() + " " + f.severity().id() + " " + f.summary());
        // no beacon or tunnel was played in these
        assertThat(findings(capture)).noneMatch(f -> f.type() == FindingType.DNS_TUNNEL);
        assertThat(findings(capture)).noneMatch(f -> f.type() == FindingType.BEACON && f.severity().atLeast(Severity.MEDIUM));
    }
}
