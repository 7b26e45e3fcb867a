package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.event.Credential.Result.ACCEPTED;
import static org.nta.event.Credential.Result.REJECTED;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.incident.StoryBuilder;
import org.nta.report.AnalysisJson;
import org.nta.report.AnalysisMarkdown;
import org.nta.report.AnalysisText;
import org.nta.report.Ansi;
import org.nta.report.Json;
import org.nta.report.SecretsNote;
import org.nta.report.TimeFormat;
import org.nta.testing.TestFiles;

/**
 * Passwords never appear in analyze's outputs (terminal, Markdown, JSON) unless secrets are shown, and the reports
 * then say how to see them: on the hydra capture (the web brute force's found password and the attacker's form
 * login) and on auth findings of every kind.
 */
class SecretsInReportsTest {
    static Analysis.Result masked, shown;

    @BeforeAll
    static void analyze() throws Exception {
        masked = run(DetectionConfig.DEFAULTS);
        shown = run(DetectionConfig.DEFAULTS.withShowSecrets(true));
    }

    static Analysis.Result run(DetectionConfig config) throws Exception {
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("hydra-login-bruteforce.pcap.gz").toString(), false)) {
            return Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), config, List.of());
        }
    }

    static List<String> outputs(Analysis.Result r) {
        TimeFormat tf = TimeFormat.utc(r.capture().tsPrecisionDigits());
        return List.of(AnalysisText.render(r, tf, new Ansi(false), 100), AnalysisMarkdown.render(r, tf), Json.write(AnalysisJson.build(r)));
    }

    /** The hydra capture's result with other findings. */
    static Analysis.Result with(List<Finding> fs) {
        return new Analysis.Result(masked.capture(), StoryBuilder.verdict(fs), StoryBuilder.incidents(fs), fs, masked.stats(),
                masked.captureStartNs());
    }

    @Test
    void theHydraCapturesPasswordIsMaskedEverywhere() {
        for (String out : outputs(masked)) {
            assertThat(out).doesNotContain("S3cr3t").contains("--show-secrets");
        }
        assertThat(SecretsNote.masked(masked.findings())).isTrue();
        String md = outputs(masked).get(1);
        assertThat(md.substring(md.indexOf("## Indicators"))).contains("Accounts the attacker logged in with", "`admin on 172.31.200.10 (http)`")
                .doesNotContain("bob");
        assertThat(Json.write(AnalysisJson.build(masked))).contains("\"secrets_masked\" : true");
    }

    @Test
    void showSecretsShowsIt() {
        List<String> outs = outputs(shown);
        for (String out : outs) assertThat(out).doesNotContain("run nta analyze --show-secrets");
        // the terminal shows no evidence; the report and the JSON do
        assertThat(outs.get(1)).contains("S3cr3t!");
        assertThat(outs.get(2)).contains("S3cr3t!");
        assertThat(Json.write(AnalysisJson.build(shown))).contains("\"secrets_masked\" : false");
    }

    @Test
    void authFindingsOfEveryKindAreMasked() {
        List<Finding> hidden = authFindings(AuthConfig.DEFAULTS), visible = authFindings(AuthConfig.DEFAULTS.withShowSecrets(true));
        assertThat(hidden.stream().map(f -> f.type().id()).distinct().toList())
                .contains("login_bruteforce", "cleartext_credentials", "credential_reuse");
        for (String out : outputs(with(hidden))) {
            assertThat(out).doesNotContain("Tr0ub4dor").doesNotContain("hunter2").doesNotContain("guess-").doesNotContain("s3cret-community")
                    .contains("--show-secrets");
        }
        String all = String.join("\n", outputs(with(visible)).subList(1, 3));
        assertThat(all).contains("Tr0ub4dor").contains("hunter2").contains("s3cret-community");
    }

    private static List<Finding> authFindings(AuthConfig config) {
        Creds c = new Creds();
        for (int i = 0; i < 11; i++) c.ftp("10.0.0.66", "10.0.0.5", "admin", "guess-" + i, REJECTED);
        c.ftp("10.0.0.66", "10.0.0.5", "admin", "Tr0ub4dor", ACCEPTED);
        c.imap("10.0.0.66", "10.0.0.6", "admin", "Tr0ub4dor", ACCEPTED);
        c.ftp("10.0.0.20", "10.0.0.5", "alice", "hunter2", ACCEPTED);
        c.snmp("10.0.0.30", "10.0.0.1", "s3cret-community", ACCEPTED);
        return c.run(config);
    }
}
