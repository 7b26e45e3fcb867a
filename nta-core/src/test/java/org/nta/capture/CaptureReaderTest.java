package org.nta.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nta.testing.CaptureFiles;
import org.nta.testing.CaptureFiles.Rec;
import org.nta.testing.CaptureFiles.Section;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import io.airlift.compress.zstd.ZstdOutputStream;

/** pcap and pcapng reading: byte orders, resolutions, block kinds, limits, compression and standard input. */
class CaptureReaderTest {
    @TempDir
    Path dir;

    record Got(List<Frame> frames, CaptureReader reader, ReadProblem problem) {
    }

    Got read(byte[] file) throws Exception {
        Path f = dir.resolve("f" + System.nanoTime());
        Files.write(f, file);
        try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
            CaptureReader r = src.reader();
            List<Frame> out = new ArrayList<>();
            Frame fr = new Frame();
            while (r.next(fr)) out.add(fr.copy());
            return new Got(out, r, r.problem());
        }
    }

    static final byte[] A = {1, 2, 3, 4, 5}, B = new byte[200 * 1024];

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void pcapInBothByteOrdersAndResolutions(boolean bigEndian, boolean nanos) throws Exception {
        long t = 1_700_000_000_123_456_789L;
        byte[] file = CaptureFiles.pcap(bigEndian, nanos, 1, List.of(new Rec(t, A), new Rec(t + 1_000, 0, B, 300_000)));
        Got g = read(file);
        assertThat(g.problem()).isNull();
        assertThat(g.frames()).hasSize(2);
        Frame f = g.frames().get(0);
        assertThat(f.number).isEqualTo(1);
        assertThat(f.tsSec).isEqualTo(1_700_000_000L);
        assertThat(f.tsNanos).isEqualTo(nanos ? 123_456_789 : 123_456_000);
        assertThat(f.capLen).isEqualTo(5);
        assertThat(java.util.Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen)).isEqualTo(A);
        Frame big = g.frames().get(1);
        assertThat(big.capLen).as("segmentation offload frames are normal").isEqualTo(200 * 1024);
        assertThat(big.origLen).isEqualTo(300_000);
        assertThat(g.reader().tsPrecisionDigits()).isEqualTo(nanos ? 9 : 6);
    }

    @Test
    void recordBeyondWiresharksLimitStopsWithItsOffset() throws Exception {
        byte[] file = CaptureFiles.pcap(false, false, 1, List.of(new Rec(1_000_000_000L, A), new Rec(2_000_000_000L, new byte[262_145])));
        Got g = read(file);
        assertThat(g.frames()).hasSize(1);
        assertThat(g.problem().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
        assertThat(g.problem().offset()).isEqualTo(24 + 16 + 5);
        assertThat(g.problem().afterFrame()).isEqualTo(1);
    }

    @Test
    void fileCutInsideARecordIsTruncatedAfterTheLastWholeFrame() throws Exception {
        byte[] file = CaptureFiles.pcap(false, false, 1, List.of(new Rec(1_000_000_000L, A), new Rec(2_000_000_000L, B)));
        Got g = read(java.util.Arrays.copyOf(file, file.length - 10));
        assertThat(g.frames()).hasSize(1);
        assertThat(g.problem().kind()).isEqualTo(ReadProblem.Kind.TRUNCATED);
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void pcapngSectionsInterfacesAndBlockKinds(boolean bigEndian) throws Exception {
        Section s1 = new Section(bigEndian)
                .iface(1, -1, 0, "eth0")                   // microseconds by default
                .iface(101, 9, 0, "tun0")                  // raw IP, nanoseconds
                .block(4, new byte[] {0, 0, 0, 0})         // name resolution block: skipped
                .epb(0, 1_700_000_000_000_001L, A, 60)
                .epb(1, 1_700_000_000_000_000_002L, B, B.length)
                .block(5, new byte[12])                    // interface statistics: skipped
                .block(0x00000BAD, new byte[8])            // custom block: skipped
                .block(0x12345678, new byte[8])            // unknown block: skipped
                .spb(A)
                .opb(0, 1_700_000_001_000_000L, A);
        Section s2 = new Section(!bigEndian)               // a second section in the other byte order
                .iface(113, 0x80 | 10, 3600, null)         // Linux SLL, 2^-10 s ticks, offset one hour
                .epb(0, 1024L * 10 + 512, A, 5);
        Got g = read(org.nta.testing.Bytes2.concat(s1.build(), s2.build()));
        assertThat(g.problem()).isNull();
        assertThat(g.frames()).hasSize(5);
        Frame e0 = g.frames().get(0), e1 = g.frames().get(1), spb = g.frames().get(2), opb = g.frames().get(3), s2f = g.frames().get(4);
        assertThat(e0.linkType).isEqualTo(1);
        assertThat(e0.tsSec).isEqualTo(1_700_000_000L);
        assertThat(e0.tsNanos).isEqualTo(1_000);
        assertThat(e0.origLen).isEqualTo(60);
        assertThat(e1.linkType).as("several interfaces with different link types").isEqualTo(101);
        assertThat(e1.iface).isEqualTo(1);
        assertThat(e1.tsSec).isEqualTo(1_700_000_000L);
        assertThat(e1.tsNanos).isEqualTo(2);
        assertThat(spb.capLen).isEqualTo(5);
        assertThat(spb.linkType).isEqualTo(1);
        assertThat(opb.tsSec).isEqualTo(1_700_000_001L);
        assertThat(s2f.linkType).as("interfaces restart with each section").isEqualTo(113);
        assertThat(s2f.iface).as("interface indices are global across sections").isEqualTo(2);
        assertThat(s2f.tsSec).as("2^-10 ticks plus if_tsoffset").isEqualTo(10 + 3600);
        assertThat(s2f.tsNanos).isEqualTo(500_000_000);
        assertThat(g.reader().interfaces()).hasSize(3);
        assertThat(g.reader().interfaces().get(0).name()).isEqualTo("eth0");
    }

    @Test
    void packetOnAnUndeclaredInterfaceIsCorrupt() throws Exception {
        Section s = new Section(false).iface(1, -1, 0, null).epb(0, 1, A, 5).epb(3, 2, A, 5);
        Got g = read(s.build());
        assertThat(g.frames()).hasSize(1);
        assertThat(g.problem().kind()).isEqualTo(ReadProblem.Kind.CORRUPT);
        assertThat(g.problem().message()).contains("interface 3");
    }

    @Test
    void compressedInputIsDetectedByContent() throws Exception {
        byte[] pcap = CaptureFiles.pcap(false, false, 1, List.of(new Rec(1_000_000_000L, A), new Rec(2_000_000_000L, B)));
        for (String kind : List.of("gzip", "xz", "zstd")) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (OutputStream out = switch (kind) {
                case "gzip" -> new GZIPOutputStream(bos);
                case "xz" -> new XZOutputStream(bos, new LZMA2Options());
                default -> new ZstdOutputStream(bos);
            }) {
                out.write(pcap);
            }
            Path f = dir.resolve("capture.bin"); // no telling extension
            Files.write(f, bos.toByteArray());
            try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
                assertThat(src.compression()).isEqualTo(kind);
                Frame fr = new Frame();
                int n = 0;
                while (src.reader().next(fr)) n++;
                assertThat(n).as(kind).isEqualTo(2);
                assertThat(src.reader().problem()).isNull();
            }
        }
    }

    @Test
    void standardInput() throws Exception {
        byte[] pcap = CaptureFiles.pcap(true, true, 1, List.of(new Rec(5, A)));
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(pcap));
            try (CaptureSource src = CaptureSource.open("-", true)) {
                Frame fr = new Frame();
                assertThat(src.reader().next(fr)).isTrue();
                assertThat(fr.tsNanos).isEqualTo(5);
                assertThat(src.reader().next(fr)).isFalse();
                assertThat(src.sha256()).hasSize(64);
            }
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void sha256IsOfTheStoredBytesEvenAfterACorruptPoint() throws Exception {
        byte[] file = CaptureFiles.pcap(false, false, 1, List.of(new Rec(1, A), new Rec(2, new byte[300_000])));
        Path f = dir.resolve("x.pcap");
        Files.write(f, file);
        try (CaptureSource src = CaptureSource.open(f.toString(), true)) {
            Frame fr = new Frame();
            while (src.reader().next(fr)) {
                // read up to the corrupt record
            }
            String expected = org.nta.bytes.Bytes.hex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
            assertThat(src.sha256()).isEqualTo(expected);
        }
    }
}
