package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
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
import org.nta.incident.Verdict;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * The web detectors on the lab captures, against their answer keys ({@code captures/NAME.answers.json}): the rows
 * that belong to content discovery, attack tools, web attacks, login brute force and information disclosure, and
 * nothing above LOW on the benign captures. Every web finding's filter is run through tshark when it is installed.
 */
class WebCapturesTest {
    private static final Map<String, Analysis.Result> RESULTS = new HashMap<>();
    private static final Set<FindingType> WEB = Set.of(FindingType.CONTENT_DISCOVERY, FindingType.ATTACK_TOOL,
            FindingType.WEB_ATTACK, FindingType.LOGIN_BRUTEFORCE, FindingType.INFO_DISCLOSURE, FindingType.CLEARTEXT_CREDENTIALS);

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

    private static List<Finding> of(String capture, FindingType t, Predicate<Finding> p) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : run(capture).findings()) if (f.type() == t && p.test(f)) out.add(f);
        return out;
    }

    private static Finding one(String capture, FindingType t, Predicate<Finding> p) {
        List<Finding> fs = of(capture, t, p);
        assertThat(fs).as(t + " in " + capture).hasSize(1);
        return fs.get(0);
    }

    private static Predicate<Finding> tool(String name) {
        return f -> name.equals(f.evidence().get("tool"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> found(Finding f) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) f.evidence().get("found")) {
            out.add(m.get("path") + " " + m.get("status") + " " + m.get("frame"));
        }
        return out;
    }

    @Test
    void referenceGobuster() {
        Finding cd = one("webshell-lab", FindingType.CONTENT_DISCOVERY, f -> true);
        assertThat(cd.attacker()).isEqualTo("10.251.96.4");
        assertThat(cd.victim()).isEqualTo("10.251.96.5");
        assertThat(cd.firstFrame()).isEqualTo(2111);
        assertThat(cd.lastFrame()).isEqualTo(11848);
        assertThat(cd.evidence()).containsEntry("tool", "gobuster").containsEntry("requests", 4615L)
                .containsEntry("status_counts", Map.of("200", 3L, "301", 1L, "404", 4611L)).containsEntry("connections", 54);
        assertThat(found(cd)).containsExactly("/ 200 2113", "/index.php 200 6411", "/robots.txt 200 9358", "/uploads 301 10999");
        assertThat(cd.succeeded()).isTrue();
        Finding at = one("webshell-lab", FindingType.ATTACK_TOOL, tool("gobuster"));
        assertThat(at.firstFrame()).isEqualTo(2111);
        assertThat(at.lastFrame()).isEqualTo(11848);
        assertThat(at.evidence()).containsEntry("user_agent", "gobuster/3.5").containsEntry("version", "3.5")
                .containsEntry("requests", 4615L).containsEntry("detected_by", "user_agent");
    }

    @Test
    @SuppressWarnings("unchecked")
    void referenceSqlmap() {
        Finding at = one("webshell-lab", FindingType.ATTACK_TOOL, tool("sqlmap"));
        assertThat(at.firstFrame()).isEqualTo(11954);
        assertThat(at.lastFrame()).isEqualTo(19350);
        assertThat(at.evidence()).containsEntry("user_agent", "sqlmap/1.7.2#stable (https://sqlmap.org)").containsEntry("requests", 631L);
        // one connection per request: all 631 are counted, and the list ends with the last one (tshark: 1099-1729)
        assertThat(at.streamCount()).isEqualTo(631);
        assertThat(at.streams()).startsWith(1099).endsWith(1729);
        Finding wa = one("webshell-lab", FindingType.WEB_ATTACK, f -> true);
        assertThat(wa.attacker()).isEqualTo("10.251.96.4");
        assertThat(wa.firstFrame()).isEqualTo(11954);
        assertThat(wa.lastFrame()).isEqualTo(19350);
        assertThat(wa.succeeded()).isTrue();
        assertThat(wa.severity()).isEqualTo(Severity.HIGH);
        assertThat(wa.evidence().get("kinds")).asList().contains("sqli", "xss", "path_traversal");
        assertThat(wa.evidence()).containsEntry("tool", "sqlmap").containsEntry("requests", 631L);
        List<Map<String, Object>> samples = (List<Map<String, Object>>) wa.evidence().get("samples");
        assertThat(samples).filteredOn(m -> Long.valueOf(11966).equals(m.get("frame"))).extracting(m -> m.get("kind"))
                .contains("sqli", "xss", "path_traversal");
        Map<String, Long> ind = (Map<String, Long>) wa.evidence().get("indicator_counts");
        assertThat(ind).containsKeys("db_error", "login_bypass");
        assertThat((List<Map<String, Object>>) wa.evidence().get("success_indicators"))
                .anySatisfy(m -> assertThat(m).containsEntry("indicator", "login_bypass").containsEntry("status", 302))
                .anySatisfy(m -> assertThat(m).containsEntry("indicator", "db_error").containsEntry("frame", 12004L));
        Finding info = one("webshell-lab", FindingType.INFO_DISCLOSURE, f -> "db_error".equals(f.evidence().get("kind")));
        assertThat(info.firstFrame()).isEqualTo(12004);
        assertThat(info.attacker()).isEqualTo("10.251.96.4");
        assertThat(info.evidence()).containsEntry("responses", 153L);
        assertThat(info.evidence().get("credentials")).asList().containsExactly("root:b****e (6)@localhost");
        assertThat(of("webshell-lab", FindingType.LOGIN_BRUTEFORCE, f -> true)).isEmpty();
        assertThat(of("webshell-lab", FindingType.ATTACK_TOOL, f -> String.valueOf(f.evidence().get("user_agent")).contains("Firefox"))).isEmpty();
        assertThat(run("webshell-lab").verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    void ffufOnPort8080() {
        Finding cd = one("connect-scan-ffuf-post-shell", FindingType.CONTENT_DISCOVERY, f -> true);
        assertThat(cd.firstFrame()).isEqualTo(20089);
        assertThat(cd.lastFrame()).isEqualTo(26047);
        assertThat(cd.evidence()).containsEntry("tool", "ffuf").containsEntry("requests", 2877L)
                .containsEntry("status_counts", Map.of("200", 2L, "301", 1L, "400", 1L, "404", 2873L));
        assertThat(found(cd)).containsExactly("/about.php 200 20391", "/index.php 200 22785", "/upload.php 400 25446", "/uploads 301 25469");
        Finding at = one("connect-scan-ffuf-post-shell", FindingType.ATTACK_TOOL, tool("ffuf"));
        assertThat(at.evidence()).containsEntry("user_agent", "Fuzz Faster U Fool v1.1.0").containsEntry("connections", 33);
        // bob's hash from /etc/shadow in the reverse shell: the shell family reports the read (with its shell), and the
        // web family's copy of the same bytes is dropped as covered (DetectionSink)
        Finding shadow = one("connect-scan-ffuf-post-shell", FindingType.INFO_DISCLOSURE, f -> f.lastFrame() == 26263);
        assertThat(shadow.attacker()).isEqualTo("10.77.3.66");
        assertThat(shadow.evidence()).containsKey("via");
        assertThat(of("connect-scan-ffuf-post-shell", FindingType.LOGIN_BRUTEFORCE, f -> true)).isEmpty();
        assertThat(of("connect-scan-ffuf-post-shell", FindingType.WEB_ATTACK, f -> true)).isEmpty();
    }

    @Test
    void wfuzzOverIpv6() {
        Finding cd = one("ipv6-fin-udp-wfuzz-b64-ncat", FindingType.CONTENT_DISCOVERY, f -> true);
        assertThat(cd.attacker()).isEqualTo("fd77:6b0:1::66");
        assertThat(cd.victim()).isEqualTo("fd77:6b0:1::45");
        assertThat(cd.firstFrame()).isEqualTo(2163);
        assertThat(cd.lastFrame()).isEqualTo(6199);
        assertThat(cd.evidence()).containsEntry("tool", "wfuzz").containsEntry("requests", 1902L)
                .containsEntry("status_counts", Map.of("200", 2L, "301", 1L, "400", 1L, "404", 1898L));
        assertThat(found(cd)).containsExactly("/uploads 301 4029", "/about.php 200 4260", "/index.php 200 5148", "/upload.php 400 6125");
        assertThat(cd.filter()).contains("ipv6.addr");
        Finding at = one("ipv6-fin-udp-wfuzz-b64-ncat", FindingType.ATTACK_TOOL, tool("wfuzz"));
        assertThat(at.evidence()).containsEntry("user_agent", "Wfuzz/3.1.0").containsEntry("requests", 1902L).containsEntry("connections", 31);
        assertThat(of("ipv6-fin-udp-wfuzz-b64-ncat", FindingType.LOGIN_BRUTEFORCE, f -> true)).isEmpty();
        assertThat(of("ipv6-fin-udp-wfuzz-b64-ncat", FindingType.WEB_ATTACK, f -> true)).isEmpty();
    }

    @Test
    void hydraFindsThePassword() {
        Finding b = one("hydra-login-bruteforce", FindingType.LOGIN_BRUTEFORCE, f -> true);
        assertThat(b.attacker()).isEqualTo("172.31.200.99");
        assertThat(b.victim()).isEqualTo("172.31.200.10");
        assertThat(b.firstFrame()).isEqualTo(88);
        assertThat(b.lastFrame()).isEqualTo(1285);
        assertThat(b.succeeded()).isTrue();
        assertThat(b.severity()).isEqualTo(Severity.HIGH);
        assertThat(b.evidence()).containsEntry("uri", "/index.php").containsEntry("attempts", 54).containsEntry("failures", 53L)
                .containsEntry("success_frame", 1206L).containsEntry("success_stream", 109).containsEntry("success_response_frame", 1208L)
                .containsEntry("password", "S*****! (7)").containsEntry("username", "admin").containsEntry("tool", "hydra")
                .containsEntry("first_attempt_frame", 119L);
        assertThat(b.evidence().get("usernames")).asList().containsExactly("admin");
        Finding at = one("hydra-login-bruteforce", FindingType.ATTACK_TOOL, tool("hydra"));
        assertThat(at.firstFrame()).isEqualTo(88);
        assertThat(at.lastFrame()).isEqualTo(1285);
        assertThat(at.evidence()).containsEntry("requests", 110L).containsEntry("connections", 110);
        assertThat(at.streams()).startsWith(6).endsWith(116);
        Finding bob = one("hydra-login-bruteforce", FindingType.CLEARTEXT_CREDENTIALS, f -> "bob".equals(f.evidence().get("username")));
        assertThat(bob.attacker()).isNull();
        assertThat(bob.firstFrame()).isEqualTo(509);
        Finding manual = one("hydra-login-bruteforce", FindingType.CLEARTEXT_CREDENTIALS, f -> "admin".equals(f.evidence().get("username")));
        assertThat(manual.attacker()).isEqualTo("172.31.200.99");
        assertThat(manual.lastFrame()).isEqualTo(1304);
        assertThat(of("hydra-login-bruteforce", FindingType.CONTENT_DISCOVERY, f -> true)).isEmpty();
        assertThat(run("hydra-login-bruteforce").verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sqlmapUnionAndHandMadeProbes() {
        String c = "sqlmap-union-web-probes";
        Finding sq = one(c, FindingType.WEB_ATTACK, tool("sqlmap"));
        assertThat(sq.firstFrame()).isEqualTo(99);
        assertThat(sq.lastFrame()).isEqualTo(412);
        assertThat(sq.succeeded()).isTrue();
        assertThat(sq.evidence()).containsEntry("requests", 32L);
        assertThat(sq.evidence().get("kinds")).asList().contains("sqli");
        assertThat((List<String>) sq.evidence().get("parameters")).contains("query:id");
        Finding at = one(c, FindingType.ATTACK_TOOL, tool("sqlmap"));
        assertThat(at.firstFrame()).isEqualTo(99);
        assertThat(at.lastFrame()).isEqualTo(412);
        assertThat(at.evidence()).containsEntry("requests", 32L);
        Finding dump = one(c, FindingType.INFO_DISCLOSURE, f -> "sql_data".equals(f.evidence().get("kind")));
        assertThat(dump.lastFrame()).isEqualTo(414);
        assertThat(dump.filter()).contains("414");
        assertThat(dump.evidence().get("extracted").toString()).contains("S3cr3t!", "admin", "bobthe", "bob");
        Finding probes = one(c, FindingType.WEB_ATTACK, tool("curl"));
        assertThat(probes.firstFrame()).isEqualTo(475);
        assertThat(probes.lastFrame()).isEqualTo(586);
        assertThat(probes.succeeded()).isFalse();
        assertThat(probes.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(probes.evidence().get("kinds")).asList()
                .containsExactlyInAnyOrder("cmd_injection", "jndi", "path_traversal", "template_injection", "xss");
        List<Map<String, Object>> samples = (List<Map<String, Object>>) probes.evidence().get("samples");
        assertThat(samples).extracting(m -> m.get("frame")).contains(475L, 486L, 496L, 506L, 516L, 526L, 536L, 546L, 556L, 566L, 576L, 586L);
        assertThat(samples).anySatisfy(m -> assertThat(m).containsEntry("frame", 506L).containsEntry("decoded", "../../../etc/passwd"));
        assertThat(samples).anySatisfy(m -> assertThat(m).containsEntry("frame", 526L).containsEntry("decoded", "../../../etc/shadow"));
        assertThat(samples).anySatisfy(m -> assertThat(m).containsEntry("frame", 586L).containsEntry("parameter", "X-Api-Version"));
        Finding curl = one(c, FindingType.ATTACK_TOOL, tool("curl"));
        assertThat(curl.severity()).isEqualTo(Severity.INFO);
        assertThat(of(c, FindingType.LOGIN_BRUTEFORCE, f -> true)).isEmpty();
        assertThat(of(c, FindingType.CONTENT_DISCOVERY, f -> true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"benign-lab", "benign-office-day"})
    void benignCapturesStayAtLowOrBelow(String c) {
        Analysis.Result r = run(c);
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.severity().atLeast(Severity.MEDIUM)).as(f.summary()).isFalse());
        assertThat(r.findings()).extracting(Finding::type).allMatch(t -> t == FindingType.CLEARTEXT_CREDENTIALS
                || t == FindingType.FILE_UPLOAD || t == FindingType.INFO_DISCLOSURE); // banners and listings
        assertThat(of(c, FindingType.INFO_DISCLOSURE, f -> true)).allSatisfy(f -> assertThat(f.attacker()).isNull());
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.BENIGN);
        assertThat(of(c, FindingType.CLEARTEXT_CREDENTIALS, f -> true)).isNotEmpty().allSatisfy(f -> assertThat(f.attacker()).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab", "connect-scan-ffuf-post-shell", "ipv6-fin-udp-wfuzz-b64-ncat",
            "hydra-login-bruteforce", "sqlmap-union-web-probes", "benign-lab", "benign-office-day"})
    void filtersSelectFirstAndLastFrameInTshark(String c) {
        assumeTrue(Tools.has("tshark"), "tshark not installed");
        Path pcap = TestFiles.gunzipToTemp(TestFiles.capture(c + ".pcap.gz"));
        for (Finding f : run(c).findings()) {
            if (!WEB.contains(f.type())) continue;
            Tools.Result t = Tools.run(300, "tshark", "-2", "-r", pcap.toString(), "-Y", f.filter(), "-T", "fields", "-e", "frame.number");
            assertThat(t.exit()).as(f.filter() + ": " + t.err()).isZero();
            List<String> frames = List.of(t.out().split("\n"));
            assertThat(frames).as(f.type() + " " + f.summary()).contains(String.valueOf(f.firstFrame()), String.valueOf(f.lastFrame()));
        }
    }
}
