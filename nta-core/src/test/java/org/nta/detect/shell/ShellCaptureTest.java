package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.app.AppConfig;
import org.nta.app.http.HttpConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * The shell detectors on the recorded captures, through the real pipeline, against the answer keys: every
 * file_upload, webshell_command and reverse_shell row (and the info_disclosure rows about files read in a shell)
 * is found with its frames, streams and key evidence; the benign captures give nothing above LOW.
 */
class ShellCaptureTest {
    private static final Set<FindingType> OURS = Set.of(FindingType.FILE_UPLOAD, FindingType.WEBSHELL_COMMAND,
            FindingType.REVERSE_SHELL, FindingType.INFO_DISCLOSURE);
    private static final Map<String, List<Finding>> RUNS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Our findings on a capture (the whole pipeline runs; other families' findings are left out). */
    static List<Finding> findings(String capture) {
        return RUNS.computeIfAbsent(capture, c -> {
            try (CaptureSource src = CaptureSource.open(TestFiles.capture(c + ".pcap.gz").toString(), false)) {
                Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
                List<Finding> out = new ArrayList<>();
                for (Finding f : r.findings()) if (OURS.contains(f.type()) && fromShellFamily(f)) out.add(f);
                return out;
            } catch (Exception e) {
                throw new IllegalStateException(c, e);
            }
        });
    }

    /** INFO_DISCLOSURE is shared with the web detectors: ours say which shell they came through. */
    private static boolean fromShellFamily(Finding f) {
        return f.type() != FindingType.INFO_DISCLOSURE || f.evidence().containsKey("via");
    }

    static JsonNode answers(String capture) throws Exception {
        return JSON.readTree(TestFiles.capture(capture + ".answers.json").toFile());
    }

    private static List<Finding> ofType(List<Finding> fs, FindingType t) {
        return fs.stream().filter(f -> f.type() == t).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab", "connect-scan-ffuf-post-shell", "ipv6-fin-udp-wfuzz-b64-ncat"})
    void answerKeyRowsAreFound(String capture) throws Exception {
        List<Finding> fs = findings(capture);
        Set<Integer> shellStreams = new HashSet<>();
        int rows = 0;
        for (JsonNode row : answers(capture).get("findings")) {
            switch (row.get("type").asText()) {
                case "file_upload" -> {
                    upload(fs, row);
                    rows++;
                }
                case "webshell_command" -> {
                    command(fs, row);
                    rows++;
                }
                case "reverse_shell" -> {
                    shell(fs, row);
                    shellStreams.add(row.get("stream").asInt());
                    rows++;
                }
                default -> { }
            }
        }
        for (JsonNode row : answers(capture).get("findings")) {
            if (row.get("type").asText().equals("info_disclosure") && shellStreams.contains(row.get("stream").asInt())) {
                Finding f = ofType(fs, FindingType.INFO_DISCLOSURE).stream()
                        .filter(x -> Long.valueOf(row.get("frame").asLong()).equals(x.evidence().get("frame"))).findFirst().orElse(null);
                assertThat(f).as(capture + " info_disclosure " + row).isNotNull();
                assertThat(f.streams()).containsExactly(row.get("stream").asInt());
                rows++;
            }
        }
        assertThat(rows).isGreaterThanOrEqualTo(5);
        // nothing made up: every web shell command and reverse shell we report is in the key
        assertThat(ofType(fs, FindingType.WEBSHELL_COMMAND)).hasSize(count(capture, "webshell_command"));
        assertThat(ofType(fs, FindingType.REVERSE_SHELL)).hasSize(count(capture, "reverse_shell"));
        assertThat(ofType(fs, FindingType.FILE_UPLOAD)).hasSize(count(capture, "file_upload"));
        assertThat(StoryBuilder.verdict(fs).level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    private static int count(String capture, String type) throws Exception {
        int n = 0;
        for (JsonNode row : answers(capture).get("findings")) if (row.get("type").asText().equals(type)) n++;
        return n;
    }

    private static void upload(List<Finding> fs, JsonNode row) {
        Finding f = ofType(fs, FindingType.FILE_UPLOAD).stream()
                .filter(x -> Long.valueOf(row.get("frame").asLong()).equals(x.evidence().get("request_frame"))).findFirst().orElse(null);
        assertThat(f).as("file_upload " + row).isNotNull();
        assertThat(f.evidence())
                .containsEntry("filename", row.get("filename").asText())
                .containsEntry("sha256", row.get("sha256").asText())
                .containsEntry("size", row.get("size").asLong())
                .containsEntry("field", row.get("field").asText())
                .containsEntry("declared_content_type", row.get("content_type").asText())
                .containsEntry("uri", row.get("uri").asText())
                .containsEntry("method", row.get("method").asText())
                .containsEntry("response_frame", row.get("response_frame").asLong())
                .containsEntry("stream", row.get("stream").asInt());
        assertThat(f.firstFrame()).isEqualTo(row.get("frame").asLong());
        assertThat(f.victim()).isEqualTo(row.get("victim").asText());
        if (row.get("required").asBoolean()) {
            assertThat(f.attacker()).isEqualTo(row.get("attacker").asText());
            assertThat(f.evidence()).containsEntry("webshell", true);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.succeeded()).isTrue();
            assertThat((String) f.evidence().get("landed_uri")).endsWith("/" + row.get("filename").asText());
        } else {
            assertThat(f.attacker()).isNull();
            assertThat(f.evidence()).containsEntry("webshell", false).containsEntry("client", row.get("client").asText());
            assertThat(f.severity().atLeast(Severity.MEDIUM)).isFalse();
        }
    }

    private static void command(List<Finding> fs, JsonNode row) {
        Finding f = ofType(fs, FindingType.WEBSHELL_COMMAND).stream()
                .filter(x -> x.firstFrame() == row.get("frame").asLong()).findFirst().orElse(null);
        assertThat(f).as("webshell_command " + row).isNotNull();
        assertThat(f.evidence())
                .containsEntry("parameter", row.get("param").asText())
                .containsEntry("command", row.get("command").asText())
                .containsEntry("uri", row.get("uri").asText())
                .containsEntry("method", row.get("method").asText())
                .containsEntry("wire_value", row.get("wire_value").asText())
                .containsEntry("request_frame", row.get("frame").asLong())
                .containsEntry("response_frame", row.get("response_frame").asLong())
                .containsEntry("stream", row.get("stream").asInt());
        assertThat(f.streams()).containsExactly(row.get("stream").asInt());
        assertThat(f.lastFrame()).isEqualTo(row.get("response_frame").asLong());
        assertThat(f.attacker()).isEqualTo(row.get("attacker").asText());
        assertThat(f.victim()).isEqualTo(row.get("victim").asText());
        assertThat(f.evidence().get("encoding")).isEqualTo(row.get("encoding").asText().startsWith("base64") ? "base64" : "plain");
        assertThat(f.succeeded()).isNotEqualTo(Boolean.FALSE);
    }

    private static void shell(List<Finding> fs, JsonNode row) {
        Finding f = ofType(fs, FindingType.REVERSE_SHELL).stream()
                .filter(x -> Integer.valueOf(row.get("stream").asInt()).equals(x.evidence().get("stream"))).findFirst().orElse(null);
        assertThat(f).as("reverse_shell " + row).isNotNull();
        List<String> commands = new ArrayList<>();
        row.get("commands").forEach(c -> commands.add(c.asText()));
        List<Long> frames = new ArrayList<>();
        row.get("command_frames").forEach(c -> frames.add(c.asLong()));
        assertThat(f.evidence())
                .containsEntry("port", row.get("port").asInt())
                .containsEntry("address", row.get("listener").asText())
                .containsEntry("connector", row.get("connector").asText())
                .containsEntry("syn_frame", row.get("syn_frame").asLong())
                .containsEntry("direction", "reverse")
                .containsEntry("commands", commands)
                .containsEntry("command_frames", frames)
                .containsEntry("trigger_frame", row.get("launched_by").get("frame").asLong())
                .containsEntry("trigger_stream", row.get("launched_by").get("stream").asInt());
        assertThat(f.attacker()).isEqualTo(row.get("attacker").asText());
        assertThat(f.victim()).isEqualTo(row.get("victim").asText());
        assertThat(f.lastFrame()).isEqualTo(row.get("last_frame").asLong());
        assertThat(f.firstFrame()).isEqualTo(row.get("launched_by").get("frame").asLong());
        assertThat(f.streams()).contains(row.get("stream").asInt(), row.get("launched_by").get("stream").asInt());
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.evidence().get("shell_user")).isNotNull();
        assertThat(((Map<?, ?>) f.evidence().get("shell_user")).get("name")).isEqualTo("www-data");
    }

    @Test
    void referenceCaptureTranscriptHasTheOutputs() {
        Finding f = ofType(findings("webshell-lab"), FindingType.REVERSE_SHELL).get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) f.evidence().get("transcript");
        assertThat(rows).extracting(r -> r.get("output").toString().lines().findFirst().orElse(""))
                .containsExactly("uid=33(www-data) gid=33(www-data) groups=33(www-data)", "portal", "root:x:0:0:root:/root:/bin/bash",
                        "total 12", "");
        assertThat(f.evidence().get("payload").toString()).startsWith("python3 -c 'import socket");
        assertThat(f.evidence()).containsEntry("payload_kind", "python socket").containsEntry("trigger_where", "query parameter cmd");
    }

    /**
     * Without the HTTP parser no payload is seen and every web connection becomes an unrecognised text session: the
     * shells are still found by their traffic alone, and no web connection reads as a shell.
     */
    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab", "connect-scan-ffuf-post-shell", "ipv6-fin-udp-wfuzz-b64-ncat"})
    void shellsAreFoundByTheirTrafficAlone(String capture) throws Exception {
        AppConfig noHttp = new AppConfig(false, HttpConfig.defaults().withMaxFileBytes(0), true, true, true, true, 64);
        List<Finding> shells;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture(capture + ".pcap.gz").toString(), false)) {
            Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, noHttp, DetectionConfig.DEFAULTS, List.of());
            shells = ofType(r.findings(), FindingType.REVERSE_SHELL);
        }
        JsonNode row = null;
        for (JsonNode x : answers(capture).get("findings")) if (x.get("type").asText().equals("reverse_shell")) row = x;
        assertThat(shells).hasSize(1);
        Finding f = shells.get(0);
        List<String> commands = new ArrayList<>();
        row.get("commands").forEach(c -> commands.add(c.asText()));
        assertThat(f.streams()).containsExactly(row.get("stream").asInt());
        assertThat(f.firstFrame()).isEqualTo(row.get("syn_frame").asLong());
        assertThat(f.lastFrame()).isEqualTo(row.get("last_frame").asLong());
        assertThat(f.attacker()).isEqualTo(row.get("attacker").asText());
        assertThat(f.victim()).isEqualTo(row.get("victim").asText());
        assertThat(f.evidence()).containsEntry("commands", commands).containsEntry("direction", "reverse")
                .containsEntry("port", row.get("port").asInt()).containsEntry("payload", null);
        assertThat(f.evidence().get("confidence").toString()).startsWith("medium");
    }

    @ParameterizedTest
    @ValueSource(strings = {"benign-lab", "benign-office-day", "hydra-login-bruteforce", "sqlmap-union-web-probes"})
    void nothingAboveLowWhereNoShellWasUsed(String capture) throws Exception {
        List<Finding> fs = findings(capture);
        assertThat(fs).allSatisfy(f -> assertThat(f.severity().atLeast(Severity.MEDIUM)).as(f.summary()).isFalse());
        assertThat(ofType(fs, FindingType.WEBSHELL_COMMAND)).isEmpty();
        assertThat(ofType(fs, FindingType.REVERSE_SHELL)).isEmpty();
        assertThat(StoryBuilder.verdict(fs).level()).isEqualTo(Verdict.Level.BENIGN);
        int uploads = count(capture, "file_upload");
        assertThat(ofType(fs, FindingType.FILE_UPLOAD)).hasSize(uploads);
        for (JsonNode row : answers(capture).get("findings")) if (row.get("type").asText().equals("file_upload")) upload(fs, row);
    }

    @Tag("tshark")
    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab", "connect-scan-ffuf-post-shell", "ipv6-fin-udp-wfuzz-b64-ncat", "benign-office-day"})
    void everyFilterSelectsItsFirstAndLastFrameInTshark(String capture) {
        assumeTrue(Tools.has("tshark") || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        Path file = TestFiles.capture(capture + ".pcap.gz");
        for (Finding f : findings(capture)) {
            Tools.Result r = Tools.run(120, "tshark", "-2", "-r", file.toString(), "-Y", f.filter(), "-T", "fields", "-e", "frame.number");
            assertThat(r.exit()).as(f.filter() + ": " + r.err()).isZero();
            List<String> frames = Tools.lines(r.out());
            assertThat(frames).as(f.type() + " " + f.filter()).contains(String.valueOf(f.firstFrame()), String.valueOf(f.lastFrame()));
        }
    }
}
