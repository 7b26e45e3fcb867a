package org.nta.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.detect.Finding;
import org.nta.incident.Incident;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;
import org.nta.report.AnalysisJson;
import org.nta.report.Json;
import org.nta.report.TerminalText;
import org.nta.report.TimeFormat;

/**
 * {@code nta analyze} over many captures on a Spark cluster: one task per capture file (read as a stream from its
 * Hadoop file system), or with {@code --rotated} one task per directory, whose files are a sensor's rotated captures
 * read in order as one (as {@code nta analyze DIR} reads them), each running nta-core's whole analysis; the driver then tells one story over all of them with
 * the same {@link StoryBuilder} as the command line and writes {@code DIR/analysis.json} and {@code DIR/report.md}.
 * Each task also writes nta export's tables of its capture ({@code DIR/tables/NAME/capture=FILE/part.parquet}: conn,
 * http, dns, tls, files, findings) and the driver a {@code captures} table, all partitioned by capture.
 * docs/spark.md says how to submit it.
 */
public final class SparkAnalyze {
    /** One finding of one capture: its frame numbers count in that capture. */
    public record CaptureFinding(String capture, Finding finding, Map<String, Object> json) {}

    /** The merged result: the captures' summaries (in input order), their findings, the stories and one verdict. */
    public record Merged(List<Map<String, Object>> captures, List<CaptureFinding> findings, List<Incident> incidents,
                         Verdict verdict, int digits) {
        public List<Finding> plainFindings() {
            return findings.stream().map(CaptureFinding::finding).toList();
        }

        public boolean failed() {
            return captures.stream().anyMatch(c -> c.get("error") != null);
        }
    }

    private SparkAnalyze() {}

