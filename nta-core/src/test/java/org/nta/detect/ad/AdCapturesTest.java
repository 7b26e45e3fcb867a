package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.incident.Verdict;
import org.nta.testing.TestFiles;

/** The whole pipeline on the Active Directory lab captures: the attack is told, its benign twin stays benign. */
class AdCapturesTest {
    private static final Map<String, Analysis.Result> RESULTS = new HashMap<>();

    private static synchronized Analysis.Result run(String name) {
        return RESULTS.computeIfAbsent(name, n -> {
            try {
                return Analysis.run(CaptureSource.open(TestFiles.capture(n + ".pcap.gz").toString(), false), EngineConfig.DEFAULTS,
                        AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
            } catch (org.nta.capture.CaptureException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<Finding> of(String capture, FindingType t) {
        return run(capture).findings().stream().filter(f -> f.type() == t).toList();
    }

    @Test
    void dump() {
        for (String c : List.of("ad-roast-psexec", "ad-benign")) {
            Analysis.Result r = run(c);
            System.out.println("== " + c + " " + r.verdict());
            for (Finding f : r.findings()) System.out.println(f.type() + " " + f.severity() + " " + f.attacker() + " -> " + f.victim()
                    + " " + f.firstFrame() + "-" + f.lastFrame() + " ok=" + f.succeeded() + " | " + f.summary() + " | " + f.filter() + " | " + f.evidence());
        }
    }
}
