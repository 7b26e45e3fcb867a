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
import org.nta.engine.AppLayer;
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
