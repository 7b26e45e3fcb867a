package org.nta.engine;

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
import org.nta.testing.TestFiles;

/**
 * Issue 2, acceptance 2: mutated copies of the reference captures (random byte flips, truncations, damaged
 * headers) never make the reader or the decoders throw out of the engine; reading either finishes or stops at a
 * reported point.
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
