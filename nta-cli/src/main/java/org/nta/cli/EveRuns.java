package org.nta.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.nta.report.eve.EveWriter;

/**
 * {@code --eve} over several sensors' runs analysed side by side: the EVE file must hold run 1's lines, then run
 * 2's, …, whichever run finishes first. Run 1 writes straight into the EVE file; every other run writes into a spill
 * file of its own (in a hidden folder beside the EVE file, so memory stays that of one run), copied into the EVE
 * file in run order once all runs are done ({@link #join}). The spill folder is deleted on {@link #close}, whatever
 * happened.
 */
final class EveRuns implements AutoCloseable {
    private final Writer target;
    private final Path spillDir;
    private final Writer[] writers;
    private final EveWriter[] eves;

    /**
     * @param target the EVE file (or standard output), written by run 1 and then by {@link #join}
     * @param near   the folder the spill files go into
     */
    EveRuns(Writer target, Path near, int runs) throws IOException {
        this.target = target;
        this.spillDir = Files.createTempDirectory(near, ".nta-eve-");
        this.writers = new Writer[runs];
        this.eves = new EveWriter[runs];
    }

    /**
     * The EVE sink of run {@code sensor} (1, 2, …), made on the run's own thread.
     *
     * @param currentFile the file the run is reading, for {@code pcap_filename}
     */
    EveWriter open(int sensor, Supplier<String> currentFile) throws IOException {
        int i = sensor - 1;
        writers[i] = i == 0 ? target : Files.newBufferedWriter(spill(i), StandardCharsets.UTF_8);
        eves[i] = new EveWriter(writers[i], currentFile);
        return eves[i];
    }

    private Path spill(int run) {
        return spillDir.resolve("run-" + (run + 1) + ".json");
    }

    /** After every run has ended: the runs' lines into the EVE file in run order. */
    void join() throws IOException {
        for (int i = 0; i < eves.length; i++) {
            if (eves[i] == null) continue; // a run that never started (it cannot: the analysis failed before)
            eves[i].flush();
            if (i == 0) continue;
            writers[i].close();
            writers[i] = null;
            try (Reader in = Files.newBufferedReader(spill(i), StandardCharsets.UTF_8)) {
                in.transferTo(target);
            }
            Files.delete(spill(i));
        }
        target.flush();
    }

    /** Deletes the spill files and their folder (best effort: the folder is hidden and named as NTA's). */
    @Override
    public void close() {
        for (int i = 1; i < writers.length; i++) {
            try {
                if (writers[i] != null) writers[i].close();
                Files.deleteIfExists(spill(i));
            } catch (IOException ignored) {
                // the run failed or is being torn down; its error is the one reported
            }
        }
        try {
            Files.deleteIfExists(spillDir);
        } catch (IOException ignored) {
            // not empty only if a run still writes after a failure: left hidden
        }
    }
}
