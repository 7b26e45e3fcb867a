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
        aloneA = json("alone-a", a.toString(), "--eve", tmp.resolve("alone-a.eve").toString());
        aloneB = json("alone-b", b.toString(), "--eve", tmp.resolve("alone-b.eve").toString());
        merged = json("merged", b.toString(), a.toString(), "--eve", tmp.resolve("merged.eve").toString());
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
        assertThat(Files.readString(html)).contains("sensor-b.pcap").contains("Top conversations by bytes");
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

    private static List<JsonNode> eve(String name) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve(name + ".eve"))) lines.add(M.readTree(l));
        return lines;
    }

    private static List<JsonNode> ofType(List<JsonNode> lines, boolean alerts) {
        return lines.stream().filter(e -> e.path("event_type").asText().equals("alert") == alerts).toList();
    }

    /**
     * EVE over two sensors: sensor A's lines as A alone writes them, then sensor B's as B alone writes them with its
     * frames numbered after A's and its own file, then one alert per merged finding naming its first frame's file.
     */
    @Test
    void eveHoldsEachSensorsLinesInRunOrderThenTheAlerts() throws Exception {
        long framesA = aloneA.path("summary").path("packets").asLong();
        List<JsonNode> all = eve("merged"), events = ofType(all, false), alerts = ofType(all, true);
        List<JsonNode> ofA = ofType(eve("alone-a"), false), ofB = ofType(eve("alone-b"), false);
        assertThat(ofA).isNotEmpty();
        assertThat(ofB).isNotEmpty();
        assertThat(all.subList(0, events.size())).as("events first, then the alerts").isEqualTo(events);
        assertThat(events).hasSize(ofA.size() + ofB.size());
        for (int i = 0; i < ofA.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e).as("line %d", i + 1).isEqualTo(ofA.get(i));
            assertThat(e.path("pcap_filename").asText()).isEqualTo(a.toString());
            assertThat(e.path("pcap_cnt").asLong()).isBetween(1L, framesA);
        }
        for (int i = 0; i < ofB.size(); i++) {
            ObjectNode e = events.get(ofA.size() + i).deepCopy();
            JsonNode alone = ofB.get(i);
            assertThat(e.path("pcap_filename").asText()).isEqualTo(b.toString());
            assertThat(e.path("pcap_cnt").asLong()).as("line %d", ofA.size() + i + 1)
                    .isEqualTo(alone.path("pcap_cnt").asLong() + framesA);
            assertThat(e.path("event_type").asText()).isEqualTo(alone.path("event_type").asText());
            assertThat(e.path("flow_id")).isEqualTo(alone.path("flow_id"));
            assertThat(e.path("community_id")).isEqualTo(alone.path("community_id"));
            e.set("pcap_cnt", alone.path("pcap_cnt"));
            assertThat(e).isEqualTo(alone);
        }
        JsonNode findings = merged.path("findings");
        assertThat(alerts).hasSize(findings.size());
        boolean sawB = false;
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i), f = findings.get(i);
            long frame = f.path("first_frame").asLong();
            assertThat(alert.path("pcap_cnt").asLong()).isEqualTo(frame);
            assertThat(alert.path("alert").path("signature").asText()).isNotEmpty();
            String file = frame > framesA ? b.toString() : a.toString();
            sawB |= frame > framesA;
            assertThat(alert.path("pcap_filename").asText()).isEqualTo(file);
            assertThat(f.path("files").get(0).path("file").asText()).isEqualTo(file);
        }
        assertThat(sawB).isTrue();
    }

    @Test
    void eveIsTheSameBytesWhicheverOrderAndSensorFinishFirst() throws Exception {
        String first = Files.readString(tmp.resolve("merged.eve"));
        for (int i = 0; i < 2; i++) {
            Path again = tmp.resolve("again" + i + ".eve");
            CliRun r = CliRun.of("analyze", "--eve", again.toString(), i == 0 ? a.toString() : b.toString(),
                    i == 0 ? b.toString() : a.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(Files.readString(again)).isEqualTo(first);
        }
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".nta-eve-"));
        }
    }

    /** The traffic of two sensors is each sensor's alone, added up: what the HTML page's traffic section draws. */
    @Test
    void trafficIsEachSensorsAloneAddedUp() throws Exception {
        JsonNode t = merged.path("traffic"), ta = aloneA.path("traffic"), tb = aloneB.path("traffic");
        assertThat(t.isObject()).isTrue();
        assertThat(t.path("conversation_count").asLong())
                .isEqualTo(ta.path("conversation_count").asLong() + tb.path("conversation_count").asLong());
        java.util.Map<String, long[]> sums = new java.util.HashMap<>();
        for (JsonNode alone : List.of(ta, tb)) {
            for (JsonNode p : alone.path("protocols")) {
                long[] s = sums.computeIfAbsent(p.path("path").asText(), k -> new long[2]);
                s[0] += p.path("frames").asLong();
                s[1] += p.path("bytes").asLong();
            }
        }
        assertThat(t.path("protocols")).hasSize(sums.size());
        for (JsonNode p : t.path("protocols")) {
            long[] s = sums.get(p.path("path").asText());
            assertThat(s).as(p.path("path").asText()).isNotNull();
            assertThat(p.path("frames").asLong()).isEqualTo(s[0]);
            assertThat(p.path("bytes").asLong()).isEqualTo(s[1]);
            assertThat(p.path("depth").asInt()).isEqualTo(p.path("path").asText().split(":").length - 1);
        }
        long packets = 0, bytes = 0;
        for (JsonNode n : t.path("histogram").path("packets")) packets += n.asLong();
        for (JsonNode n : t.path("histogram").path("bytes")) bytes += n.asLong();
        assertThat(packets).isEqualTo(merged.path("summary").path("packets").asLong());
        assertThat(bytes).isEqualTo(sum(ta.path("histogram").path("bytes")) + sum(tb.path("histogram").path("bytes")));
        assertThat(t.path("histogram").path("bucket_s").asDouble())
                .isGreaterThanOrEqualTo(Math.max(ta.path("histogram").path("bucket_s").asDouble(), tb.path("histogram").path("bucket_s").asDouble()));
        assertThat(t.path("histogram").path("packets").size()).isBetween(1, 256);
        long framesA = aloneA.path("summary").path("packets").asLong();
        JsonNode convs = t.path("conversations");
        assertThat(convs).isNotEmpty().hasSizeLessThanOrEqualTo(100);
        java.util.Set<Integer> sensors = new java.util.TreeSet<>();
        long previous = Long.MAX_VALUE;
        for (JsonNode c : convs) {
            assertThat(c.path("bytes").asLong()).isLessThanOrEqualTo(previous);
            previous = c.path("bytes").asLong();
            int sensor = c.path("sensor").asInt();
            sensors.add(sensor);
            ObjectNode same = c.deepCopy();
            same.remove(List.of("sensor", "file", "rel_start_s"));
            if (sensor == 2) same.put("first_frame", c.path("first_frame").asLong() - framesA);
            JsonNode wanted = M.readTree(same.toString()); // numbers as parsed (an int where it fits)
            JsonNode alone = sensor == 1 ? ta : tb;
            boolean found = false;
            for (JsonNode o : alone.path("conversations")) {
                ObjectNode other = o.deepCopy();
                other.remove("rel_start_s");
                found |= other.equals(wanted);
            }
            assertThat(found).as(c.toString()).isTrue();
            assertThat(c.path("file").asText()).isEqualTo(sensor == 1 ? a.toString() : b.toString());
        }
        assertThat(sensors).containsExactly(1, 2);
    }

    private static long sum(JsonNode numbers) {
        long s = 0;
        for (JsonNode n : numbers) s += n.asLong();
        return s;
    }

    private static JsonNode extract(String name, String... files) throws Exception {
        Path dir = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("analyze", "--extract", dir.toString()));
        cmd.addAll(List.of(files));
        CliRun r = CliRun.of(cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return M.readTree(dir.resolve("manifest.json").toFile());
    }

    /**
     * --extract over two sensors: each sensor's files as it alone extracts them, sensor A's first, B's with frames
     * numbered after A's; every name unique in the one folder, every file the bytes its manifest row hashes.
     */
    @Test
    void extractKeepsEachSensorsFilesInRunOrderUnderUniqueNames() throws Exception {
        long framesA = aloneA.path("summary").path("packets").asLong();
        JsonNode both = extract("extract-both", b.toString(), a.toString());
        JsonNode onlyA = extract("extract-a", a.toString()), onlyB = extract("extract-b", b.toString());
        assertThat(onlyA).isNotEmpty();
        assertThat(onlyB).isNotEmpty();
        assertThat(both).hasSize(onlyA.size() + onlyB.size());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < both.size(); i++) {
            ObjectNode row = both.get(i).deepCopy();
            boolean ofA = i < onlyA.size();
            JsonNode alone = ofA ? onlyA.get(i) : onlyB.get(i - onlyA.size());
            assertThat(row.remove("sensor").asInt()).isEqualTo(ofA ? 1 : 2);
            assertThat(row.remove("file").asText()).isEqualTo(ofA ? a.toString() : b.toString());
            assertThat(row.path("frame").asLong()).isEqualTo(alone.path("frame").asLong() + (ofA ? 0 : framesA));
            Path saved = tmp.resolve("extract-both").resolve(row.path("saved_name").asText());
            assertThat(names.add(row.path("saved_name").asText())).isTrue();
            assertThat(Files.readAllBytes(saved))
                    .isEqualTo(Files.readAllBytes(tmp.resolve(ofA ? "extract-a" : "extract-b").resolve(alone.path("saved_name").asText())));
            row.remove(List.of("frame", "saved_name"));
            ObjectNode other = alone.deepCopy();
            other.remove(List.of("frame", "saved_name"));
            assertThat(row).isEqualTo(other);
        }
        try (var files = Files.list(tmp.resolve("extract-both"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .hasSize(both.size() + 2).contains("manifest.json", "manifest.csv").noneMatch(n -> n.startsWith("."));
        }
        assertThat(Files.readString(tmp.resolve("extract-both").resolve("manifest.csv"))).startsWith(
                String.join(",", ExtractRuns.COLUMNS) + "\r\n");
        JsonNode again = extract("extract-again", a.toString(), b.toString());
        assertThat(again).isEqualTo(both);
        // the same capture seen by two sensors: every name is taken twice, the second sensor's files get new ones
        JsonNode twice = extract("extract-twice", a.toString(), c.toString());
        assertThat(twice).hasSize(2 * onlyA.size());
        java.util.Set<String> unique = new java.util.HashSet<>();
        for (int i = 0; i < twice.size(); i++) {
            JsonNode row = twice.get(i), first = twice.get(i % onlyA.size());
            assertThat(unique.add(row.path("saved_name").asText())).isTrue();
            assertThat(row.path("sha256")).isEqualTo(first.path("sha256"));
            assertThat(Files.readAllBytes(tmp.resolve("extract-twice").resolve(row.path("saved_name").asText())))
                    .isEqualTo(Files.readAllBytes(tmp.resolve("extract-twice").resolve(first.path("saved_name").asText())));
        }
        assertThat(twice.get(onlyA.size()).path("saved_name").asText()).isNotEqualTo(twice.get(0).path("saved_name").asText());
    }
}
