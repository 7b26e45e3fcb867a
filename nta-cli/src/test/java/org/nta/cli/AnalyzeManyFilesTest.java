package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sensor's rotated files analysed as one capture: the sample split by {@code editcap -c 3000} gives the same
 * investigation as the whole file, and every finding names the file its frames are in and their numbers there, which
 * land on the same packets in that file.
 */
class AnalyzeManyFilesTest {
    private static final String SAMPLE = "../samples/webshell-lab.pcap.gz";
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path parts;
    static JsonNode whole, split;

    @BeforeAll
    static void analyse() throws Exception {
        assumeTrue(FollowCommandTest.hasTshark() || "true".equalsIgnoreCase(System.getenv("CI")), "editcap not installed");
        parts = Files.createDirectory(tmp.resolve("rotated"));
        Process p = new ProcessBuilder("editcap", "-c", "3000", SAMPLE, parts.resolve("sensor.pcap").toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Path a = tmp.resolve("whole.json"), b = tmp.resolve("split.json");
        assertThat(CliRun.of("analyze", SAMPLE, "--json", a.toString()).exit()).isZero();
        CliRun run = CliRun.of("analyze", parts.toString(), "--json", b.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        whole = M.readTree(a.toFile());
        split = M.readTree(b.toFile());
    }

    private static List<Path> partFiles() throws Exception {
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(f -> f.getFileName().toString().startsWith("sensor")).sorted().toList();
        }
    }

    /** The analysis without what only a multi-file run adds (the files) or names differently (the capture). */
    private static JsonNode withoutFiles(JsonNode j) {
        ObjectNode c = j.deepCopy();
        ObjectNode s = (ObjectNode) c.path("summary");
        s.remove(List.of("file", "files", "sha256"));
        for (JsonNode f : c.path("findings")) ((ObjectNode) f).remove("files");
        return c;
    }

    @Test
    void theRotatedFilesGiveTheSameInvestigationAsTheWholeCapture() throws Exception {
        assertThat(partFiles()).hasSize(7);
        assertThat(withoutFiles(split)).isEqualTo(withoutFiles(whole));
        assertThat(split.path("verdict").path("level").asText()).isEqualTo("malicious");
        JsonNode files = split.path("summary").path("files");
        assertThat(files).hasSize(7);
        long next = 1;
        for (JsonNode f : files) {
            assertThat(f.path("first_frame").asLong()).isEqualTo(next);
            assertThat(f.path("status").asText()).isEqualTo("ok");
            assertThat(f.path("sha256").asText()).hasSize(64);
            next = f.path("last_frame").asLong() + 1;
        }
        assertThat(next - 1).isEqualTo(whole.path("summary").path("packets").asLong());
    }

    @Test
    void everyFindingsFramesAreNamedInTheirFilesAndLandOnTheSamePacketsThere() throws Exception {
        JsonNode files = split.path("summary").path("files");
        for (JsonNode f : split.path("findings")) {
            JsonNode in = f.path("files");
            assertThat(in.size()).as(f.path("summary").asText()).isGreaterThanOrEqualTo(1);
            JsonNode first = in.get(0), last = in.get(in.size() - 1);
            long offset = offsetOf(files, first.path("file").asText());
            assertThat(first.path("first_frame").asLong() + offset).isEqualTo(f.path("first_frame").asLong());
            assertThat(last.path("last_frame").asLong() + offsetOf(files, last.path("file").asText())).isEqualTo(f.path("last_frame").asLong());
        }
        // the web shell upload, in the last file: tshark shows there the packet the whole capture has at that number
        JsonNode upload = null;
        for (JsonNode f : split.path("findings")) if (f.path("type").asText().equals("file_upload")) upload = f;
        assertThat(upload).isNotNull();
        JsonNode in = upload.path("files").get(0);
        String there = FollowCommandTest.tshark("tshark", "-r", in.path("file").asText(), "-Y", "frame.number == " + in.path("first_frame").asLong(),
                "-T", "fields", "-e", "frame.time_epoch", "-e", "tcp.srcport", "-e", "tcp.seq_raw");
        String original = FollowCommandTest.tshark("tshark", "-r", SAMPLE, "-Y", "frame.number == " + upload.path("first_frame").asLong(),
                "-T", "fields", "-e", "frame.time_epoch", "-e", "tcp.srcport", "-e", "tcp.seq_raw");
        assertThat(there).isNotBlank().isEqualTo(original);
    }

    private static long offsetOf(JsonNode files, String file) {
        for (JsonNode f : files) if (f.path("file").asText().equals(file)) return f.path("first_frame").asLong() - 1;
        throw new AssertionError("no file " + file);
    }

    @Test
    void filesNamedInAnyOrderAreReadInTimeOrder() throws Exception {
        List<String> args = new ArrayList<>();
        for (Path f : partFiles()) args.add(f.toString());
        Collections.shuffle(args, new Random(7));
        Path out = tmp.resolve("shuffled.json");
        List<String> cmd = new ArrayList<>(List.of("analyze", "--json", out.toString()));
        cmd.addAll(args);
        assertThat(CliRun.of(cmd.toArray(String[]::new)).exit()).isZero();
        assertThat(withoutFiles(M.readTree(out.toFile()))).isEqualTo(withoutFiles(whole));
        CliRun text = CliRun.of(cmd.toArray(String[]::new));
        assertThat(text.out()).contains("Capture: 7 files, 19,499 frames")
                .contains("(" + partFiles().get(6).getFileName() + " frames 1412–1414)");
    }

    @Test
    void alertsInEveNameTheFileOfTheirFirstFrame() throws Exception {
        Path eve = tmp.resolve("eve.json");
        assertThat(CliRun.of("analyze", parts.toString(), "--eve", eve.toString()).exit()).isZero();
        List<String> lines = Files.readAllLines(eve);
        JsonNode files = split.path("summary").path("files");
        int alerts = 0;
        for (String l : lines) {
            JsonNode e = M.readTree(l);
            String file = e.path("pcap_filename").asText();
            assertThat(file).startsWith(parts.toString());
            if (!e.path("event_type").asText().equals("alert")) continue;
            alerts++;
            long frame = e.path("pcap_cnt").asLong(), offset = offsetOf(files, file);
            JsonNode part = null;
            for (JsonNode f : files) if (f.path("file").asText().equals(file)) part = f;
            assertThat(frame).isBetween(part.path("first_frame").asLong(), part.path("last_frame").asLong());
            assertThat(offset).isGreaterThanOrEqualTo(0);
        }
        assertThat(alerts).isEqualTo(split.path("findings").size());
    }

    /** A directory's file names are anyone's: one with terminal escapes is said without them, skipped or failing. */
    @Test
    void aHostileFileNameReachesTheTerminalAsText() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("hostile"));
        Files.copy(partFiles().get(0), dir.resolve("eth0-1.pcap"));
        String name = "x\u001b]0;owned\u0007\u001b[2J\u202e.txt";
        Files.writeString(dir.resolve(name), "not a capture\n");
        CliRun r = CliRun.of("analyze", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("nta: skipped " + dir.resolve("x·]0;owned··[2J·.txt"))
                .doesNotContain("\u001b", "\u0007", "\u202e");
        CliRun one = CliRun.of("analyze", dir.resolve(name).toString());
        assertThat(one.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(one.err()).contains("x·]0;owned··[2J·.txt").doesNotContain("\u001b", "\u0007", "\u202e");
        assertThat(one.err().strip().lines()).hasSize(1);
        assertThat(Main.safeLines("bad filter\n  tcp.port == \u001b\n             ^")).isEqualTo("bad filter\n  tcp.port == ·\n             ^");
    }

    @Test
    void aDirectorySkipsWhatIsNotACaptureAndAGlobChoosesTheFiles() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("mixed"));
        List<Path> ps = partFiles();
        Files.copy(ps.get(0), dir.resolve("eth0-1.pcap"));
        Files.copy(ps.get(1), dir.resolve("eth0-2.pcap"));
        Files.writeString(dir.resolve("README.txt"), "rotated by tcpdump -G 300\n");
        Files.writeString(dir.resolve(".hidden"), "x");
        CliRun r = CliRun.of("analyze", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("nta: skipped " + dir.resolve("README.txt") + ": not a capture file").doesNotContain(".hidden");
        assertThat(r.out()).contains("Capture: " + dir + ", 6,000 frames");
        CliRun g = CliRun.of("analyze", "--glob", "eth0-2*", dir.toString());
        assertThat(g.exit()).isZero();
        assertThat(g.out()).contains("Capture: " + dir.resolve("eth0-2.pcap") + ", 3,000 frames");
        CliRun none = CliRun.of("analyze", "--glob", "*.pcapng", dir.toString());
        assertThat(none.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(none.err().strip()).isEqualTo("nta: " + dir + ": no capture file in the directory matching *.pcapng");
    }

    @Test
    void aNamedFileThatIsNotACaptureOrStandardInputAmongFilesIsOneLineAndExitTwo() throws Exception {
        Path notes = tmp.resolve("notes.txt");
        Files.writeString(notes, "hello\n");
        CliRun r = CliRun.of("analyze", partFiles().get(0).toString(), notes.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("nta: " + notes + ": not a capture file");
        CliRun s = CliRun.of("analyze", partFiles().get(0).toString(), "-");
        assertThat(s.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(s.err().strip()).isEqualTo("nta: standard input (-) cannot be read with other files");
    }
}
