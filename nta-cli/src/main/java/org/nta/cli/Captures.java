package org.nta.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.nta.bytes.Anomaly;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.AppLayer;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.report.Numbers;

/** Runs the engine over one capture for a command and turns read problems into messages and exit codes. */
final class Captures {
    private Captures() {}

    /** Opens and reads {@code file} through the sinks; throws a {@link CliError} (exit 2) if it cannot be read at all. */
    static CaptureSummary run(String file, EngineConfig config, List<? extends PacketSink> sinks) {
        return run(file, config, sinks, null);
    }

    static CaptureSummary run(String file, EngineConfig config, List<? extends PacketSink> sinks, AppLayer app) {
        try (CaptureSource src = CaptureSource.open(file, config.hashFile())) {
            java.util.List<PacketSink> all = new java.util.ArrayList<>(sinks);
            all.add(Progress.of(src));
            return new Engine(config).run(src, all, app);
        } catch (CaptureException e) {
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /**
     * Names on stderr, in one line, the limits the run reached (a limit is not a read error: the exit code does not
     * change), then warns when reading stopped early; returns the exit code for the summary.
     */
    static int exitCode(CaptureSummary s, PrintWriter err, LimitOptions limits) {
        String line = limitsLine(s, limits);
        if (line != null) err.println(line);
        return exitCode(s, err);
    }

    /**
     * {@code nta: FILE: limits reached: KIND ×N (raise --OPTION, now VALUE), ...} in the order of {@link Anomaly}, or null
     * when none was reached. Kinds without an option are named with their count only.
     */
    static String limitsLine(CaptureSummary s, LimitOptions limits) {
        Map<String, Long> hit = s.limitsReached();
        if (hit.isEmpty()) return null;
        StringJoiner parts = new StringJoiner(", ", "nta: " + s.file() + ": limits reached: ", "");
        hit.forEach((kind, n) -> {
            String hint = limits.hint(Anomaly.byId(kind));
            parts.add(kind + " ×" + Numbers.count(n) + (hint == null ? "" : " (" + hint + ")"));
        });
        return parts.toString();
    }

    /** Warns on stderr when reading stopped early; returns the exit code for the summary. */
    static int exitCode(CaptureSummary s, PrintWriter err) {
        if (s.problem() == null) return Main.EXIT_OK;
        String where = switch (s.problem().kind()) {
            case TRUNCATED -> "where the file is cut off";
            case CORRUPT -> "a corrupt point";
            case IO_ERROR -> "a read error";
        };
        err.println(org.nta.report.TerminalText.safe("nta: " + s.file() + ": read up to " + where + ": " + s.problem().describe()
                + "; everything before it was analysed"));
        return Main.EXIT_PARTIAL;
    }
}
