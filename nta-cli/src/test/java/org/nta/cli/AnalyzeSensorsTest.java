package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Files of two sensors that overlap in time: each sensor's files go through a pipeline of their own, side by side,
 * and the findings are told as one story. Sensor A is the sample; sensor B another recorded attack moved by
 * {@code editcap -t} into the sample's minute; sensor C the sample again 5 s later (the same attack seen twice).
 */
class AnalyzeSensorsTest {
    private static final String SAMPLE = "../samples/webshell-lab.pcap.gz";
    private static final String OTHER = "../nta-core/src/test/resources/captures/connect-scan-ffuf-post-shell.pcap.gz";
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path a, b, c;
    static JsonNode aloneA, aloneB, merged;

    @BeforeAll
    static void analyse() throws Exception {
        assumeTrue(FollowCommandTest.hasTshark() || "true".equalsIgnoreCase(System.getenv("CI")), "editcap not installed");
        a = tmp.resolve("sensor-a.pcap.gz");
        Files.copy(Path.of(SAMPLE), a);
        b = tmp.resolve("sensor-b.pcap");
        editcap("-t", "-5520", OTHER, b.toString());
        c = tmp.resolve("sensor-c.pcap");
        editcap("-t", "5", SAMPLE, c.toString());
        aloneA = json("alone-a", a.toString());
        aloneB = json("alone-b", b.toString());
        merged = json("merged", b.toString(), a.toString());
    }

