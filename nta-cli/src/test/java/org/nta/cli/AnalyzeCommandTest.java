package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code nta analyze} as a user runs it: the terminal summary, the report, the JSON and the extracted files. */
class AnalyzeCommandTest {
    static final String SAMPLE = Path.of("..", "samples", "webshell-lab.pcap.gz").toString();
    static final String BENIGN = Path.of("..", "nta-core", "src", "test", "resources", "captures", "benign-lab.pcap.gz")
            .toString();
    static final String SHELL_SHA256 = "7f132cd3059416d61807d2cf4dfdda86ef73d092213eb0f3a3dcb3d1fce9868b";

    @TempDir
    Path dir;

    @Test
    void writesTheReportTheJsonAndTheFilesOfTheIntrusion() throws Exception {
        Path md = dir.resolve("report.md"), json = dir.resolve("result.json"), files = dir.resolve("files");
        CliRun r = CliRun.of("analyze", SAMPLE, "--report", md.toString(), "--json", json.toString(),
                "--extract", files.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Verdict: MALICIOUS").doesNotContain("\u001b[") // plain when not a terminal
                .contains("Reconnaissance", "Command and control", "Key findings");

        String report = Files.readString(md);
        assertThat(report).contains("dbfunctions.php", SHELL_SHA256, "tcp.stream", "gobuster", "sqlmap");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("verdict").get("level").asText()).isEqualTo("malicious");
        assertThat(root.has("summary") && root.has("incidents") && root.has("findings") && root.has("stats")).isTrue();

        byte[] shell = Files.readAllBytes(files.resolve("dbfunctions.php"));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shell))).isEqualTo(SHELL_SHA256);
        JsonNode manifest = new ObjectMapper().readTree(files.resolve("manifest.json").toFile());
        assertThat(manifest).isNotEmpty();
        // the login forms sqlmap posted are evidence in the findings, not files: only Export Objects lists them
        for (JsonNode row : manifest) assertThat(row.get("source").asText()).isNotEqualTo("form");
    }

    @Test
    void extractsTheFilesInvolvedNotEveryAnswerOfTheBruteForce() throws Exception {
        Path files = dir.resolve("files"), all = dir.resolve("all");
        assertThat(CliRun.of("analyze", SAMPLE, "--extract", files.toString()).exit()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(files.resolve("manifest.json").toFile());
        List<String> saved = new ArrayList<>();
        boolean shellOutput = false, listing = false;
        for (JsonNode row : manifest) {
            String name = row.get("saved_name").asText();
            saved.add(name);
            String content = Files.readString(files.resolve(name), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (row.get("direction").asText().equals("download")) {
                shellOutput |= content.startsWith("uid=33(www-data)");
                listing |= content.contains("Index of /uploads");
            }
        }
        assertThat(saved).contains("dbfunctions.php");
        assertThat(shellOutput).as("the answer of the web shell's id command").isTrue();
        assertThat(listing).as("the listing of the uploads folder").isTrue();
        // gobuster's and sqlmap's thousands of answers are not files involved; nothing is left behind in staging
        try (var listed = Files.list(files)) {
            assertThat(listed.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyInAnyOrderElementsOf(concat(saved, "manifest.json", "manifest.csv"));
        }
        assertThat(saved).hasSizeLessThan(200);

        assertThat(CliRun.of("analyze", SAMPLE, "--extract", all.toString(), "--extract-all").exit()).isZero();
        assertThat(new ObjectMapper().readTree(all.resolve("manifest.json").toFile()).size()).isGreaterThan(5000);
        CliRun bare = CliRun.of("analyze", SAMPLE, "--extract-all");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("--extract-all needs --extract");
    }

    @Test
    void aBenignCaptureGivesItsUploadsOnly() throws Exception {
        Path files = dir.resolve("files");
        assertThat(CliRun.of("analyze", BENIGN, "--extract", files.toString()).exit()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(files.resolve("manifest.json").toFile());
        assertThat(manifest).isNotEmpty();
        for (JsonNode row : manifest) assertThat(row.get("direction").asText()).isEqualTo("upload");
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> r = new ArrayList<>(a);
        r.addAll(List.of(more));
        return r;
    }

    @Test
    void theSameCaptureGivesTheSameReportByteForByte() throws Exception {
        Path a = dir.resolve("a.md"), b = dir.resolve("b.md");
        CliRun first = CliRun.of("analyze", SAMPLE, "--report", a.toString(), "--json", dir.resolve("a.json").toString());
        CliRun second = CliRun.of("analyze", SAMPLE, "--report", b.toString(), "--json", dir.resolve("b.json").toString());
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(Files.readAllBytes(dir.resolve("b.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a.json")));
    }

    @Test
    void benignTrafficIsBenign() {
        CliRun r = CliRun.of("analyze", BENIGN, "--json", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"level\" : \"benign\"");
        for (String high : List.of("\"severity\" : \"medium\"", "\"severity\" : \"high\"", "\"severity\" : \"critical\"")) {
            assertThat(r.out()).doesNotContain(high);
        }
    }
}
