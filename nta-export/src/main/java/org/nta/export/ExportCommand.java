package org.nta.export;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import org.nta.app.AppConfig;
import org.nta.capture.CaptureException;
import org.nta.capture.CaptureInputs;
import org.nta.capture.CapturePart;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.cli.CliError;
import org.nta.pipeline.CaptureSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nta export}: the analysis and Zeek-style tables of the capture, as Parquet files, in one pass. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the capture's connections, HTTP transactions, DNS messages, TLS handshakes, files and the "
                + "analysis' findings as Parquet tables (conn, http, dns, tls, files, findings .parquet) for a data lake: "
                + "DuckDB, Spark, Trino, pandas. Every table has uid and community_id to join them; docs/export.md lists the columns.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture file, or - for standard input. Several files, "
            + "or a directory of them, are read as one capture in the order of their first frame (as nta analyze reads them).")
    List<String> files;

    @Option(names = "--glob", paramLabel = "PATTERN", description = "With a directory, read only the files whose names match.")
    String glob;

    @Option(names = "--parquet", paramLabel = "DIR", required = true, description = "Directory to write the tables into "
            + "(created if missing; tables of an earlier export there are replaced).")
    Path dir;

    @Option(names = "--compression", paramLabel = "CODEC", description = "zstd (default), snappy, gzip or none.")
    String compression = "zstd";

    @Option(names = "--show-secrets", description = "Show passwords and found credentials in the findings' evidence; "
            + "by default they are masked (****).")
    boolean showSecrets;

    @Option(names = "--no-downloads", description = "Leave HTTP response bodies out of the files table: they are hashed "
            + "to be listed, which on a capture of mostly web traffic is about a third of the run (2.2 GB: 33 s, 21 s without).")
    boolean noDownloads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CompressionCodecName codec = switch (compression.toLowerCase(Locale.ROOT)) {
            case "zstd" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new CliError("--compression: " + compression + " is not one of zstd, snappy, gzip, none", ExportMain.EXIT_UNREADABLE);
        };
        DetectionConfig detection = DetectionConfig.DEFAULTS.withShowSecrets(showSecrets);
        List<String> paths = org.nta.cli.CaptureFiles.expand(files, glob, err);
        String label = CaptureInputs.label(files, paths);
        Analysis.Result r;
        ParquetExport export = null;
        try (CaptureSource src = CaptureSource.openAll(paths, label, false)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new CliError("cannot create " + dir + ": " + reason(e), ExportMain.EXIT_UNREADABLE);
            }
            try {
                export = new ParquetExport(dir, codec, frame -> fileOf(src, frame));
            } catch (IOException | UncheckedIOException e) {
                throw new CliError("cannot write into " + dir + ": " + reason(e), ExportMain.EXIT_UNREADABLE);
            }
            r = Analysis.run(src, EngineConfig.DEFAULTS, appConfig(!noDownloads), detection, List.of(export));
            export.finish(r.findings(), r.streams());
        } catch (CaptureException e) {
            if (export != null) export.abandon();
            throw new CliError(e.getMessage(), ExportMain.EXIT_UNREADABLE);
        } catch (IOException | UncheckedIOException e) {
            if (export != null) export.abandon();
            throw new CliError("cannot write into " + dir + ": " + reason(e), ExportMain.EXIT_UNREADABLE);
        } catch (RuntimeException | Error e) {
            if (export != null) export.abandon();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder sb = new StringBuilder();
        for (ParquetTable t : export.tables()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name()).append(' ').append(t.rows());
        }
        out.println("nta: wrote " + dir + ": " + sb);
        out.flush();
        return exitCode(r.capture(), err);
    }

    /**
     * The parsers' settings: nta analyze's, except that downloads are hashed too (for the files table);
     * no file's bytes are kept past 256 KiB.
     */
    static AppConfig appConfig() {
        return appConfig(true);
    }

    /** @param downloads hash response bodies, which makes them file objects (rows of the files table) */
    static AppConfig appConfig(boolean downloads) {
        return org.nta.engine.Analysis.appConfig(false, downloads);
    }

    /** The capture file holding a frame: the one being read, or among several the one whose frames include it. */
    private static String fileOf(CaptureSource src, long frame) {
        for (CapturePart p : src.parts()) if (p.local(frame) > 0) return p.file();
        return src.currentFile();
    }

    private static String reason(Exception e) {
        Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (c instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
        if (c instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (c instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    /** Warns on stderr when reading stopped early (as nta analyze): exit 3, else 0. */
    private static int exitCode(CaptureSummary s, PrintWriter err) {
        if (s.problem() == null) return ExportMain.EXIT_OK;
        String where = switch (s.problem().kind()) {
            case TRUNCATED -> "where the file is cut off";
            case CORRUPT -> "a corrupt point";
            case IO_ERROR -> "a read error";
        };
        err.println(org.nta.report.TerminalText.safe("nta: " + s.file() + ": read up to " + where + ": " + s.problem().describe()
                + "; everything before it was exported"));
        return ExportMain.EXIT_PARTIAL;
    }
}