    private static void editcap(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("editcap"));
        cmd.addAll(List.of(args));
        assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
    }

    private static JsonNode json(String name, String... files) throws Exception {
        Path out = tmp.resolve(name + ".json");
        List<String> cmd = new ArrayList<>(List.of("analyze", "--json", out.toString()));
        cmd.addAll(List.of(files));
        CliRun r = CliRun.of(cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return M.readTree(out.toFile());
    }

    /** A finding without what depends on where its frames are counted. */
    private static JsonNode placeless(JsonNode f) {
        ObjectNode c = f.deepCopy();
        c.remove(List.of("files", "first_frame", "last_frame", "filter", "summary", "evidence"));
        return c;
    }

    @Test
    void eachSensorIsItsOwnRunNumberedOneAfterTheOther() {
        JsonNode files = merged.path("summary").path("files");
        assertThat(files).hasSize(2);
        long framesA = aloneA.path("summary").path("packets").asLong();
        assertThat(files.get(0).path("file").asText()).isEqualTo(a.toString());
        assertThat(files.get(0).path("sensor").asInt()).isEqualTo(1);
        assertThat(files.get(0).path("last_frame").asLong()).isEqualTo(framesA);
        assertThat(files.get(1).path("file").asText()).isEqualTo(b.toString());
        assertThat(files.get(1).path("sensor").asInt()).isEqualTo(2);
        assertThat(files.get(1).path("first_frame").asLong()).isEqualTo(framesA + 1);
        assertThat(files.get(1).path("overlaps_previous").asBoolean()).isFalse();
        assertThat(merged.path("summary").path("packets").asLong())
                .isEqualTo(framesA + aloneB.path("summary").path("packets").asLong());
        assertThat(merged.has("traffic")).isFalse();
    }

    @Test
    void theFindingsAreThoseOfEachSensorAloneWithTheirFilesFrames() {
        long framesA = aloneA.path("summary").path("packets").asLong();
        List<JsonNode> ofA = new ArrayList<>(), ofB = new ArrayList<>();
        for (JsonNode f : merged.path("findings")) (f.path("first_frame").asLong() <= framesA ? ofA : ofB).add(f);
        assertThat(ofA).hasSize(aloneA.path("findings").size());
        assertThat(ofB).hasSize(aloneB.path("findings").size());
        for (int i = 0; i < ofA.size(); i++) {
            ObjectNode f = ofA.get(i).deepCopy();
            JsonNode in = f.remove("files");
            assertThat(f).isEqualTo(aloneA.path("findings").get(i));
            assertThat(in.get(0).path("file").asText()).isEqualTo(a.toString());
            assertThat(in.get(0).path("first_frame").asLong()).isEqualTo(f.path("first_frame").asLong());
        }
        for (int i = 0; i < ofB.size(); i++) {
            JsonNode f = ofB.get(i), alone = aloneB.path("findings").get(i);
            assertThat(placeless(f)).isEqualTo(placeless(alone));
            assertThat(f.path("first_frame").asLong()).isEqualTo(alone.path("first_frame").asLong() + framesA);
            assertThat(f.path("last_frame").asLong()).isEqualTo(alone.path("last_frame").asLong() + framesA);
            JsonNode in = f.path("files");
            assertThat(in).hasSize(1);
            assertThat(in.get(0).path("file").asText()).isEqualTo(b.toString());
            assertThat(in.get(0).path("first_frame").asLong()).isEqualTo(alone.path("first_frame").asLong());
            assertThat(in.get(0).path("last_frame").asLong()).isEqualTo(alone.path("last_frame").asLong());
        }
        assertThat(merged.path("incidents")).hasSize(aloneA.path("incidents").size() + aloneB.path("incidents").size());
        assertThat(merged.path("verdict").path("level").asText()).isEqualTo("malicious");
    }

    @Test
    void anAttackerTwoSensorsSawIsOneIncident() throws Exception {
        JsonNode twice = json("twice", a.toString(), c.toString());
        assertThat(twice.path("summary").path("files")).extracting(f -> f.path("sensor").asInt()).containsExactly(1, 2);
        assertThat(twice.path("findings")).hasSize(2 * aloneA.path("findings").size());
        assertThat(twice.path("incidents")).hasSize(aloneA.path("incidents").size());
        for (int i = 0; i < aloneA.path("incidents").size(); i++) {
            JsonNode one = aloneA.path("incidents").get(i), both = twice.path("incidents").get(i);
            assertThat(both.path("attacker").asText()).isEqualTo(one.path("attacker").asText());
            assertThat(both.path("victim").asText()).isEqualTo(one.path("victim").asText());
        }
    }

    @Test
    void theSameFilesGiveTheSameBytesWhicheverSensorFinishesFirst() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path again = tmp.resolve("again" + i + ".json");
            assertThat(CliRun.of("analyze", "--json", again.toString(), a.toString(), b.toString()).exit()).isZero();
            assertThat(Files.readString(again)).isEqualTo(Files.readString(tmp.resolve("merged.json")));
        }
        Path md1 = tmp.resolve("r1.md"), md2 = tmp.resolve("r2.md"), html = tmp.resolve("r.html");
        CliRun r1 = CliRun.of("analyze", "--report", md1.toString(), "--html", html.toString(), a.toString(), b.toString());
        CliRun r2 = CliRun.of("analyze", "--report", md2.toString(), b.toString(), a.toString());
        assertThat(r1.exit()).isZero();
        assertThat(r1.out()).isEqualTo(r2.out()).contains("(sensor-b.pcap frames ");
        assertThat(Files.readString(md1)).isEqualTo(Files.readString(md2)).contains("sensor-b.pcap");
        assertThat(Files.readString(html)).contains("sensor-b.pcap");
    }

    @Test
    void filesThatContinueEachOtherStayOneCapture() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("rotated"));
        editcap("-c", "7000", SAMPLE, dir.resolve("eth0.pcap").toString());
        List<String> cmd = new ArrayList<>(List.of("analyze", "--json", tmp.resolve("rotated.json").toString()));
        try (var s = Files.list(dir)) {
            s.sorted().forEach(p -> cmd.add(p.toString()));
        }
        assertThat(cmd).hasSizeGreaterThan(4);
        assertThat(CliRun.of(cmd.toArray(String[]::new)).exit()).isZero();
        JsonNode rotated = M.readTree(tmp.resolve("rotated.json").toFile());
        for (JsonNode f : rotated.path("summary").path("files")) assertThat(f.has("sensor")).isFalse();
        assertThat(rotated.path("findings")).hasSize(aloneA.path("findings").size());
        for (int i = 0; i < aloneA.path("findings").size(); i++) {
            ObjectNode f = rotated.path("findings").get(i).deepCopy();
            f.remove("files");
            assertThat(f).isEqualTo(aloneA.path("findings").get(i));
        }
    }

    @Test
    void whatIsNotSupportedOverSensorsYetIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("analyze", "--eve", tmp.resolve("eve.json").toString(), a.toString(), b.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("nta: --eve is not supported yet");
    }
}
