package org.nta.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.testing.CaptureFiles;
import org.nta.testing.CaptureFiles.Rec;
import org.nta.testing.CaptureFiles.Section;

/**
 * {@link CaptureEnd} gives the latest frame time of a whole read, or says it falls back: for every capture of the
 * repository (decompressed, with a head and tail small enough that the tail logic is what answers), for those
 * files cut at random bytes, for both pcap byte orders and resolutions, and for a pcapng whose interfaces count
 * time in different units.
 */
class CaptureEndTest {
    private static final long T0 = 1_733_650_000_000_000_000L; // 2024-12-08

    @TempDir
    Path dir;

    private static List<Path> repositoryCaptures() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String root : List.of("src/test/resources", "../nta-cli/src/test/resources", "../samples")) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(".pcap")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    private Path plain(Path f) throws IOException {
        Path out = dir.resolve(f.getFileName().toString().replaceFirst("\\.gz$", ""));
        if (!f.toString().endsWith(".gz")) return f;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /**
     * A whole read of {@code f}: its latest frame, the latest of its head (the frames until {@code headBytes} are
     * read, at least one, as {@link CaptureEnd} reads it), each frame's offset and the latest from it on, whether its
     * frames are in time order, and where it stopped early (-1: it did not).
     */
    private record Whole(long max, long headMax, long[] offsets, long[] suffixMax, boolean ordered, long problemAt) {
        static Whole of(Path f, int headBytes) {
            try (CaptureSource s = CaptureSource.open(f.toString(), false)) {
                Frame fr = new Frame();
                List<long[]> frames = new ArrayList<>();
                long headMax = Long.MIN_VALUE, last = Long.MIN_VALUE;
                boolean ordered = true, inHead = true;
                while (s.reader().next(fr)) {
                    long t = fr.epochNanos();
                    frames.add(new long[] {fr.fileOffset, t});
                    if (inHead) headMax = Math.max(headMax, t);
                    if (s.reader().position() >= headBytes) inHead = false;
                    ordered &= t >= last;
                    last = t;
                }
                int n = frames.size();
                long[] offsets = new long[n], suffix = new long[n];
                for (int i = n - 1; i >= 0; i--) {
                    offsets[i] = frames.get(i)[0];
                    suffix[i] = Math.max(frames.get(i)[1], i + 1 < n ? suffix[i + 1] : Long.MIN_VALUE);
                }
                ReadProblem p = s.reader().problem();
                return new Whole(n == 0 ? Long.MIN_VALUE : suffix[0], headMax, offsets, suffix, ordered, p == null ? -1 : p.offset());
            } catch (CaptureException e) {
                return null;
            }
        }

        /** Whether {@code end} is the latest of the head and of the frames from one in the last {@code tail} bytes on. */
        boolean headAndTail(long end, long size, int tail) {
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] >= size - tail && end == Math.max(headMax, suffixMax[i])) return true;
            }
            return false;
        }
    }

    /** The latest frame time of a whole read (what {@link SensorRuns.Spans} reads), or null when it cannot be read. */
    private static Long wholeMax(Path f) {
        Whole w = Whole.of(f, 0);
        return w == null || w.offsets().length == 0 ? null : w.max();
    }

    /**
     * Asserts {@code end} of {@code f} falls back or is what the class says: a whole read's latest frame when its
     * frames are in time order, else the latest of the head and a tail; true when it answered.
     */
    private static boolean agrees(CaptureEnd end, int headBytes, int tail, Path f, String as) throws IOException {
        OptionalLong got = end.end(f.toString());
        if (got.isEmpty()) return false;
        Whole w = Whole.of(f, headBytes);
        assertThat(w).as(as).isNotNull();
        long size = Files.size(f);
        if (w.problemAt() >= 0 && w.problemAt() < size) {
            // read whole, it stops at a damaged point; the tail is judged after it (checked where it is before the tail)
            if (w.problemAt() >= size - tail) assertThat(w.headAndTail(got.getAsLong(), size, tail)).as(as).isTrue();
        } else if (w.ordered()) {
            assertThat(got.getAsLong()).as(as).isEqualTo(w.max());
        } else {
            assertThat(w.headAndTail(got.getAsLong(), size, tail)).as("%s: %d is no head and tail's latest", as, got.getAsLong()).isTrue();
        }
        return true;
    }

    @Test
    void everyCaptureOfTheRepositoryEndsWhereReadingItWholeSaysOrFallsBack() throws Exception {
        List<Path> files = repositoryCaptures();
        assertThat(files).hasSizeGreaterThan(800);
        int pcap = 0, pcapng = 0, answeredPcap = 0, answeredPcapng = 0;
        for (Path f : files) {
            if (f.toString().endsWith(".gz")) {
                assertThat(new CaptureEnd(0, 256).end(f.toString())).as("compressed %s", f).isEmpty();
            }
            Path p = plain(f);
            boolean ng = p.toString().endsWith(".pcapng");
            for (int tail : new int[] {512, 2048, 8192}) {
                if (Files.size(p) <= tail) continue;
                boolean answered = agrees(new CaptureEnd(0, tail), 0, tail, p, f + " tail " + tail);
                if (tail == 2048 && ng) {
                    pcapng++;
                    if (answered) answeredPcapng++;
                } else if (tail == 2048) {
                    pcap++;
                    if (answered) answeredPcap++;
                }
            }
            if (!p.equals(f)) Files.delete(p);
        }
        // most are answered from the tail: the comparison above is not of fallbacks only
        // many are answered from the tail, so the comparison above is not of fallbacks only (most that fall back have
        // records longer than a quarter of so small a tail, or times of 1970 that let a shadow chain run beside)
        assertThat(answeredPcap).as("pcap answered of %d", pcap).isGreaterThan(pcap / 2);
        assertThat(answeredPcapng).as("pcapng answered of %d", pcapng).isGreaterThan(pcapng / 3);
    }

    @Test
    void aCaptureCutAtARandomByteEndsWhereReadingItWholeSaysOrFallsBack() throws Exception {
        Random rnd = new Random(7);
        List<Path> files = repositoryCaptures().stream().filter(f -> {
            try {
                return Files.size(f) > 6000;
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).toList();
        int cuts = 0, answered = 0;
        for (int i = 0; i < 120; i++) {
            Path p = plain(files.get(rnd.nextInt(files.size())));
            byte[] b = Files.readAllBytes(p);
            Path cut = dir.resolve("cut-" + i + "-" + p.getFileName());
            Files.write(cut, Arrays.copyOf(b, 4500 + rnd.nextInt(b.length - 4500)));
            cuts++;
            if (agrees(new CaptureEnd(0, 4096), 0, 4096, cut, cut.toString())) answered++;
        }
        assertThat(answered).as("answered of %d", cuts).isGreaterThan(cuts / 3);
    }

    /** Packets of random sizes and contents, one every ms from T0, the latest {@code jumpAt} frames back 10 s. */
    private static List<Rec> packets(Random rnd, int count) {
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[14 + rnd.nextInt(rnd.nextBoolean() ? 80 : 1500)];
            rnd.nextBytes(data);
            recs.add(new Rec(T0 + i * 1_000_123L, data));
        }
        return recs;
    }

    @Test
    void pcapInBothByteOrdersAndResolutionsWholeAndCutInsideItsLastRecordOrHeader() throws Exception {
        Random rnd = new Random(3);
        for (boolean big : new boolean[] {false, true}) {
            for (boolean nanos : new boolean[] {false, true}) {
                byte[] file = CaptureFiles.pcap(big, nanos, 1, packets(rnd, 400));
                Path f = dir.resolve("p-" + big + nanos + ".pcap");
                Files.write(f, file);
                CaptureEnd end = new CaptureEnd(0, 16 * 1024);
                assertThat(end.end(f.toString())).as("big %s nanos %s", big, nanos).hasValue(wholeMax(f));
                for (int cut = 1; cut < 40; cut++) { // inside the last header and the last record
                    Path c = dir.resolve("c" + cut);
                    Files.write(c, Arrays.copyOf(file, file.length - cut));
                    OptionalLong got = end.end(c.toString());
                    assertThat(got).as("big %s nanos %s cut %d", big, nanos, cut).hasValue(wholeMax(c));
                }
            }
        }
    }

    @Test
    void pcapRecordsThatCarryPcapRecordsInTheirBytesAreNotTakenForTheFilesOwn() throws Exception {
        // each packet is a later pcap record header and some bytes: a capture of a pcap file being copied
        Random rnd = new Random(5);
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] inner = CaptureFiles.pcap(false, false, 1, List.of(new Rec(T0 + 86_400_000_000_000L + i, new byte[20 + rnd.nextInt(40)])));
            byte[] data = Arrays.copyOfRange(inner, 24, inner.length);
            recs.add(new Rec(T0 + i * 1_000_000L, data));
        }
        Path f = dir.resolve("nested.pcap");
        Files.write(f, CaptureFiles.pcap(false, false, 1, recs));
        for (int tail = 600; tail < 4000; tail += 97) {
            OptionalLong got = new CaptureEnd(0, tail).end(f.toString());
            if (got.isPresent()) assertThat(got.getAsLong()).as("tail %d", tail).isEqualTo(wholeMax(f));
        }
    }

    @Test
    void aPcapngWhoseInterfacesCountInMicroAndNanosecondsEndsAtItsLatestFrame() throws Exception {
        for (boolean big : new boolean[] {false, true}) {
            Random rnd = new Random(11);
            Section s = new Section(big).iface(1, -1, 0, "us").iface(1, 9, 0, "ns").iface(101, 0x83, 60, "1/8 s, +60 s");
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 300; i++) {
                long ns = T0 + i * 1_000_000L + rnd.nextInt(1000);
                int iface = i % 3;
                long ticks = switch (iface) {
                    case 0 -> ns / 1000;
                    case 1 -> ns;
                    default -> (ns / 1_000_000_000L - 60) * 8;
                };
                long at = switch (iface) {
                    case 0 -> ns / 1000 * 1000;
                    case 1 -> ns;
                    default -> ns / 1_000_000_000L * 1_000_000_000L;
                };
                max = Math.max(max, at);
                byte[] data = new byte[20 + rnd.nextInt(200)];
                s.epb(iface, ticks, data, data.length);
            }
            s.opb(1, T0 + 400_000_000L, new byte[40]); // the latest: an obsolete packet block on the ns interface
            max = Math.max(max, T0 + 400_000_000L);
            Path f = dir.resolve("ifaces-" + big + ".pcapng");
            Files.write(f, s.build());
            assertThat(wholeMax(f)).isEqualTo(max);
            assertThat(new CaptureEnd(0, 4096).end(f.toString())).as("big %s", big).hasValue(max);
            // a file cut while being written: the walk back cannot start, so it is read whole
            byte[] b = Files.readAllBytes(f);
            for (int cut = 1; cut < 30; cut++) {
                Path c = dir.resolve("ng-cut" + cut);
                Files.write(c, Arrays.copyOf(b, b.length - cut));
                OptionalLong got = new CaptureEnd(0, 4096).end(c.toString());
                if (got.isPresent()) assertThat(got.getAsLong()).isEqualTo(wholeMax(c));
            }
        }
    }

    @Test
    void whatItCannotResolveFallsBack() throws Exception {
        byte[] data = new byte[100];
        // an interface described only after the head was read
        Section late = new Section(false).iface(1, -1, 0, null);
        for (int i = 0; i < 50; i++) late.epb(0, T0 / 1000 + i, data, 100);
        late.iface(1, 9, 0, null);
        for (int i = 0; i < 50; i++) late.epb(1, T0 + i, data, 100);
        // a simple packet block (no time) in the tail
        Section simple = new Section(false).iface(1, -1, 0, null);
        for (int i = 0; i < 50; i++) simple.epb(0, T0 / 1000 + i, data, 100);
        simple.spb(data);
        // a second section
        byte[] first = new Section(false).iface(1, -1, 0, null).epb(0, T0 / 1000, data, 100).build();
        Section second = new Section(true).iface(1, 9, 0, null);
        for (int i = 0; i < 50; i++) second.epb(0, T0 + i, data, 100);
        byte[] twoSections = concat(first, second.build());
        for (byte[] file : List.of(late.build(), simple.build(), twoSections)) {
            Path f = dir.resolve("f" + System.nanoTime());
            Files.write(f, file);
            assertThat(new CaptureEnd(0, 2048).end(f.toString())).isEmpty();
        }
        // the modified pcap format, standard input, a directory, a missing file, a file too small for head and tail
        byte[] modified = CaptureFiles.pcap(false, false, 1, packets(new Random(1), 50));
        modified[0] = 0x34;
        modified[1] = (byte) 0xcd;
        Path m = dir.resolve("modified.pcap");
        Files.write(m, modified);
        Path small = dir.resolve("small.pcap");
        Files.write(small, CaptureFiles.pcap(false, false, 1, packets(new Random(1), 5)));
        for (String path : List.of(m.toString(), "-", dir.toString(), dir.resolve("missing").toString(), small.toString())) {
            assertThat(new CaptureEnd(0, 2048).end(path)).as(path).isEmpty();
        }
        assertThat(CaptureEnd.of(small.toString())).isEmpty();
    }

    @Test
    void aClockThatJumpedBackInTheMiddleIsJudgedByHeadAndTail() throws Exception {
        List<Rec> recs = new ArrayList<>(packets(new Random(9), 300));
        Rec late = recs.get(150);
        recs.set(150, new Rec(T0 + 3_600_000_000_000L, late.data()));
        Path f = dir.resolve("jump.pcap");
        Files.write(f, CaptureFiles.pcap(false, true, 1, recs));
        assertThat(wholeMax(f)).isEqualTo(T0 + 3_600_000_000_000L);
        assertThat(new CaptureEnd(1024, 8192).end(f.toString())).hasValue(recs.get(299).timeNs());
        // in the head it is seen
        assertThat(new CaptureEnd(Files.readAllBytes(f).length / 2 + 2000, 8192).end(f.toString())).hasValue(wholeMax(f));
    }

    @Test
    void spansTellTheEndOfABigUncompressedFileWithoutReadingItWhole() throws Exception {
        byte[] file = CaptureFiles.pcap(false, false, 1, packets(new Random(13), 4000));
        assertThat(file.length).isGreaterThan(CaptureEnd.HEAD_BYTES + CaptureEnd.TAIL_BYTES);
        Path f = dir.resolve("big.pcap");
        Files.write(f, file);
        AtomicInteger wholeReads = new AtomicInteger();
        SensorRuns.Spans spans = new SensorRuns.Spans((p, h) -> {
            wholeReads.incrementAndGet();
            return CaptureSource.open(p, h);
        }, Runnable::run);
        assertThat(SensorRuns.join(spans.end(f.toString()))).isEqualTo(wholeMax(f));
        assertThat(wholeReads).hasValue(0);
        Path gz = dir.resolve("big.pcap.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(file);
        }
        assertThat(SensorRuns.join(spans.end(gz.toString()))).isEqualTo(wholeMax(f));
        assertThat(wholeReads).hasValue(1);
    }

    private static boolean hasEditcap() {
        try {
            return new ProcessBuilder("editcap", "-h").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(String... cmd) throws Exception {
        assertThat(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor()).as(String.join(" ", cmd)).isZero();
    }

    @Test
    void theRepositorysPcapsAsPcapngAndMergedFromMicroAndNanosecondFiles() throws Exception {
        assumeTrue(hasEditcap(), "editcap not installed");
        int answered = 0, files = 0;
        for (Path f : repositoryCaptures()) {
            if (Files.size(f) < 3000 || f.toString().contains(".pcapng")) continue;
            Path ng = dir.resolve("as.pcapng");
            run("editcap", "-F", "pcapng", f.toString(), ng.toString());
            files++;
            if (agrees(new CaptureEnd(0, 2048), 0, 2048, ng, f + " as pcapng")) answered++;
        }
        assertThat(answered).as("answered of %d", files).isGreaterThan(files * 3 / 4);
        // two interfaces, one counting microseconds and one nanoseconds (mergecap keeps each file's resolution)
        Path us = dir.resolve("us.pcap"), ns = dir.resolve("ns.pcap"), merged = dir.resolve("merged.pcapng");
        run("editcap", "-t", "0.5", "src/test/resources/auth/ldap-auth.pcap", us.toString());
        run("editcap", "-F", "nsecpcap", "src/test/resources/auth/http-auth.pcap", ns.toString());
        run("mergecap", "-F", "pcapng", "-w", merged.toString(), us.toString(), ns.toString());
        try (CaptureSource s = CaptureSource.open(merged.toString(), false)) {
            s.reader().next(new Frame());
            assertThat(s.reader().interfaces()).extracting(InterfaceInfo::tsUnitsPerSecond).containsExactly(1_000_000L, 1_000_000_000L);
        }
        for (int tail = 1024; tail < 6000; tail += 500) {
            assertThat(new CaptureEnd(0, tail).end(merged.toString())).as("tail %d", tail).hasValue(wholeMax(merged));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
