package org.nta.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import org.nta.detect.Finding;
import org.nta.incident.Incident;
import org.nta.pipeline.PacketSink;
import org.nta.report.EvidenceFiles;
import org.nta.report.FileExtractor;

/**
 * {@code --extract} over several sensors' runs analysed side by side: one staged {@link FileExtractor} per run, all
 * in the one folder, each holding its share of {@link FileExtractor#STAGE_MEMORY} in memory (the rest waits in its
 * own hidden staging folder). Nothing is named while the runs go: once the merged story is known the runs keep
 * their files one after the other, in run order, so names never collide (a second {@code index.php} becomes
 * {@code index-1.php}) and do not depend on which run finished first. Which files a run keeps is judged by its own
 * findings (their stream indices count within that sensor's files) and the merged incidents; one manifest lists
 * them all with each file's {@code sensor} and {@code file}.
 */
final class ExtractRuns {
    /** The manifest's columns: one capture's, then the sensor and the file holding the frame. */
    static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(FileExtractor.COLUMNS);
        c.add("sensor");
        c.add("file");
        COLUMNS = List.copyOf(c);
    }

    private final Path dir;
    private final boolean all;
    private final FileExtractor[] runs;

    /** @param all keep every file (--extract-all), not only those of the findings */
    ExtractRuns(Path dir, boolean all, int runs) {
        this.dir = dir;
        this.all = all;
        this.runs = new FileExtractor[runs];
    }

    /** The sink of run {@code sensor} (1, 2, …), made on the run's own thread. */
    PacketSink open(int sensor) throws IOException {
        FileExtractor x = FileExtractor.staged(dir, FileExtractor.STAGE_MEMORY / runs.length);
        runs[sensor - 1] = x;
        return Collect.files(x, null, null, false);
    }

    /**
     * Keeps each run's files in run order and writes the manifest.
     *
     * @param findings    each run's own findings, in run order
     * @param incidents   the merged incidents
     * @param fileOfFrame the file holding a frame, for each file's {@code file}
     */
    void finish(List<List<Finding>> findings, List<Incident> incidents, LongFunction<String> fileOfFrame) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == null) continue;
            Predicate<FileExtractor.Candidate> keep = all ? c -> true : EvidenceFiles.of(findings.get(i), incidents);
            for (FileExtractor.Entry e : runs[i].keep(keep)) {
                Map<String, Object> row = e.toMap();
                row.put("sensor", i + 1);
                row.put("file", fileOfFrame.apply(e.frame()));
                rows.add(row);
            }
        }
        FileExtractor.writeManifests(dir, COLUMNS, rows);
    }

    /** Deletes what the runs staged (a run failed); files already kept stay. */
    void abandon() {
        for (FileExtractor x : runs) if (x != null) x.abandon();
    }
}
