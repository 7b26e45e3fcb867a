package org.nta.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.nta.capture.CaptureSource;
import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.incident.StoryBuilder;
import org.nta.report.Json;

/**
 * The Spark application in local mode (two worker threads in this JVM) on three captures shipped in the repository:
 * each capture's findings are those of the single-machine analysis of the same file, the merged verdict is
 * StoryBuilder's over all of them, and the files written parse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkAnalyzeTest {
    private static final Path WEBSHELL = Path.of("../samples/webshell-lab.pcap.gz");
    private static final Path BEACON = Path.of("../nta-core/src/test/resources/captures/c2-http-beacon.pcap.gz");
    private static final Path ROAST = Path.of("../nta-core/src/test/resources/captures/ad-roast-psexec.pcap.gz");

    private SparkSession spark;
    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        spark = SparkSession.builder().master("local[2]").appName("nta-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    void stop() {
        if (spark != null) spark.stop();
    }

    /** The single-machine result: nta analyze's configuration, on this thread. */
    private static List<Finding> local(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file);
             CaptureSource src = CaptureSource.open(in, file.toString(), Files.size(file), false)) {
            return Analysis.run(src, CaptureTask.engine(), CaptureTask.app(), CaptureTask.detection(), List.of()).findings();
        }
    }

    /** What the comparison holds a finding to. */
    private static List<String> keys(List<Finding> fs) {
        return fs.stream().map(f -> String.join(" | ", f.type().id(), f.severity().id(), String.valueOf(f.attacker()),
                String.valueOf(f.victim()), f.firstFrame() + "-" + f.lastFrame(), f.filter())).toList();
    }

    @Test
    void eachCaptureAsOnOneMachineAndOneStoryOverAll() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in/sensor"));
        Files.copy(WEBSHELL, in.resolve(WEBSHELL.getFileName()));
        Files.copy(BEACON, in.resolve(BEACON.getFileName()));
        Files.writeString(in.resolve("_SUCCESS"), "");           // a directory's bookkeeping is not a capture
        Path out = tmp.resolve("out");

        long t0 = System.nanoTime();
        SparkAnalyze.Merged m = SparkAnalyze.run(spark, List.of(tmp.resolve("in").toUri().toString(), ROAST.toAbsolutePath().toString()),
                out.toUri().toString());
        System.out.printf("spark run: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        assertThat(m.captures()).extracting(c -> c.get("capture"))
                .containsExactlyInAnyOrder("webshell-lab.pcap.gz", "c2-http-beacon.pcap.gz", "ad-roast-psexec.pcap.gz");
        assertThat(m.failed()).isFalse();
        List<Finding> union = new ArrayList<>();
        Map<String, List<Finding>> byCapture = new HashMap<>();
        for (SparkAnalyze.CaptureFinding cf : m.findings()) byCapture.computeIfAbsent(cf.capture(), k -> new ArrayList<>()).add(cf.finding());
        Map<String, Path> files = Map.of(WEBSHELL.getFileName().toString(), WEBSHELL, BEACON.getFileName().toString(), BEACON,
                ROAST.getFileName().toString(), ROAST);
        for (Map<String, Object> c : m.captures()) {          // the union in the merge's order (input paths sorted)
            Path p = files.get((String) c.get("capture"));
            List<Finding> single = local(p);
            assertThat(single).as(p + " has findings").isNotEmpty();
            assertThat(keys(byCapture.getOrDefault(p.getFileName().toString(), List.of()))).as(p.toString())
                    .containsExactlyElementsOf(keys(single));
            union.addAll(single);
        }
        assertThat(m.verdict()).isEqualTo(StoryBuilder.verdict(union));
        assertThat(m.verdict().level().id()).isEqualTo("malicious");
        assertThat(m.incidents()).isNotEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.mapper().readValue(out.resolve("analysis.json").toFile(), Map.class);
        assertThat(((Map<?, ?>) json.get("verdict")).get("level")).isEqualTo("malicious");
        assertThat((List<?>) json.get("findings")).hasSize(m.findings().size())
                .allSatisfy(f -> assertThat(((Map<?, ?>) f).get("capture")).isNotNull());
        assertThat((List<?>) json.get("incidents")).hasSize(m.incidents().size());
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("**Verdict: MALICIOUS**", "| ad-roast-psexec.pcap.gz |");

        // nta export's tables, written by the tasks, one partition per capture
        Dataset<Row> findings = spark.read().parquet(out.resolve("tables/findings").toString());
        assertThat(findings.count()).isEqualTo(m.findings().size());
        for (Map<String, Object> c : m.captures()) {
            String name = (String) c.get("capture");
            for (String table : List.of("conn", "http", "dns", "tls", "files", "findings")) {
                assertThat(out.resolve("tables/" + table + "/capture=" + name + "/part.parquet")).isRegularFile();
            }
            List<Row> rows = findings.where(findings.col("capture").equalTo(name)).select("type", "first_frame", "last_frame").collectAsList();
            assertThat(rows).extracting(r -> r.getString(0) + " " + r.getLong(1) + "-" + r.getLong(2))
                    .containsExactlyElementsOf(byCapture.get(name).stream().map(f -> f.type().id() + " " + f.firstFrame() + "-" + f.lastFrame()).toList());
        }
        Dataset<Row> conn = spark.read().parquet(out.resolve("tables/conn").toString());
        assertThat(conn.where("capture = 'webshell-lab.pcap.gz' and resp_p = 80").count()).isPositive();
        assertThat(spark.read().parquet(out.resolve("tables/http").toString()).where("capture = 'c2-http-beacon.pcap.gz'").count()).isPositive();
        assertThat(spark.read().parquet(out.resolve("tables/captures").toString()).count()).isEqualTo(3);
    }

    /**
     * With --rotated a directory is a sensor's rotated files: one task reads them in order as one capture, so its
     * findings are those of the whole file before it was split (frames numbered through, as mergecap -a numbers
     * them), each naming the files its frames are in; a file there that is not a capture is skipped and said.
     */
    @Test
    void aSensorsRotatedFilesAreOneCaptureWithTheWholeFilesFindings() throws Exception {
        Path sensor = Files.createDirectories(tmp.resolve("rot/sensor-a"));
        Process split = new ProcessBuilder("editcap", "-c", "3000", WEBSHELL.toString(), sensor.resolve("part.pcap").toString())
                .redirectErrorStream(true).start();
        String said = new String(split.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(split.waitFor()).as(said).isZero();
        List<Path> parts;
        try (var s = Files.list(sensor)) {
            parts = s.sorted().toList();
        }
        assertThat(parts).hasSizeGreaterThan(3);
        Files.writeString(sensor.resolve("notes.txt"), "not a capture\n");
        Path other = Files.createDirectories(tmp.resolve("rot/sensor-b"));
        Files.copy(BEACON, other.resolve(BEACON.getFileName()));

        SparkAnalyze.Merged m = SparkAnalyze.run(spark, List.of(tmp.resolve("rot").toString()), tmp.resolve("out3").toString(), true);

        assertThat(m.failed()).isFalse();
        assertThat(m.captures()).extracting(c -> c.get("capture")).containsExactly("sensor-a", "c2-http-beacon.pcap.gz");
        Map<String, Object> a = m.captures().get(0);
        assertThat((List<?>) a.get("skipped")).singleElement().asString().contains("notes.txt");
        assertThat((List<?>) a.get("files")).hasSize(parts.size());
        List<Finding> whole = local(WEBSHELL);
        List<SparkAnalyze.CaptureFinding> mine = m.findings().stream().filter(f -> f.capture().equals("sensor-a")).toList();
        assertThat(keys(mine.stream().map(SparkAnalyze.CaptureFinding::finding).toList())).containsExactlyElementsOf(keys(whole));
        assertThat(mine).allSatisfy(f -> assertThat((List<?>) f.json().get("files")).isNotEmpty());
        assertThat(m.findings()).filteredOn(f -> f.capture().equals("c2-http-beacon.pcap.gz")).extracting(f -> f.finding().type().id())
                .containsExactlyElementsOf(local(BEACON).stream().map(f -> f.type().id()).toList());
        assertThat(tmp.resolve("out3/tables/conn/capture=sensor-a/part.parquet")).isRegularFile();
    }

    @Test
    void anUnreadableCaptureIsReportedAndTheOthersStillAnalysed() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(in.resolve("notes.txt"), "not a capture\n");
        Files.copy(BEACON, in.resolve(BEACON.getFileName()));
        SparkAnalyze.Merged m = SparkAnalyze.run(spark, List.of(in.toString()), tmp.resolve("out2").toString());
        assertThat(m.failed()).isTrue();
        assertThat(m.captures()).filteredOn(c -> c.get("error") != null).extracting(c -> c.get("capture")).containsExactly("notes.txt");
        assertThat(m.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.capture()).isEqualTo("c2-http-beacon.pcap.gz"));
        assertThat(tmp.resolve("out2/tables/conn/capture=c2-http-beacon.pcap.gz/part.parquet")).isRegularFile();
        assertThat(tmp.resolve("out2/tables/conn/capture=notes.txt")).doesNotExist();
    }
}
