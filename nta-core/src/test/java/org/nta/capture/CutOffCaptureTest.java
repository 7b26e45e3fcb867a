package org.nta.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.testing.CaptureFiles;
import org.nta.testing.CaptureFiles.Rec;
import org.nta.testing.CaptureFiles.Section;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import io.airlift.compress.zstd.ZstdOutputStream;

/**
 * Files that end early are classified the same way whatever their format: cut inside the file's header, it cannot
 * be read at all (exit 2, "cut off inside its header"); cut after it, it is read up to the cut, reported as
 * {@code truncated} also when the cut is in a compressed stream; a corrupt compressed stream stops reading with a
 * reported point, never an exception.
 */
class CutOffCaptureTest {
    @TempDir
    Path dir;

    private Path write(byte[] b) throws Exception {
        Path f = dir.resolve("f" + System.nanoTime());
        Files.write(f, b);
        return f;
    }

    @Test
    void pcapCutInsideItsHeaderCannotBeRead() throws Exception {
        byte[] file = CaptureFiles.pcap(false, false, 1, List.of(new Rec(1_000_000_000L, new byte[60])));
        for (int len = 4; len < 24; len++) {
            Path f = write(Arrays.copyOf(file, len));
            assertThatThrownBy(() -> CaptureSource.open(f.toString(), false)).as("cut at %d", len)
                    .isInstanceOf(CaptureException.class).hasMessageContaining("pcap file cut off inside its header");
        }
    }

    @Test
    void pcapngCutInsideItsSectionHeaderCannotBeReadEither() throws Exception {
        byte[] file = new Section(false).iface(1, -1, 0, null).epb(0, 1, new byte[60], 60).build();
        int shb = 28; // the Section builder writes a section header block without options
        for (int len = 4; len < shb; len++) {
            Path f = write(Arrays.copyOf(file, len));
            assertThatThrownBy(() -> CaptureSource.open(f.toString(), false)).as("cut at %d", len)
                    .isInstanceOf(CaptureException.class).hasMessageContaining("pcapng file cut off inside its header");
        }
        try (CaptureSource src = CaptureSource.open(write(Arrays.copyOf(file, shb)).toString(), false)) {
            assertThat(src.reader().next(new Frame())).isFalse();
            assertThat(src.reader().problem()).as("a whole section header and nothing else is an empty capture").isNull();
        }
    }

    @Test
    void aCompressedStreamThatEndsEarlyIsTruncatedInEveryFormat() throws Exception {
        byte[] pcap = bigPcap();
        for (String kind : List.of("gzip", "xz", "zstd")) {
            byte[] packed = compress(kind, pcap);
            Path f = write(Arrays.copyOf(packed, packed.length * 3 / 4));
            try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
                Frame fr = new Frame();
                while (src.reader().next(fr)) {
                    // read up to the cut
                }
                ReadProblem p = src.reader().problem();
                assertThat(p).as(kind).isNotNull();
                assertThat(p.kind()).as(kind).isEqualTo(ReadProblem.Kind.TRUNCATED);
                assertThat(p.message()).as(kind).contains("ends early");
            }
        }
    }

    @Test
    void corruptCompressedDataStopsReadingWithAPointNeverAnException() throws Exception {
        byte[] pcap = bigPcap();
        for (String kind : List.of("gzip", "xz", "zstd")) {
            byte[] packed = compress(kind, pcap);
            for (int round = 0; round < 10; round++) {
                byte[] m = packed.clone();
                Random rnd = new Random(round);
                int from = m.length / 3;
                for (int k = 0; k < 8; k++) m[from + rnd.nextInt(m.length - from - 8)] ^= (byte) (1 + rnd.nextInt(255));
                try (CaptureSource src = CaptureSource.open(write(m).toString(), false)) {
                    Frame fr = new Frame();
                    while (src.reader().next(fr)) {
                        // read up to the damage
                    }
                    ReadProblem p = src.reader().problem();
                    if (p != null) assertThat(p.message()).as("%s round %d", kind, round).isNotBlank();
                } catch (CaptureException e) {
                    assertThat(e.getMessage()).isNotBlank(); // damage the decompressor sees at once: unreadable
                }
            }
        }
    }

    /** About 3 MB of records with incompressible payloads, so every compressor writes several blocks. */
    private static byte[] bigPcap() {
        Random rnd = new Random(1);
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[1500];
            rnd.nextBytes(data);
            recs.add(new Rec(1_000_000_000L * i, data));
        }
        return CaptureFiles.pcap(false, false, 1, recs);
    }

    private static byte[] compress(String kind, byte[] data) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = switch (kind) {
            case "gzip" -> new GZIPOutputStream(bos);
            case "xz" -> new XZOutputStream(bos, new LZMA2Options());
            default -> new ZstdOutputStream(bos);
        }) {
            out.write(data);
        }
        return bos.toByteArray();
    }
}
