package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.filter.AppFields;
import org.nta.filter.DisplayFilter;
import org.nta.testing.FilterPass;
import org.nta.testing.TestFiles;
import org.nta.testing.Tshark;

/**
 * Issue 5, acceptance 2: for every finding of {@code nta analyze} on the test captures, its filter is valid in NTA
 * and in Wireshark, selects the same frames in both, and those frames include the finding's first and last frame.
 */
@Tag("tshark")
class FindingFilterTest {
    @TestFactory
    Stream<DynamicNode> everyFindingsFilterSelectsItsEvidenceInBothTools() throws Exception {
        AppDifferential.requireTshark();
        List<DynamicNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".pcap.gz")).sorted().toList()) {
                List<Finding> findings;
                try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
                    findings = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of()).findings();
                }
                List<DynamicTest> tests = new ArrayList<>();
                for (Finding finding : findings) {
                    tests.add(DynamicTest.dynamicTest(finding.type().id() + " " + finding.firstFrame() + "-" + finding.lastFrame(), () -> {
                        List<Long> ours = select(f, finding.filter());
                        List<Long> theirs = Tshark.frames(f, finding.filter());
                        assertThat(ours).as("frames NTA selects with %s", finding.filter()).isEqualTo(theirs);
                        assertThat(ours).as("the filter shows the first and last evidence frame").contains(finding.firstFrame(), finding.lastFrame());
                    }));
                }
                out.add(DynamicContainer.dynamicContainer(f.getFileName().toString(), tests));
            }
        }
        return out.stream();
    }

    static List<Long> select(Path file, String filterText) throws Exception {
        DisplayFilter filter = DisplayFilter.compile(filterText, AppFields.all());
        List<Long> frames = new ArrayList<>();
        FilterPass.run(file, (view, p, flow) -> {
            if (filter.matches(view)) frames.add(p.frame.number);
        });
        return frames;
    }
}
