package org.nta.engine;

import org.nta.pipeline.CaptureSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.stats.ConversationCollector;
import org.nta.stats.EndpointCollector;
import org.nta.stats.ProtocolHierarchy;
import org.nta.testing.CaptureFiles.Section;
import org.nta.testing.TestFiles;

/**
 * Issue 2, acceptance 2: mutated copies of the reference captures, as pcap and as pcapng (random byte flips,
 * truncations, damaged headers and blocks) never make the reader or the decoders throw out of the engine; reading
 * either finishes or stops at a reported point.
 */
class MutationRobustnessTest {
    @Test
    void byteFlipsAndTruncationsNeverEscapeTheEngine() throws Exception {
        for (Path ref : TestFiles.referenceCaptures()) {
            byte[] clean = TestFiles.gunzip(ref);
            int rounds = clean.length > 1_000_000 ? 25 : 120;
            Random rnd = new Random(ref.getFileName().toString().hashCode());
            for (int i = 0; i < rounds; i++) {
                byte[] m = clean.clone();
                int flips = 1 + rnd.nextInt(200);
                for (int k = 0; k < flips; k++) m[24 + rnd.nextInt(m.length - 24)] = (byte) rnd.nextInt(256);
                if (rnd.nextBoolean()) m = Arrays.copyOf(m, 24 + rnd.nextInt(m.length - 24));
                runAll(m, ref.getFileName() + " round " + i);
            }
        }
    }

    @Test
    void damagedHeadersAndLengthsNeverEscapeTheEngine() throws Exception {
        byte[] clean = TestFiles.gunzip(TestFiles.capture("benign-lab.pcap.gz"));
        Random rnd = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] m = clean.clone();
            // aim at the file header and the first records' headers, where lengths live
            int at = rnd.nextInt(Math.min(m.length, 4096));
            m[at] = (byte) rnd.nextInt(256);
            if (rnd.nextInt(4) == 0) m[20] = (byte) rnd.nextInt(256); // link type
            runAll(m, "header round " + i);
        }
    }

    @Test
    void truncationAtEveryEarlyOffsetReportsAPointOrAnError() throws Exception {
        byte[] clean = TestFiles.gunzip(TestFiles.capture("benign-lab.pcap.gz"));
        java.util.Set<Integer> boundaries = new java.util.HashSet<>();
        for (int at = 24; at + 16 <= clean.length; ) { // little-endian pcap record headers
            boundaries.add(at);
            int capLen = (clean[at + 8] & 0xff) | (clean[at + 9] & 0xff) << 8 | (clean[at + 10] & 0xff) << 16 | (clean[at + 11] & 0xff) << 24;
            at += 16 + capLen;
        }
        for (int len = 0; len < 1200; len++) {
            byte[] m = Arrays.copyOf(clean, len);
            try (CaptureSource src = open(m)) {
                CaptureSummary s = new Engine(EngineConfig.DEFAULTS).run(src, List.of());
                boolean atBoundary = boundaries.contains(len);
                assertThat(s.problem() == null).as("cut at %d (record boundary: %s)", len, atBoundary).isEqualTo(atBoundary);
                if (s.problem() != null) assertThat(s.problem().offset()).isLessThanOrEqualTo(len);
            } catch (CaptureException e) {
                assertThat(len).as("only a cut inside the file header is unreadable").isLessThan(24);
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void pcapngByteFlipsTruncationsAndDamagedBlocksNeverEscapeTheEngine() throws Exception {
        for (boolean bigEndian : new boolean[] {false, true}) {
            byte[] clean = pcapng(TestFiles.gunzip(TestFiles.capture("benign-lab.pcap.gz")), bigEndian);
            try (CaptureSource src = open(clean)) {
                CaptureSummary s = new Engine(EngineConfig.DEFAULTS).run(src, List.of());
                assertThat(s.problem()).as("the converted file itself is clean").isNull();
                assertThat(s.packets()).isGreaterThan(100);
            }
            Random rnd = new Random(bigEndian ? 11 : 12);
            for (int i = 0; i < 150; i++) {
                byte[] m = clean.clone();
                int flips = 1 + rnd.nextInt(100);
                // a third of the rounds aim at the first blocks (section header, interfaces, first packets' lengths)
                int span = i % 3 == 0 ? Math.min(m.length, 512) : m.length;
                for (int k = 0; k < flips; k++) m[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
                if (rnd.nextBoolean()) m = Arrays.copyOf(m, rnd.nextInt(m.length));
                runAll(m, "pcapng " + (bigEndian ? "big" : "little") + "-endian round " + i);
            }
        }
    }

    /**
     * The pcap's records as a pcapng file: two interfaces (microseconds, and nanoseconds with a time offset), name
     * resolution and statistics blocks, and every kind of packet block.
     */
    private static byte[] pcapng(byte[] pcap, boolean bigEndian) {
        Section s = new Section(bigEndian).iface(1, -1, 0, "eth0").iface(1, 9, 0, "eth1")
                .block(4, new byte[] {0, 0, 0, 0}).block(5, new byte[12]);
        int n = 0;
        for (int at = 24; at + 16 <= pcap.length; n++) {
            long sec = u32le(pcap, at), usec = u32le(pcap, at + 4);
            int capLen = (int) u32le(pcap, at + 8), origLen = (int) u32le(pcap, at + 12);
            byte[] data = Arrays.copyOfRange(pcap, at + 16, at + 16 + capLen);
            switch (n % 7) {
                case 5 -> s.opb(0, sec * 1_000_000 + usec, data);
                case 6 -> s.spb(data);
                default -> {
                    if (n % 2 == 0) s.epb(0, sec * 1_000_000 + usec, data, origLen);
                    else s.epb(1, (sec * 1_000_000 + usec) * 1000, data, origLen);
                }
            }
            at += 16 + capLen;
        }
        return s.build();
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static void runAll(byte[] m, String what) {
        assertThatCode(() -> {
            try (CaptureSource src = open(m)) {
                new Engine(EngineConfig.DEFAULTS).run(src, List.of(new ConversationCollector(true, true, true, true),
                        new EndpointCollector(), new ProtocolHierarchy()));
            } catch (CaptureException e) {
                // a clean refusal is fine
            }
        }).as(what).doesNotThrowAnyException();
    }

    private static CaptureSource open(byte[] m) throws Exception {
        Path f = Files.createTempFile("nta-mut", ".pcap");
        try {
            Files.write(f, m);
            return CaptureSource.open(f.toString(), false);
        } finally {
            f.toFile().deleteOnExit();
        }
    }

    @SuppressWarnings("unused")
    private static InputStream stream(byte[] m) {
        return new ByteArrayInputStream(m);
    }
}
