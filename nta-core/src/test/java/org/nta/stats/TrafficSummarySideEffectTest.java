package org.nta.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;
import org.nta.testing.TestFiles;

/**
 * {@code analyze --json/--html} adds a TrafficSummary to the sinks; the sinks after it (display filters, extraction)
 * must see every packet as they would without it: counting the protocol hierarchy must not relabel the packet.
 */
class TrafficSummarySideEffectTest {
    static List<String> paths(String capture, boolean withSummary) throws Exception {
        List<String> seen = new ArrayList<>();
        PacketSink after = new PacketSink() {
            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                seen.add(p.frame.number + " " + p.pathString());
            }
        };
        List<PacketSink> sinks = withSummary ? List.of(new TrafficSummary(), after) : List.of(after);
        try (CaptureSource src = CaptureSource.open(TestFiles.capture(capture).toString(), false)) {
            Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, sinks);
        }
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab.pcap.gz", "office-bruteforce.pcap.gz", "ad-roast-psexec.pcap.gz",
            "ipv6-fin-udp-wfuzz-b64-ncat.pcap.gz", "connect-scan-ffuf-post-shell.pcap.gz"})
    void laterSinksSeeTheSamePackets(String capture) throws Exception {
        assertThat(paths(capture, true)).containsExactlyElementsOf(paths(capture, false));
    }
}
