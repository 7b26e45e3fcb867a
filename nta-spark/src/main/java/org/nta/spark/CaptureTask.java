package org.nta.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import org.nta.app.AppConfig;
import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.engine.HostAddresses;
import org.nta.export.ParquetExport;
import org.nta.export.ParquetTarget;
import org.nta.pipeline.CaptureSummary;
import org.nta.pipeline.PacketSink;
import org.nta.report.AnalysisJson;
import org.nta.report.FileFrames;
import org.nta.report.Json;
import org.nta.report.TimeFormat;

/**
 * What one Spark task does with one capture: the whole single-machine analysis of {@code nta analyze} (its
 * configuration without options), answered as one JSON text, so that only a small string crosses to the driver.
 * The answer's {@code findings} are {@link AnalysisJson#finding}'s objects with {@code first_ns}/{@code last_ns} added
 * (the exact times, for {@link FindingReader}); {@code same_host} is the capture's address → addresses of one host.
 */
public final class CaptureTask {
    private CaptureTask() {}

    /** {@code nta analyze}'s engine configuration (AnalyzeCommand without --extract, limits or --json hashing). */
    public static EngineConfig engine() {
        return EngineConfig.DEFAULTS.withHash(false);
    }

    /** {@code nta analyze}'s application configuration: HTTP bodies to 64 KiB, files to 256 KiB, uploads hashed. */
    public static AppConfig app() {
        return Analysis.appConfig(false, false);
    }

    /** {@code nta analyze}'s detection configuration: secrets masked, no --intel. */
    public static DetectionConfig detection() {
        return DetectionConfig.DEFAULTS.withShowSecrets(false);
    }

    /** Runs the analysis on a capture read from {@code in} (closed here) and answers the task's JSON. */
    public static String analyze(InputStream in, String capture, String path, long size) throws CaptureException {
        try {
            return analyze(in, capture, path, size, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);       // nothing is written without tables
        }
    }

    /**
     * Runs the analysis and, when {@code tables} is given, writes nta export's tables (conn, http, dns, tls, files,
     * findings) of the capture there, all or none.
     */
    public static String analyze(InputStream in, String capture, String path, long size, ParquetTarget tables)
            throws CaptureException, IOException {
        return analyze(CaptureSource.open(in, path, size, false), capture, path, tables, List.of());
    }

    /**
     * The same for a source already open (closed here): one file, or a sensor's rotated files read as one capture
     * ({@link CaptureSource#openAll}), whose findings then also name each file and its frames there.
     *
     * @param skipped the files of a rotation left out as not captures (each "FILE: why"), said in the summary
     */
    @SuppressWarnings("unchecked")
    public static String analyze(CaptureSource source, String capture, String path, ParquetTarget tables,
                                 List<String> skipped) throws IOException {
        HostAddresses hosts = new HostAddresses();
        Analysis.Result r;
        ParquetExport export = null;
        try (CaptureSource src = source) {
            List<PacketSink> extra = new ArrayList<>(List.of(hosts));
            if (tables != null) {
                export = new ParquetExport(tables, CompressionCodecName.ZSTD, frame -> capture);
                extra.add(export);
            }
            r = Analysis.run(src, engine(), app(), detection(), extra);
            if (export != null) export.finish(r.findings(), r.streams());
        } catch (IOException | RuntimeException | Error e) {
            if (export != null) export.abandon();
            throw e;
        }
        Map<String, Object> answer = answer(r, capture, path, hosts.sameHost());
        if (!skipped.isEmpty()) ((Map<String, Object>) answer.get("summary")).put("skipped", List.copyOf(skipped));
        return Json.write(answer);
    }

    static Map<String, Object> answer(Analysis.Result r, String capture, String path, Map<String, List<String>> sameHost) {
        CaptureSummary c = r.capture();
        int digits = c.tsPrecisionDigits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capture", capture);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("capture", capture);
        s.put("file", path);
        s.put("status", c.status());
        s.put("packets", c.packets());
        s.put("first_time", c.packets() == 0 ? null : TimeFormat.isoUtc(c.firstNs(), digits));
        s.put("last_time", c.packets() == 0 ? null : TimeFormat.isoUtc(c.lastNs(), digits));
        s.put("duration_s", c.durationSeconds());
        s.put("findings", r.findings().size());
        s.put("incidents", r.incidents().size());
        s.put("verdict", r.verdict().level().id());
        s.put("problem", c.problem() == null ? null : c.problem().message());
        if (!c.parts().isEmpty()) s.put("files", FileFrames.summary(c.parts(), digits));
        m.put("summary", s);
        m.put("digits", digits);
        m.put("same_host", sameHost);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> fm = AnalysisJson.finding(f, digits, r.streams());
            fm.put("first_ns", f.firstTimeNs());
            fm.put("last_ns", f.lastTimeNs());
            if (!c.parts().isEmpty()) fm.put("files", FileFrames.spans(c.parts(), f.firstFrame(), f.lastFrame()));
            findings.add(fm);
        }
        m.put("findings", findings);
        return m;
    }
}