    public static void main(String[] args) throws IOException {
        List<String> inputs = new ArrayList<>();
        String out = null;
        boolean rotated = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) out = args[++i];
            else if (args[i].equals("--rotated")) rotated = true;
            else if (args[i].equals("-h") || args[i].equals("--help")) {
                usage();
                return;
            } else inputs.add(args[i]);
        }
        if (out == null || inputs.isEmpty()) {
            usage();
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("nta analyze").getOrCreate();
        Merged m;
        try {
            m = run(spark, inputs, out, rotated);
        } finally {
            spark.stop();
        }
        System.out.println("verdict: " + m.verdict().level().id() + " (" + m.captures().size() + " captures, "
                + m.findings().size() + " findings, " + m.incidents().size() + " incidents) written to " + out);
        for (Map<String, Object> c : m.captures()) {
            // file names are anyone's: no control character reaches the terminal
            if (c.get("error") != null) System.err.println(TerminalText.safe("nta: " + c.get("capture") + ": " + c.get("error")));
            if (c.get("skipped") instanceof List<?> skipped) for (Object k : skipped) System.err.println(TerminalText.safe("nta: skipped " + k));
        }
        if (m.failed()) System.exit(1);
    }

    private static void usage() {
        System.err.println("usage: spark-submit --class org.nta.spark.SparkAnalyze nta-spark.jar INPUT... --out DIR [--rotated]\n"
                + "  INPUT: capture files or directories of them, on any Hadoop file system (file:, hdfs:, s3a:)\n"
                + "  --rotated: the files of one directory are a sensor's rotated captures, read in order as one capture");
    }

    /** Analyses every capture under {@code inputs}, one task each, and writes the results under {@code out}. */
    public static Merged run(SparkSession spark, List<String> inputs, String out) throws IOException {
        return run(spark, inputs, out, false);
    }

    /**
     * @param rotated the files of one directory are one sensor's rotated captures: one task reads them in the order of
     *                their first frames as one capture, named after the directory
     */
    public static Merged run(SparkSession spark, List<String> inputs, String out, boolean rotated) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<ArrayList<String>> units = units(list(inputs, conf), rotated);
        Map<String, String> seen = new HashMap<>();
        for (List<String> u : units) {
            String prior = seen.put(unitName(u), unitPath(u));
            if (prior != null) throw new IllegalArgumentException("two captures named " + unitName(u) + ": " + prior + " and " + unitPath(u));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HashMap<String, String> settings = new HashMap<>();
        for (Map.Entry<String, String> e : conf) settings.put(e.getKey(), e.getValue());
        Broadcast<HashMap<String, String>> hadoop = jsc.broadcast(settings);
        Path dir = new Path(out);
        String tables = new Path(dir, "tables").toString();
        FileSystem outFs = dir.getFileSystem(conf);
        outFs.delete(new Path(tables), true);                  // an earlier run's partitions would mix with this one's
        List<String> answers = units.isEmpty() ? List.of()
                : jsc.parallelize(units, units.size()).map(u -> task(u, hadoop.value(), tables)).collect();
        Merged m = merge(answers);
        write(spark, m, out, conf);
        return m;
    }

    /** The capture files under the inputs (globs expanded, directories walked, hidden files skipped), sorted. */
    static List<String> list(List<String> inputs, Configuration conf) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (String in : inputs) {
            Path p = new Path(in);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) throw new IOException(in + ": no such file or directory");
            for (FileStatus st : matches) {
                if (st.isFile()) {
                    out.add(st.getPath().toString());
                    continue;
                }
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (f.isFile() && !hidden(f.getPath(), st.getPath())) out.add(f.getPath().toString());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** A name starting with . or _ (Spark's and Hadoop's own files: _SUCCESS, .crc) under the walked directory. */
    private static boolean hidden(Path p, Path root) {
        for (Path q = p; q != null && !q.equals(root); q = q.getParent()) {
            String n = q.getName();
            if (n.startsWith(".") || n.startsWith("_")) return true;
        }
        return false;
    }

    /** What one task reads: each file alone, or with {@code rotated} the files of each directory together. */
    static List<ArrayList<String>> units(List<String> files, boolean rotated) {
        List<ArrayList<String>> out = new ArrayList<>();
        if (!rotated) {
            for (String f : files) out.add(new ArrayList<>(List.of(f)));
            return out;
        }
        Map<String, ArrayList<String>> byDir = new TreeMap<>();
        for (String f : files) byDir.computeIfAbsent(String.valueOf(new Path(f).getParent()), k -> new ArrayList<>()).add(f);
        out.addAll(byDir.values());
        return out;
    }

    /** A unit's name in the tables and reports: its file's, or its directory's when it reads several. */
    static String unitName(List<String> unit) {
        return unit.size() == 1 ? captureName(unit.get(0)) : captureName(unitPath(unit));
    }

    /** A unit's path: its file, or its directory. */
    static String unitPath(List<String> unit) {
        return unit.size() == 1 ? unit.get(0) : new Path(unit.get(0)).getParent().toString();
    }

    /** The capture's name in the tables and reports: its file name. */
    static String captureName(String path) {
        return new Path(path).getName();
    }

    /**
     * One task: the capture read as a stream from its file system and analysed, its tables written under
     * {@code tables}; an unreadable one answers its error (and writes no table).
     */
    static String task(List<String> unit, Map<String, String> settings, String tables) throws IOException {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        String name = unitName(unit), path = unitPath(unit);
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        String attempt = tc == null ? "0" : tc.stageId() + "-" + tc.partitionId() + "-" + tc.attemptNumber() + "-" + tc.taskAttemptId();
        CaptureSource.Opener opener = (file, hash) -> {
            try {
                Path p = new Path(file);
                FileSystem fs = p.getFileSystem(conf);
                return CaptureSource.open(fs.open(p, 1 << 20), file, fs.getFileStatus(p).getLen(), hash);
            } catch (IOException e) {
                throw new CaptureException(file + ": cannot open (" + e.getMessage() + ")");
            }
        };
        List<String> skipped = new ArrayList<>();
        try {
            List<String> files = unit;
            if (unit.size() > 1) {      // as nta analyze DIR: a file of the directory that is not a capture is skipped
                files = new ArrayList<>();
                for (String f : unit) {
                    try (CaptureSource s = opener.open(f, false)) {
                        files.add(f);
                    } catch (CaptureException e) {
                        skipped.add(e.getMessage());
                    }
                }
                if (files.isEmpty()) throw new CaptureException(path + ": no capture file in the directory");
            }
            return CaptureTask.analyze(CaptureSource.openAll(files, path, false, opener), name, path,
                    new HadoopTarget(conf, new Path(tables), name, attempt), skipped);
        } catch (CaptureException | RuntimeException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("capture", name);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("capture", name);
            s.put("file", path);
            s.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
            m.put("summary", s);
            m.put("digits", 6);
            m.put("same_host", Map.of());
            m.put("findings", List.of());
            return Json.write(m);
        }
    }

    /** The driver's stage: the captures' findings rebuilt and told as one story. */
    @SuppressWarnings("unchecked")
    static Merged merge(List<String> answers) {
        List<Map<String, Object>> captures = new ArrayList<>();
        List<CaptureFinding> findings = new ArrayList<>();
        Map<String, LinkedHashSet<String>> same = new TreeMap<>();
        int digits = 0;
        for (String text : answers) {
            Map<String, Object> a;
            try {
                a = Json.mapper().readValue(text, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String capture = (String) a.get("capture");
            captures.add((Map<String, Object>) a.get("summary"));
            digits = Math.max(digits, ((Number) a.get("digits")).intValue());
            ((Map<String, List<String>>) a.get("same_host")).forEach((k, v) -> same.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
            for (Map<String, Object> fm : (List<Map<String, Object>>) a.get("findings")) {
                Finding f = FindingReader.read(fm);
                fm.remove("first_ns");
                fm.remove("last_ns");
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("capture", capture);
                json.putAll(fm);
                findings.add(new CaptureFinding(capture, f, json));
            }
        }
        Map<String, List<String>> sameHost = new HashMap<>();
        same.forEach((k, v) -> sameHost.put(k, List.copyOf(v)));
        List<Finding> all = findings.stream().map(CaptureFinding::finding).toList();
        return new Merged(captures, findings, StoryBuilder.incidents(all, sameHost), StoryBuilder.verdict(all), digits == 0 ? 6 : digits);
    }

    // --- output -----------------------------------------------------------------------------------------------------

    static void write(SparkSession spark, Merged m, String out, Configuration conf) throws IOException {
        Path dir = new Path(out);
        FileSystem fs = dir.getFileSystem(conf);
        fs.mkdirs(dir);
        writeText(fs, new Path(dir, "analysis.json"), Json.write(json(m)) + "\n");
        writeText(fs, new Path(dir, "report.md"), SparkReport.markdown(m));
        capturesTable(spark, m).write().mode(SaveMode.Overwrite).partitionBy("capture").parquet(new Path(dir, "tables/captures").toString());
    }

    private static void writeText(FileSystem fs, Path p, String text) throws IOException {
        try (OutputStream o = fs.create(p, true)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code nta analyze --json}'s shape where it applies: verdict, summary, incidents, findings (each with its capture). */
    static Map<String, Object> json(Merged m) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", AnalysisJson.SCHEMA_VERSION);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", m.verdict().level().id());
        v.put("reasons", m.verdict().reasons());
        root.put("verdict", v);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("captures", m.captures().size());
        s.put("packets", m.captures().stream().mapToLong(c -> c.get("packets") instanceof Number n ? n.longValue() : 0).sum());
        s.put("incidents", m.incidents().size());
        s.put("findings", m.findings().size());
        s.put("files", m.captures());
        root.put("summary", s);
        IdentityHashMap<Finding, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < m.findings().size(); i++) index.put(m.findings().get(i).finding(), i);
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (Incident i : m.incidents()) incidents.add(incident(i, m, index));
        root.put("incidents", incidents);
        root.put("findings", m.findings().stream().map(CaptureFinding::json).toList());
        return root;
    }

    /** An incident as the CLI writes it, with the captures its findings come from; frames only within one capture. */
    private static Map<String, Object> incident(Incident i, Merged m, IdentityHashMap<Finding, Integer> index) {
        List<String> captures = SparkReport.captures(i, m, index);
        boolean one = captures.size() == 1;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("attacker", i.attacker());
        o.put("victim", i.victim());
        o.put("attacker_addresses", i.attackerAddresses());
        o.put("victim_addresses", i.victimAddresses());
        o.put("verdict", i.verdict().level().id());
        o.put("reasons", i.verdict().reasons());
        o.put("captures", captures);
        o.put("first_frame", one ? i.firstFrame() : null);
        o.put("last_frame", one ? i.lastFrame() : null);
        o.put("first_time", TimeFormat.isoUtc(i.firstTimeNs(), m.digits()));
        o.put("last_time", TimeFormat.isoUtc(i.lastTimeNs(), m.digits()));
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Incident.PhaseSummary p : i.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("phase", p.phase().id());
            pm.put("status", p.status().id());
            pm.put("first_time", TimeFormat.isoUtc(p.firstTimeNs(), m.digits()));
            pm.put("last_time", TimeFormat.isoUtc(p.lastTimeNs(), m.digits()));
            pm.put("techniques", p.techniques());
            List<Integer> idx = new ArrayList<>();
            for (int k : p.findings()) idx.add(index.get(i.findings().get(k)));
            pm.put("findings", idx);
            phases.add(pm);
        }
        o.put("phases", phases);
        o.put("findings", i.findings().stream().map(index::get).toList());
        List<String> pivots = new ArrayList<>();
        for (Incident.Pivot p : i.pivots()) pivots.add(p.describe(a -> a));
        o.put("pivots", pivots);
        return o;
    }

    private static final StructType CAPTURES = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, true)
            .add("packets", DataTypes.LongType, true)
            .add("first_time", DataTypes.StringType, true)
            .add("last_time", DataTypes.StringType, true)
            .add("findings", DataTypes.LongType, true)
            .add("verdict", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true)
            .add("capture", DataTypes.StringType, false);

    static org.apache.spark.sql.Dataset<Row> capturesTable(SparkSession spark, Merged m) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> c : m.captures()) {
            rows.add(RowFactory.create(c.get("file"), c.get("status"), longOf(c.get("packets")), c.get("first_time"),
                    c.get("last_time"), longOf(c.get("findings")), c.get("verdict"), c.get("error"), c.get("capture")));
        }
        return spark.createDataFrame(rows, CAPTURES).repartition(org.apache.spark.sql.functions.col("capture"));
    }

    private static Long longOf(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
