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
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.engine.PacketSink;
import org.nta.event.Event;
import org.nta.filter.AppFields;
import org.nta.filter.DisplayFilter;
import org.nta.filter.PacketView;
import org.nta.flow.Flow;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

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
                        List<Long> theirs = tshark(f, finding.filter());
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
        PacketView view = new PacketView();
        List<Event> pending = new ArrayList<>(), current = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                pending.add(e);
            }

            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                current.clear();
                for (Event e : pending) if (e.frame() == p.frame.number) current.add(e);
                pending.clear();
                if (filter.matches(view.next(p, flow, fromA).setEvents(current))) frames.add(p.frame.number);
            }
        };
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.all()));
        }
        return frames;
    }

    static List<Long> tshark(Path file, String filter) {
        Tools.Result r = Tools.run(300, "tshark", "-2", "-n", "-r", file.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number");
        assertThat(r.exit()).as("tshark accepts the filter %s: %s", filter, r.err()).isZero();
        List<Long> frames = new ArrayList<>();
        for (String l : Tools.lines(r.out())) frames.add(Long.parseLong(l.trim()));
        return frames;
    }
}
