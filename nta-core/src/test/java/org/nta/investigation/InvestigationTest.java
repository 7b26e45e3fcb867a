package org.nta.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.report.AnalysisJson;
import org.nta.report.AnalysisMarkdown;
import org.nta.report.Json;
import org.nta.report.TimeFormat;
import org.nta.testing.TestFiles;

/**
 * Issue 4, acceptance 1, 2 and 4: on every capture with an answer key (the reference captures and the lab
 * recordings), {@code nta analyze} reaches the key's verdict, names its attackers and never a benign host, reports
 * every required finding with its key evidence (frames, streams, tool, file hash, decoded command, shell
 * transcript…), reports nothing the key lists as absent, keeps benign captures at low severity at most, writes JSON
 * that validates against docs/schema/analysis.schema.json, and gives the same report byte for byte twice.
 */
class InvestigationTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    record Run(AnswerKey key, Analysis.Result result) {
    }

    static List<Path> keys() throws IOException {
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            return s.filter(p -> p.toString().endsWith(".answers.json")).sorted().toList();
        }
    }

    /** Who the hosts are in each capture's last analysis, as analyze names them in its reports. */
    static final java.util.Map<Path, org.nta.hosts.HostNames> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    static Analysis.Result analyze(Path capture) throws Exception {
        org.nta.hosts.HostTable hosts = new org.nta.hosts.HostTable(10_000);
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of(hosts));
            NAMES.put(capture, org.nta.hosts.HostNames.of(hosts));
            return r;
        }
    }

    @TestFactory
    Stream<DynamicNode> everyAnswerKey() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "docs", "schema", "analysis.schema.json")));
        List<DynamicNode> out = new ArrayList<>();
        for (Path keyFile : keys()) {
            AnswerKey key = AnswerKey.load(keyFile);
            Path capture = keyFile.resolveSibling(key.capture());
            Analysis.Result r = analyze(capture);
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("verdict " + key.verdict(), () ->
                    assertThat(r.verdict().level().id()).as("verdict; reasons: %s", r.verdict().reasons()).isEqualTo(key.verdict())));
            tests.add(DynamicTest.dynamicTest("attackers named, benign hosts never", () -> {
                Set<String> named = new TreeSet<>();
                for (Finding f : r.findings()) if (f.attacker() != null && f.severity().atLeast(Severity.MEDIUM)) named.add(f.attacker());
                for (String a : key.attackers()) {
                    assertThat(named.stream().anyMatch(n -> key.sameHost(n, a))).as("attacker %s named among %s", a, named).isTrue();
                }
                for (String b : key.benignHosts()) assertThat(named).as("benign host %s named as an attacker", b).doesNotContain(b);
            }));
            tests.add(DynamicTest.dynamicTest("one story per attacker and victim, whichever addresses they used", () -> {
                List<org.nta.incident.Incident> inc = r.incidents();
                for (int x = 0; x < inc.size(); x++) {
                    for (int y = x + 1; y < inc.size(); y++) {
                        org.nta.incident.Incident p = inc.get(x), q = inc.get(y);
                        boolean same = key.sameHost(p.attacker(), q.attacker()) && p.victim() != null && q.victim() != null
                                && key.sameHost(p.victim(), q.victim());
                        assertThat(same).as("%s → %s and %s → %s are one story", p.attacker(), p.victim(), q.attacker(), q.victim())
                                .isFalse();
                    }
                }
            }));
            tests.add(DynamicTest.dynamicTest("the report keeps ordinary users out of the attack", () -> {
                String md = AnalysisMarkdown.render(r, TimeFormat.utc(r.capture().tsPrecisionDigits()));
                assertThat(md).doesNotContain("Attacker: null");
                String indicators = md.substring(md.indexOf("## Indicators"), md.indexOf("## Recommendations"));
                for (String b : key.benignHosts()) assertThat(indicators).as("benign host in indicators").doesNotContain("`" + b + "`");
                for (Finding f : r.findings()) {
                    if (f.attacker() == null && f.evidence().get("user_agent") instanceof String ua) {
                        boolean attackerUsedIt = r.findings().stream()
                                .anyMatch(g -> g.attacker() != null && ua.equals(g.evidence().get("user_agent")));
                        if (!attackerUsedIt) assertThat(indicators).as("a user's User-Agent in indicators").doesNotContain(ua);
                    }
                }
            }));
            if (key.verdict().equals("benign")) {
                tests.add(DynamicTest.dynamicTest("nothing above low", () -> {
                    for (Finding f : r.findings()) assertThat(f.severity()).as("%s: %s", f.type().id(), f.summary()).isLessThanOrEqualTo(Severity.LOW);
                }));
            }
            // absent: no finding of that type names an attacker or rises above low; ordinary activity observed
            // without an attacker (a server's version banner, a user's upload) may still be listed
            for (String absent : key.absent()) {
                tests.add(DynamicTest.dynamicTest("no " + absent, () ->
                        assertThat(r.findings()).as("findings of an absent type").noneMatch(f -> f.type().id().equals(absent)
                                && (f.attacker() != null || f.severity().atLeast(Severity.MEDIUM)))));
            }
            int i = 0;
            for (JsonNode want : key.findings()) {
                if (!want.path("required").asBoolean(false)) continue;
                String name = want.path("type").asText() + " #" + (i++) + " " + describe(want);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    List<String> why = new ArrayList<>();
                    for (Finding f : r.findings()) {
                        String m = AnswerMatch.mismatch(key, want, f);
                        if (m == null) return;
                        if (f.type().id().equals(want.path("type").asText())) why.add(m);
                    }
                    throw new AssertionError("no finding matches " + want + "\ncandidates of that type: " + why);
                }));
            }
            for (JsonNode want : key.pivots()) {
                tests.add(DynamicTest.dynamicTest("one story across hosts: " + want.path("account").asText() + " used from "
                        + want.path("used_from").asText(), () -> {
                    List<String> seen = new ArrayList<>();
                    for (org.nta.incident.Incident inc : r.incidents()) {
                        for (org.nta.incident.Incident.Pivot p : inc.pivots()) {
                            seen.add(inc.attacker() + " → " + inc.victim() + ": " + p);
                            if ((inc.attacker() + " → " + inc.victim()).equals(want.path("incident").asText())
                                    && p.account().equals(want.path("account").asText())
                                    && p.obtainedBy().equals(want.path("obtained_by").asText())
                                    && p.usedFrom().equals(want.path("used_from").asText())
                                    && String.valueOf(p.usedOn()).equals(want.path("used_on").asText())
                                    && p.usedFrame() == want.path("used_frame").asLong(p.usedFrame())) {
                                return;
                            }
                        }
                    }
                    throw new AssertionError("no incident follows " + want + "; pivots: " + seen);
                }));
            }
            tests.add(DynamicTest.dynamicTest("JSON validates against the schema", () -> {
                JsonNode json = MAPPER.readTree(Json.write(AnalysisJson.build(r, null, AnalysisJson.hostRows(r, NAMES.get(capture)))));
                Set<ValidationMessage> errors = schema.validate(json);
                assertThat(errors).as("schema errors").isEmpty();
            }));
            tests.add(DynamicTest.dynamicTest("same report byte for byte", () -> {
                org.nta.hosts.HostNames names = NAMES.get(capture);
                Analysis.Result again = analyze(capture);
                org.nta.hosts.HostNames namesAgain = NAMES.get(capture);
                TimeFormat tf = TimeFormat.utc(r.capture().tsPrecisionDigits());
                assertThat(Json.write(AnalysisJson.build(again, null, AnalysisJson.hostRows(again, namesAgain))))
                        .isEqualTo(Json.write(AnalysisJson.build(r, null, AnalysisJson.hostRows(r, names))));
                assertThat(AnalysisMarkdown.render(again, tf, namesAgain)).isEqualTo(AnalysisMarkdown.render(r, tf, names));
            }));
            out.add(DynamicContainer.dynamicContainer(key.capture(), tests));
        }
        return out.stream();
    }

    private static String describe(JsonNode want) {
        for (String k : List.of("protocol", "tool", "filename", "file", "command", "scan_type", "port", "kinds", "zone", "destination", "uri")) {
            if (want.has(k)) return k + "=" + want.get(k);
        }
        return "";
    }

    @SuppressWarnings("unused")
    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> unused() {
        return Map.of();
    }
}
