package org.nta.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.event.Event;
import org.nta.event.SshBanner;
import org.nta.testing.TestFiles;

/** Detectors on a thread of their own give the findings of an inline run, and their failures reach the caller. */
class DetectionSinkTest {
    static List<Finding> findings(Path capture, boolean background) throws Exception {
        return findings(capture, background, false);
    }

    /** @param unrouted every detector is given every flow and event, whatever it declares it reads */
    static List<Finding> findings(Path capture, boolean background, boolean unrouted) throws Exception {
        List<Detector> detectors = Detectors.all(DetectionConfig.DEFAULTS);
        if (unrouted) detectors = detectors.stream().map(DetectionSinkTest::unrouted).toList();
        DetectionSink sink = new DetectionSink(detectors, background);
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.all()));
        }
        return sink.finish();
    }

    @TestFactory
    Stream<DynamicTest> backgroundDetectorsFindWhatInlineDetectorsFind() throws Exception {
        List<Path> captures;
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            captures = s.filter(p -> p.toString().endsWith(".pcap.gz")).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(7);
        // recordings whose key is pending (benign twins among them) may have no finding yet
        Path pendingFile = TestFiles.resources().resolve("captures").resolve("KEYS-PENDING.txt");
        List<String> pending = Files.exists(pendingFile) ? Files.readAllLines(pendingFile).stream().map(String::trim).toList() : List.of();
        return captures.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            List<Finding> inline = findings(c, false, true);
            List<Finding> background = findings(c, true);
            // the same findings, though inline every detector saw every event and in the background only those it names
            assertThat(background).isEqualTo(inline);
            String name = c.getFileName().toString();
            String stem = name.substring(0, name.length() - ".pcap.gz".length());
            boolean keyPending = pending.contains(stem);
            // a benign recording (by name or by its answer key's verdict) may rightly yield nothing
            Path key = c.resolveSibling(stem + ".answers.json");
            boolean benign = name.startsWith("benign") || Files.exists(key)
                    && "benign".equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(key.toFile()).path("verdict").asText());
            if (!benign && !keyPending) assertThat(inline).isNotEmpty();
        }));
    }

    /** The detector behind a facade that names no event types, so the sink hands it everything. */
    private static Detector unrouted(Detector d) {
        return new Detector() {
            @Override
            public boolean readsPackets() {
                return d.readsPackets();
            }

            @Override
            public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                d.onPacket(p, flow, fromA);
            }

            @Override
            public void onFlowEnd(org.nta.flow.Flow flow) {
                d.onFlowEnd(flow);
            }

            @Override
            public void onEvent(Event e) {
                d.onEvent(e);
            }

            @Override
            public List<Finding> finish() {
                return d.finish();
            }
        };
    }

    @Test
    void eventsGoOnlyToTheDetectorsThatNameTheirTypeAndFlowsOnlyToThoseThatReadThem() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        Detector ssh = new Detector() {
            @Override
            public List<Class<? extends Event>> eventTypes() {
                return List.of(SshBanner.class);
            }

            @Override
            public void onEvent(Event e) {
                seen.add("ssh:" + e.getClass().getSimpleName());
            }

            @Override
            public List<Finding> finish() {
                return List.of();
            }
        };
        Detector kerberos = new Detector() {
            @Override
            public List<Class<? extends Event>> eventTypes() {
                return List.of(org.nta.event.KerberosMessage.class);
            }

            @Override
            public void onEvent(Event e) {
                seen.add("kerberos:" + e.getClass().getSimpleName());
            }

            @Override
            public List<Finding> finish() {
                return List.of();
            }
        };
        Detector everything = new Detector() {
            @Override
            public void onEvent(Event e) {
                seen.add("all:" + e.getClass().getSimpleName());
            }

            @Override
            public void onFlowEnd(org.nta.flow.Flow f) {
                seen.add("all:flow");
            }

            @Override
            public List<Finding> finish() {
                return List.of();
            }
        };
        Routes routes = new Routes(List.of(ssh, kerberos, everything));
        assertThat(routes.flows()).containsExactly(everything);
        assertThat(routes.packets()).isEmpty();
        for (boolean background : new boolean[] {false, true}) {
            seen.clear();
            DetectionSink sink = new DetectionSink(List.of(ssh, kerberos, everything), background);
            sink.onEvent(new SshBanner(1, 0, null, true, "2.0", "x", null, "SSH-2.0-x", 0));
            sink.finish();
            assertThat(seen).containsExactly("ssh:SshBanner", "all:SshBanner");
        }
    }

    @Test
    @Timeout(10)
    void aDetectorFailingOnItsThreadFailsTheRunInsteadOfHangingIt() {
        Detector failing = new Detector() {
            @Override
            public void onEvent(Event e) {
                throw new IllegalStateException("detector bug");
            }

            @Override
            public List<Finding> finish() {
                return List.of();
            }
        };
        DetectionSink sink = new DetectionSink(List.of(failing), true);
        SshBanner banner = new SshBanner(1, 0, null, true, "2.0", "x", null, "SSH-2.0-x", 0);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) sink.onEvent(banner); // more than the queue holds: the hand-over notices
            sink.finish();
        }).isInstanceOf(IllegalStateException.class).hasMessage("detector bug");
    }

    @Test
    @Timeout(10)
    void aFailureAfterTheLastHandOverSurfacesAtFinish() {
        Detector failing = new Detector() {
            @Override
            public void onEvent(Event e) {
                throw new IllegalArgumentException("late bug");
            }

            @Override
            public List<Finding> finish() {
                return List.of();
            }
        };
        DetectionSink sink = new DetectionSink(List.of(failing), true);
        sink.onEvent(new SshBanner(1, 0, null, true, "2.0", "x", null, "SSH-2.0-x", 0));
        assertThatThrownBy(sink::finish).isInstanceOf(IllegalArgumentException.class).hasMessage("late bug");
    }
}
