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

    private static Finding one(String capture, FindingType t) {
        List<Finding> fs = of(capture, t);
        assertThat(fs).as(t + " in " + capture).hasSize(1);
        return fs.get(0);
    }

    @Test
    void theAttackIsMaliciousWithTheAttackerOfItsStory() {
        Analysis.Result r = run("ad-roast-psexec");
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);

        Finding asrep = one("ad-roast-psexec", FindingType.ASREP_ROASTING);
        assertThat(asrep.attacker()).isEqualTo("172.31.230.66");
        assertThat(asrep.victim()).isEqualTo("172.31.230.10");
        assertThat(asrep.firstFrame()).isEqualTo(118);
        assertThat(asrep.lastFrame()).isEqualTo(210);
        assertThat(asrep.succeeded()).isFalse();
        assertThat(asrep.evidence().get("request_frames")).isEqualTo(List.of(118L, 128L, 138L, 145L, 155L, 168L, 178L, 188L, 198L, 208L));
        assertThat(asrep.evidence()).containsEntry("user_count", 10).containsEntry("rc4_only", true);

        Finding enumeration = one("ad-roast-psexec", FindingType.USER_ENUMERATION);
        assertThat(enumeration.evidence()).containsEntry("unknown_users", List.of("bob", "dave", "helpdesk"));

        Finding roast = one("ad-roast-psexec", FindingType.KERBEROASTING);
        assertThat(roast.attacker()).isEqualTo("172.31.230.66");
        assertThat(roast.severity()).isEqualTo(Severity.HIGH);
        assertThat(roast.succeeded()).isTrue();
        assertThat(roast.firstFrame()).isEqualTo(262);
        assertThat(roast.filter()).isEqualTo("frame.number in {262, 264, 294, 296}");
        assertThat(roast.evidence()).containsEntry("users", List.of("alice")).containsEntry("client_uses_aes", true);
        assertThat(roast.evidence().get("spns").toString()).contains("MSSQLSvc/sql01.lab.local:1433");

        Finding lateral = one("ad-roast-psexec", FindingType.LATERAL_MOVEMENT);
        assertThat(lateral.attacker()).isEqualTo("172.31.230.66");
        assertThat(lateral.victim()).isEqualTo("172.31.230.10");
        assertThat(lateral.severity()).isEqualTo(Severity.HIGH);
        // the ADMIN$ write, the svcctl opens, both CreateServiceW requests and their faults
        assertThat(lateral.filter()).isEqualTo("frame.number in {319, 350, 358, 380, 383, 415, 425, 428}");
        assertThat(lateral.evidence().get("commands")).isEqualTo(List.of("%systemroot%\\nnnBtafV.exe",
                "%COMSPEC% /Q /c echo cd  ^> \\\\127.0.0.1\\C$\\__output 2^>^&1 > %TEMP%\\execute.bat & %COMSPEC% /Q /c %TEMP%\\execute.bat & del %TEMP%\\execute.bat"));
        assertThat(lateral.evidence()).containsEntry("styles", List.of("psexec", "smbexec"));
        assertThat((String) lateral.evidence().get("service_call")).contains("CreateServiceW fSFN").contains("CreateServiceW BTOBTO")
                .contains("fault nca_s_op_rng_error").contains("attempted, the server refused");
        // Samba has no CreateService: both creations faulted, so the movement was attempted, not achieved
        assertThat(lateral.succeeded()).isFalse();
        assertThat(lateral.summary()).contains("nnnBtafV.exe").contains("CreateServiceW");
        assertThat(lateral.evidence().get("files").toString()).contains("nnnBtafV.exe").contains("size=56320").contains("pe=true");
        assertThat(lateral.streams()).containsExactly(22, 23);

        // carol (172.31.230.23) is never blamed
        for (Finding f : r.findings()) assertThat(f.attacker()).isNotEqualTo("172.31.230.23");
        assertThat(r.incidents()).isNotEmpty();
        assertThat(r.incidents().get(0).attacker()).isEqualTo("172.31.230.66");
    }

    @Test
    void theBenignTwinStaysBenign() {
        Analysis.Result r = run("ad-benign");
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.BENIGN);
        for (Finding f : r.findings()) assertThat(f.severity().atLeast(Severity.MEDIUM)).as(f.summary()).isFalse();
        for (FindingType t : List.of(FindingType.ASREP_ROASTING, FindingType.KERBEROASTING, FindingType.USER_ENUMERATION,
                FindingType.LATERAL_MOVEMENT)) {
            assertThat(of("ad-benign", t)).as(t.id()).isEmpty();
        }
    }
}
