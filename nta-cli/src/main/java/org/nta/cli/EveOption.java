package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nta.detect.Finding;
import org.nta.engine.StreamTuples;
import org.nta.report.eve.EveWriter;

import picocli.CommandLine.Option;

/** --eve FILE: Suricata-style EVE JSON lines of what the command decodes, written while the capture is read. */
final class EveOption {
    @Option(names = "--eve", paramLabel = "FILE", description = "Also write Suricata-compatible EVE JSON, one event a line "
            + "(flow, http, dns, tls, ssh, fileinfo, anomaly; with analyze one alert per finding), for Filebeat, Splunk or "
            + "Graylog (docs/eve.md).")
    String file;

    private Writer target;
    private EveWriter writer;

    boolean present() {
        return file != null;
    }

    boolean toStdout() {
        return "-".equals(file);
    }

    /** The sink to run with the others, or null without --eve. */
    EveWriter open(PrintWriter stdout, String capture, boolean stdoutAllowed) {
        return open(stdout, () -> capture, stdoutAllowed);
    }

    /** @param capture the file being read, named in each line's pcap_filename */
    EveWriter open(PrintWriter stdout, java.util.function.Supplier<String> capture, boolean stdoutAllowed) {
        if (file == null) return null;
        if (toStdout() && !stdoutAllowed) throw new CliError("--eve - (standard output) is for analyze; give a file", Main.EXIT_UNREADABLE);
        try {
            target = toStdout() ? stdout : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliError("cannot write " + file + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        writer = new EveWriter(target, capture);
        return writer;
    }

    /**
     * --eve over several sensors' runs: the EVE file opened, each run's lines to come through {@link EveRuns} (made
     * on the runs' threads), then {@link #finishRuns}; null without --eve.
     */
    EveRuns openRuns(PrintWriter stdout, int runs) {
        if (file == null) return null;
        Path near;
        try {
            target = toStdout() ? stdout : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
            Path parent = toStdout() ? null : Path.of(file).toAbsolutePath().getParent();
            near = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
            return new EveRuns(target, near, runs);
        } catch (IOException e) {
            abandon();
            throw new CliError("cannot write " + file + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /** The runs' lines in run order, then one alert per merged finding; closes the file. */
    void finishRuns(EveRuns runs, List<Finding> findings, StreamTuples streams, String capture,
                    java.util.function.LongFunction<String> fileOfFrame) {
        if (runs == null) return;
        try {
            runs.join();
        } catch (IOException | UncheckedIOException e) {
            throw new CliError("cannot write " + file + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        writer = new EveWriter(target, capture);
        finish(findings, streams, fileOfFrame);
    }

    /** The command's sinks with the EVE writer after them (a file only: these commands print their rows on stdout). */
    List<org.nta.pipeline.PacketSink> with(List<? extends org.nta.pipeline.PacketSink> sinks, PrintWriter stdout, String capture) {
        List<org.nta.pipeline.PacketSink> all = new java.util.ArrayList<>(sinks);
        EveWriter w = open(stdout, capture, false);
        if (w != null) all.add(w);
        return all;
    }

    /** Ends the file of a command that has no findings. */
    void finish() {
        finish(List.of(), StreamTuples.NONE);
    }

    /** Writes the alerts (none for commands without findings) and closes the file. */
    void finish(List<Finding> findings, StreamTuples streams) {
        finish(findings, streams, null);
    }

    /** @param fileOfFrame the file holding a frame of a capture read from several, for the alerts; or null */
    void finish(List<Finding> findings, StreamTuples streams, java.util.function.LongFunction<String> fileOfFrame) {
        if (writer == null) return;
        try {
            writer.alerts(findings, streams, fileOfFrame);
            writer.flush();
            writer = null; // written once
            if (!toStdout()) target.close();
        } catch (IOException | UncheckedIOException e) {
            throw new CliError("cannot write " + file + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /** Closes the file after a failed run. */
    void abandon() {
        if (target == null || toStdout()) return;
        try {
            target.close();
        } catch (IOException e) {
            // the run failed already; that error is the one reported
        }
    }
}
