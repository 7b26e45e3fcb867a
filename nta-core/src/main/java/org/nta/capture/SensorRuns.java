package org.nta.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Splits the capture files of one investigation into sensors: runs of files that continue each other in time, each
 * read as one capture ({@link CaptureSource#openRun}); files that overlap in time are another sensor's.
 * <ul>
 * <li>The files of a directory given as an argument are one sensor (its rotation directory), whatever their times.
 * <li>Files named one by one are taken in the order of their first frame (equal times: the order given); each joins
 *     a run of named files whose frames all end before its first frame (preferring the run whose last file is in the
 *     same directory with the same name prefix, then the run that ended last), or starts a new run when every run
 *     is still going at its first frame. A file without frames joins the first run.
 * <li>Runs are in the order of their first frame (equal times: the order their first file was given).
 * </ul>
 * When a named file ends is told from its first and last bytes where {@link CaptureEnd} can (uncompressed pcap and
 * pcapng: the latest frame among its first and last ones, which is the latest of all unless its clock jumped back in
 * the middle), else by reading it whole ({@link Spans}); a directory's files are not read for this.
 */
public final class SensorRuns {
    private SensorRuns() {}

    /** A file as given: its path, and the directory argument it came from (null for a file named itself). */
    public record Input(String path, String directory) {}

    /** What reading a file whole says: its first frame's time, its latest time, its frames. */
    public record Span(long firstNs, long lastNs, long frames) {}

    /** Each file read whole at most once, on the pool, whoever asks first; thread-safe. */
    public static final class Spans {
        private final Map<String, CompletableFuture<Span>> spans = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> ends = new ConcurrentHashMap<>();
        private final CaptureSource.Opener opener;
        private final Executor pool;

        /**
         * @param opener how a file is read whole; a path naming a regular local file must name the capture it opens,
         *               since {@link #end} reads such a file's first and last bytes itself
         */
        public Spans(CaptureSource.Opener opener, Executor pool) {
            this.opener = opener;
            this.pool = pool;
        }

        public CompletableFuture<Span> of(String path) {
            return spans.computeIfAbsent(path, p -> CompletableFuture.supplyAsync(() -> read(p), pool));
        }

        /**
         * When the file ends, on the pool: {@link CaptureEnd}'s answer from its first and last bytes, else (compressed,
         * not a local file, any doubt) the latest frame time of reading it whole ({@link Span#lastNs}).
         */
        public CompletableFuture<Long> end(String path) {
            return ends.computeIfAbsent(path, p -> CompletableFuture.supplyAsync(() -> CaptureEnd.of(p), pool)
                    .thenCompose(e -> e.isPresent() ? CompletableFuture.completedFuture(e.getAsLong()) : of(p).thenApply(Span::lastNs)));
        }

        /** The frames of all these files, once read. */
        public CompletableFuture<Long> frames(List<String> paths) {
            CompletableFuture<Long> sum = CompletableFuture.completedFuture(0L);
            for (String p : paths) sum = sum.thenCombine(of(p), (n, s) -> n + s.frames());
            return sum;
        }

        private Span read(String path) {
            try (CaptureSource s = opener.open(path, false)) {
                Frame f = new Frame();
                long first = 0, last = Long.MIN_VALUE, n = 0;
                while (s.reader().next(f)) {
                    long t = f.epochNanos();
                    if (n++ == 0) first = t;
                    last = Math.max(last, t);
                }
                return new Span(n == 0 ? Long.MAX_VALUE : first, n == 0 ? Long.MIN_VALUE : last, n);
            } catch (CaptureException e) {
                throw new CompletionException(e);
            }
        }
    }

    private record Start(Input in, int index, long ns) {}

    /** {@code future}'s value, or the {@link CaptureException} that stopped it. */
    public static <T> T join(CompletableFuture<T> future) throws CaptureException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CaptureException c) throw c;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /**
     * The runs, each its files in reading order. One run when all files continue each other (or come from one
     * directory): then nothing was read whole.
     *
     * @throws CaptureException when a file cannot be read as a capture; the message names it
     */
    public static List<List<String>> partition(List<Input> inputs, CaptureSource.Opener opener, Spans spans) throws CaptureException {
        List<Start> starts = new ArrayList<>();
        for (Input in : inputs) {
            if (in.path().equals("-") && inputs.size() > 1) throw new CaptureException("standard input (-) cannot be read with other files");
            try (CaptureSource s = opener.open(in.path(), false)) {
                Frame f = new Frame();
                starts.add(new Start(in, starts.size(), s.reader().next(f) ? f.epochNanos() : Long.MAX_VALUE));
            }
        }
        starts.sort(Comparator.comparingLong(Start::ns)); // stable: equal times keep the order given
        Map<String, List<Start>> byDirectory = new LinkedHashMap<>();
        List<Start> named = new ArrayList<>();
        for (Start s : starts) {
            if (s.in().directory() == null) named.add(s);
            else byDirectory.computeIfAbsent(s.in().directory(), d -> new ArrayList<>()).add(s);
        }
        List<Start> framed = named.stream().filter(s -> s.ns() != Long.MAX_VALUE).toList();
        for (int i = 0; i < framed.size() - 1; i++) spans.end(framed.get(i).in().path()); // side by side
        List<List<Start>> runs = new ArrayList<>(byDirectory.values());
        List<List<Start>> namedRuns = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (Start s : framed) {
            int best = -1;
            for (int r = 0; r < namedRuns.size(); r++) {
                if (ends.get(r) > s.ns()) continue;
                if (best < 0 || better(namedRuns.get(r), ends.get(r), namedRuns.get(best), ends.get(best), s.in().path())) best = r;
            }
            if (best < 0) {
                namedRuns.add(new ArrayList<>());
                ends.add(Long.MIN_VALUE);
                best = namedRuns.size() - 1;
            }
            namedRuns.get(best).add(s);
            if (s != framed.get(framed.size() - 1)) ends.set(best, Math.max(ends.get(best), join(spans.end(s.in().path()))));
        }
        runs.addAll(namedRuns);
        List<Start> empty = named.stream().filter(s -> s.ns() == Long.MAX_VALUE).toList();
        if (runs.isEmpty()) runs.add(new ArrayList<>());
        runs.sort(Comparator.<List<Start>>comparingLong(r -> r.isEmpty() ? Long.MAX_VALUE : r.get(0).ns())
                .thenComparingInt(r -> r.isEmpty() ? Integer.MAX_VALUE : r.stream().mapToInt(Start::index).min().orElseThrow()));
        runs.get(0).addAll(empty);
        return runs.stream().map(r -> r.stream().map(s -> s.in().path()).toList()).toList();
    }

    /** Whether run {@code a} suits {@code path} better than run {@code b}: same directory and prefix, then later end. */
    private static boolean better(List<Start> a, long endA, List<Start> b, long endB, String path) {
        boolean sa = sameSeries(last(a), path), sb = sameSeries(last(b), path);
        if (sa != sb) return sa;
        return endA > endB;
    }

    private static String last(List<Start> run) {
        return run.get(run.size() - 1).in().path();
    }

    /** Two files of one sensor's series: the same directory and the same {@link #prefix}. */
    static boolean sameSeries(String a, String b) {
        Path pa = Path.of(a), pb = Path.of(b);
        return java.util.Objects.equals(pa.getParent(), pb.getParent())
                && prefix(pa.getFileName().toString()).equals(prefix(pb.getFileName().toString()));
    }

    /**
     * A file name without what a rotation adds: extensions (with tcpdump -C's number after them), then everything
     * after the name's last letter and the digits right after it ("eth0-20240101-1200.pcap.gz" → "eth0",
     * "sensor_00003_20241208120000.pcapng" → "sensor", "trace.pcap7" → "trace"); a 'T' between digits is no letter.
     */
    static String prefix(String name) {
        String stem = name;
        for (String before = null; !stem.equals(before); ) {
            before = stem;
            stem = stem.replaceFirst("(?i)\\.(pcapng|pcap|cap|dmp|gz|zst|zstd|xz)[0-9]*$", "");
        }
        int lastLetter = -1;
        for (int i = 0; i < stem.length(); i++) {
            char c = stem.charAt(i);
            boolean timeT = (c == 'T') && i > 0 && i + 1 < stem.length() && Character.isDigit(stem.charAt(i - 1))
                    && Character.isDigit(stem.charAt(i + 1));
            if (Character.isLetter(c) && !timeT) lastLetter = i;
        }
        int end = lastLetter + 1;
        while (lastLetter >= 0 && end < stem.length() && Character.isDigit(stem.charAt(end))) end++;
        return stem.substring(0, end);
    }
}
