package org.nta.cli;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.capture.SensorRuns;
import org.nta.engine.Analysis;
import org.nta.engine.SensorAnalysis;

/**
 * {@code nta analyze} over several sensors' files ({@link SensorRuns}): the pool the runs share (at most one thread
 * per processor, daemon threads, shut down on close), the split into runs, and their analysis side by side.
 */
final class Sensors implements AutoCloseable {
    private final ExecutorService pool;
    private final SensorRuns.Spans spans;

    Sensors() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nta-sensor");
            t.setDaemon(true);
            return t;
        });
        spans = new SensorRuns.Spans(CaptureSource::open, pool);
    }

    /** The runs: one (all files as given) when there is one file or one directory, without reading any file. */
    List<List<String>> partition(List<SensorRuns.Input> inputs) {
        List<String> paths = inputs.stream().map(SensorRuns.Input::path).toList();
        boolean oneDirectory = inputs.stream().map(SensorRuns.Input::directory).distinct().count() == 1
                && inputs.get(0).directory() != null;
        if (inputs.size() <= 1 || oneDirectory) return List.of(paths);
        try {
            List<List<String>> runs = SensorRuns.partition(inputs, CaptureSource::open, spans);
            return runs.size() == 1 ? List.of(paths) : runs;
        } catch (CaptureException e) {
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    Analysis.Result analyse(List<List<String>> runs, String name, boolean hash, SensorAnalysis.RunAnalysis analyse) {
        try {
            return SensorAnalysis.run(runs, name, hash, CaptureSource::open, spans, pool, analyse);
        } catch (CaptureException e) {
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /**
     * The time of the first frame of all runs (each run's first file that has a frame, read up to that frame), where
     * every run's traffic histogram starts so that they can be added ({@link org.nta.stats.SensorTraffic}); 0 without
     * frames.
     */
    static long start(List<List<String>> runs) {
        long start = Long.MAX_VALUE;
        for (List<String> run : runs) {
            for (String path : run) {
                try (CaptureSource s = CaptureSource.open(path, false)) {
                    org.nta.capture.Frame f = new org.nta.capture.Frame();
                    if (s.reader().next(f)) {
                        start = Math.min(start, f.epochNanos());
                        break;
                    }
                } catch (CaptureException e) {
                    throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
                }
            }
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
