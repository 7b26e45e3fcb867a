package org.nta.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.nta.capture.CaptureException;
import org.nta.capture.CapturePart;
import org.nta.capture.CaptureSource;
import org.nta.capture.SensorRuns;

/**
 * One investigation over several sensors' captures ({@link SensorRuns}): each sensor's run of files goes through its
 * own pipeline, the runs side by side on a pool, then their findings are told as one story ({@link SensorMerge}).
 * Frames are numbered one run after the other (run 2's first frame follows run 1's last, as {@code mergecap -a} of
 * all the files in that order numbers them), so a frame number names one file; a run learns where its numbering
 * starts from the frames of the runs before it, counted by reading those files once more on the pool while the first
 * run is analysed. The result does not depend on which run finishes first.
 */
public final class SensorAnalysis {
    private SensorAnalysis() {}

    /** Analyses one run, given its number (1, 2, …) and its capture; builds its own sinks (they see one thread). */
    @FunctionalInterface
    public interface RunAnalysis {
        Analysis.Outcome analyse(int sensor, CaptureSource source);
    }

    /**
     * @param runs  the runs in order, each its files in reading order
     * @param name  what the merged capture is called (the directory, or "N files")
     * @param spans reads files whole on {@code pool}: the frames of every run but the last are counted with it
     * @throws CaptureException when a file cannot be read, or changed between its count and its analysis
     */
    public static Analysis.Result run(List<List<String>> runs, String name, boolean hash, CaptureSource.Opener opener,
                                      SensorRuns.Spans spans, Executor pool, RunAnalysis analyse) throws CaptureException {
        List<CompletableFuture<Long>> offsets = new ArrayList<>();
        List<CompletableFuture<Analysis.Outcome>> outcomes = new ArrayList<>();
        CompletableFuture<Long> offset = CompletableFuture.completedFuture(0L);
        for (int i = 0; i < runs.size(); i++) {
            int sensor = i + 1;
            List<String> files = runs.get(i);
            offsets.add(offset);
            outcomes.add(offset.thenApplyAsync(o -> {
                try (CaptureSource src = CaptureSource.openRun(files, name + " (sensor " + sensor + ")", hash, opener, o, sensor)) {
                    return analyse.analyse(sensor, src);
                } catch (CaptureException e) {
                    throw new CompletionException(e);
                }
            }, pool));
            if (i + 1 < runs.size()) offset = offset.thenCombine(spans.frames(files), Long::sum);
        }
        List<Analysis.Outcome> done = new ArrayList<>();
        for (CompletableFuture<Analysis.Outcome> f : outcomes) done.add(SensorRuns.join(f));
        for (int i = 0; i + 1 < done.size(); i++) {
            List<CapturePart> parts = done.get(i).result().capture().parts();
            long last = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).lastFrame();
            if (last != SensorRuns.join(offsets.get(i + 1))) {
                throw new CaptureException(String.join(", ", runs.get(i)) + ": changed while being read (" + last
                        + " frames, counted " + SensorRuns.join(offsets.get(i + 1)) + ")");
            }
        }
        return SensorMerge.merge(name, done);
    }
}
