package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.incident.StoryBuilder;
import org.nta.testing.TestFiles;

/**
 * A string from the capture (a user name, a URI, a DNS name as the attacker) cannot drive the analyst's terminal
 * through {@code analyze}'s output: escape sequences, 8-bit CSI/OSC, bidi overrides and line breaks are shown as
 * dots, and every finding stays on its own lines.
 */
class AnalysisTextHostileTest {
    static final String HOSTILE = "x\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e\r\nFAKE [CRITICAL] line\u0000";

    @Test
    void captureStringsCannotDriveTheTerminal() throws Exception {
        Analysis.Result base;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("benign-lab.pcap.gz").toString(), false)) {
            base = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
        }
        Finding f = new Finding(FindingType.LOGIN_BRUTEFORCE, Severity.HIGH, Phase.EXPLOITATION, "evil" + HOSTILE,
                "10.0.0.5", 1, 2, base.capture().firstNs(), base.capture().lastNs(), List.of(0),
                "frame.number in {1, 2}", "Login brute force for user " + HOSTILE, true, List.of("T1110.001"), Map.of());
        List<Finding> fs = List.of(f);
        Analysis.Result r = new Analysis.Result(base.capture(), StoryBuilder.verdict(fs), StoryBuilder.incidents(fs), fs,
                base.stats(), base.captureStartNs());

        String out = AnalysisText.render(r, TimeFormat.utc(r.capture().tsPrecisionDigits()), new Ansi(false), 100);

        assertThat(out).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e", "\r", "\u0000");
        assertThat(out).contains("Login brute force for user x·[2J·]0;pwned··31m···FAKE [CRITICAL] line·");
        assertThat(out.lines().filter(l -> l.startsWith("FAKE"))).isEmpty();
        // ordinary text passes unchanged and without a copy
        String plain = "alice@CORP 10.0.0.5 – ✓";
        assertThat(TerminalText.safe(plain)).isSameAs(plain);
    }
}
