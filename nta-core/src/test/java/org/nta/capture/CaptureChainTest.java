package org.nta.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.testing.CaptureFiles;

/** Several files read as one capture: a sensor's rotated files, numbered through in the order of their first frame. */
class CaptureChainTest {
    @TempDir
    Path dir;

    /** A pcap file with one frame per time (seconds), each frame's first byte its second. */
    private String file(String name, long... seconds) throws Exception {
        List<CaptureFiles.Rec> recs = new ArrayList<>();
        for (long s : seconds) recs.add(new CaptureFiles.Rec(s * 1_000_000_000L, new byte[]{(byte) s, 0, 0, 0}));
        Path p = dir.resolve(name);
        Files.write(p, CaptureFiles.pcap(false, false, 1, recs));
        return p.toString();
    }

    private static List<long[]> read(CaptureSource src) {
        List<long[]> out = new ArrayList<>();
        Frame f = new Frame();
        while (src.reader().next(f)) out.add(new long[]{f.number, f.epochNanos() / 1_000_000_000L, f.data[f.offset]});
        return out;
    }

    @Test
    void filesAreReadInTheOrderOfTheirFirstFrameAndNumberedThrough() throws Exception {
        String b = file("b.pcap", 20, 21), a = file("a.pcap", 10, 11, 12), c = file("c.pcap", 30);
        try (CaptureSource src = CaptureSource.openAll(List.of(c, b, a), "3 files", false)) {
            assertThat(read(src)).extracting(x -> x[0] + "@" + x[1]).containsExactly("1@10", "2@11", "3@12", "4@20", "5@21", "6@30");
            assertThat(src.name()).isEqualTo("3 files");
            List<CapturePart> parts = src.parts();
            assertThat(parts).extracting(CapturePart::file).containsExactly(a, b, c);
            assertThat(parts).extracting(p -> p.firstFrame() + "-" + p.lastFrame()).containsExactly("1-3", "4-5", "6-6");
            assertThat(parts.get(1).local(5)).isEqualTo(2);
            assertThat(parts.get(1).local(6)).isEqualTo(-1);
            assertThat(parts).noneMatch(CapturePart::overlapsPrevious);
            assertThat(src.reader().problem()).isNull();
            assertThat(src.currentFile()).isEqualTo(c);
        }
    }

    @Test
    void oneFileIsReadAsItselfWithoutParts() throws Exception {
        String a = file("a.pcap", 10, 11);
        try (CaptureSource src = CaptureSource.openAll(List.of(a), "x", false)) {
            assertThat(read(src)).hasSize(2);
            assertThat(src.parts()).isEmpty();
            assertThat(src.name()).isEqualTo(a);
        }
    }

    @Test
    void filesOfTwoSensorsOverlappingInTimeAreFlaggedAndStillRead() throws Exception {
        String a = file("a.pcap", 10, 40), b = file("b.pcap", 20, 50);
        try (CaptureSource src = CaptureSource.openAll(List.of(a, b), "2 files", false)) {
            assertThat(read(src)).hasSize(4);
            assertThat(src.parts()).extracting(CapturePart::overlapsPrevious).containsExactly(false, true);
        }
    }

    @Test
    void aFileCutOffInTheMiddleIsReportedAndTheNextOneIsRead() throws Exception {
        String a = file("a.pcap", 10, 11), c = file("c.pcap", 30, 31);
        Path cut = Path.of(file("b.pcap", 20, 21));
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 2)); // a rotation file still being written
        try (CaptureSource src = CaptureSource.openAll(List.of(a, cut.toString(), c), "3 files", false)) {
            assertThat(read(src)).extracting(x -> x[1]).containsExactly(10L, 11L, 20L, 30L, 31L);
            ReadProblem p = src.reader().problem();
            assertThat(p).isNotNull();
            assertThat(p.message()).startsWith(cut + ": ");
            assertThat(p.afterFrame()).isEqualTo(3);
            assertThat(src.parts()).extracting(x -> x.problem() == null).containsExactly(true, false, true);
        }
    }

    @Test
    void filesWithoutFramesComeLastAndHoldNoFrame() throws Exception {
        String empty = file("empty.pcap"), a = file("a.pcap", 10);
        try (CaptureSource src = CaptureSource.openAll(List.of(empty, a), "2 files", false)) {
            assertThat(read(src)).hasSize(1);
            assertThat(src.parts()).extracting(p -> p.file() + " " + p.packets()).containsExactly(a + " 1", empty + " 0");
            assertThat(src.parts().get(1).local(1)).isEqualTo(-1);
        }
    }

    @Test
    void aFileThatIsNotACaptureIsNamedAndStandardInputCannotJoin() throws Exception {
        String a = file("a.pcap", 10);
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a capture at all, just some notes\n");
        assertThatThrownBy(() -> CaptureSource.openAll(List.of(a, text.toString()), "2 files", false))
                .isInstanceOf(CaptureException.class).hasMessageStartingWith(text + ": not a capture file");
        assertThatThrownBy(() -> CaptureSource.openAll(List.of(a, "-"), "2 files", false))
                .isInstanceOf(CaptureException.class).hasMessageContaining("standard input");
    }

    @Test
    void eachFileIsHashedWhenAsked() throws Exception {
        String a = file("a.pcap", 10), b = file("b.pcap", 20);
        try (CaptureSource src = CaptureSource.openAll(List.of(a, b), "2 files", true)) {
            read(src);
            assertThat(src.parts()).allSatisfy(p -> assertThat(p.sha256()).hasSize(64));
            assertThat(src.parts().get(0).sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(a)))));
            assertThat(src.sha256()).isNull();
        }
    }

    @Test
    void aStreamOpenedElsewhereReadsLikeItsFileAndNamesItselfInMessages() throws Exception {
        String a = file("a.pcap", 10, 11, 12);
        try (CaptureSource byPath = CaptureSource.open(a, false);
             CaptureSource byStream = CaptureSource.open(Files.newInputStream(Path.of(a)), "hdfs://nn/sensor/a.pcap", -1, false)) {
            assertThat(read(byStream)).usingRecursiveFieldByFieldElementComparator().isEqualTo(read(byPath));
            assertThat(byStream.name()).isEqualTo("hdfs://nn/sensor/a.pcap");
        }
        assertThatThrownBy(() -> CaptureSource.open(new java.io.ByteArrayInputStream("hello".getBytes()), "s3a://b/x.pcap", 5, false))
                .isInstanceOf(CaptureException.class).hasMessageStartingWith("s3a://b/x.pcap: ");
    }
}
