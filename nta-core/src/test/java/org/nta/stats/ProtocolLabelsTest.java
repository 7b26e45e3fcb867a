package org.nta.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.AppLayer;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.testing.TestFiles;

/**
 * {@code nta protocols} recognises each connection's protocol without running the parsers
 * ({@link AppDispatcher#labelsOnly()}); the hierarchy must be the one the full parsers give, on every test capture.
 */
class ProtocolLabelsTest {
    @Test
    void labelsOnlyGivesTheHierarchyOfTheFullParsers() throws Exception {
        List<Path> files = captures();
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            List<ProtocolHierarchy.Node> full = hierarchy(f, new AppDispatcher(AppConfig.all()));
            List<ProtocolHierarchy.Node> light = hierarchy(f, AppDispatcher.labelsOnly());
            assertThat(light).as(f.getFileName().toString()).isEqualTo(full);
            assertThat(full).as("%s has application protocols", f.getFileName())
                    .anyMatch(n -> n.path().endsWith(":http") || n.path().endsWith(":dns") || n.path().endsWith(":tls"));
        }
    }

    @Test
    void theHierarchyCountsEveryPacketUnderItsFullPathAsAWalkOfTheTreeWould() throws Exception {
        // the hierarchy remembers the nodes of recent paths instead of walking the tree per packet; a plain count of
        // each packet's path strings must give the same frames and bytes on every path
        for (Path f : captures()) {
            ProtocolHierarchy ph = new ProtocolHierarchy();
            java.util.Map<String, long[]> plain = new java.util.TreeMap<>();
            org.nta.pipeline.PacketSink count = new org.nta.pipeline.PacketSink() {
                @Override
                public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                    String path = "";
                    for (int i = 0; i < p.pathLen; i++) {
                        org.nta.decode.Proto proto = org.nta.decode.Proto.of(p.path[i]);
                        if (i == p.pathLen - 1 && proto == org.nta.decode.Proto.DATA) {
                            org.nta.decode.Proto app = flow != null && flow.app != null ? flow.app : PortGuess.of(p);
                            if (app != null) proto = app;
                        }
                        path = path.isEmpty() ? proto.filterName() : path + ":" + proto.filterName();
                        long[] c = plain.computeIfAbsent(path, k -> new long[2]);
                        c[0]++;
                        c[1] += p.frame.origLen;
                    }
                }
            };
            try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
                new Engine(EngineConfig.DEFAULTS).run(src, List.of(ph, count), new AppDispatcher(AppConfig.all()));
            }
            java.util.Map<String, List<Long>> got = new java.util.TreeMap<>();
            for (ProtocolHierarchy.Node n : ph.nodes()) got.put(n.path(), List.of(n.frames(), n.bytes()));
            java.util.Map<String, List<Long>> want = new java.util.TreeMap<>();
            plain.forEach((k, v) -> want.put(k, List.of(v[0], v[1])));
            assertThat(got).as(f.getFileName().toString()).isEqualTo(want);
        }
    }

    private static List<ProtocolHierarchy.Node> hierarchy(Path f, AppLayer app) throws Exception {
        ProtocolHierarchy ph = new ProtocolHierarchy();
        try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(ph), app);
        }
        return ph.nodes();
    }

    private static List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pcap.gz")).sorted().toList();
        }
    }
}
