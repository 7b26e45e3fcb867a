package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

class FilteredSinkTest {
    /** Frame numbers a sink receives, and whether it saw flow ends and the end of the capture. */
    static final class Recorder implements PacketSink {
        final List<Long> frames = new ArrayList<>();
        int flowEnds;
        boolean finished;

        @Override
        public void onPacket(Packet p, Flow flow, boolean fromA) {
            frames.add(p.frame.number);
        }

        @Override
        public void onFlowEnd(Flow flow) {
            flowEnds++;
        }

        @Override
        public void onFinish(CaptureSummary summary) {
            finished = true;
        }
    }

    private static Recorder run(String filter) throws Exception {
        Recorder r = new Recorder();
        FilteredSink sink = new FilteredSink(DisplayFilter.compile(filter, FieldRegistry.packetFields()), r);
        try (CaptureSource src = CaptureSource.open(DisplayFilterDifferentialTest.resource("captures/benign-lab.pcap.gz").toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink));
        }
        assertThat(sink.matched()).isEqualTo(r.frames.size());
        return r;
    }

    @Test
    void passesOnlySelectedFramesAndTheirFlowsEnds() throws Exception {
        Recorder all = run("frame");
        Recorder dns = run("udp.port == 53");
        assertThat(all.frames).hasSize(297);
        // tshark -2 -r benign-lab.pcap.gz -Y 'udp.port == 53' selects 20 frames
        assertThat(dns.frames).hasSize(20);
        assertThat(dns.flowEnds).as("only the DNS flows end for the filtered sink").isPositive().isLessThan(all.flowEnds);
        assertThat(dns.finished).isTrue();
    }

    @Test
    void timeFieldsSeeEveryFrameNotOnlySelectedOnes() throws Exception {
        // tshark: frame.time_delta > 0.5 selects 2 frames of benign-lab; delta is to the previous captured frame
        assertThat(run("frame.time_delta > 0.5").frames).hasSize(2);
        assertThat(run("udp && frame.time_delta > 0.5").frames.size()).isLessThanOrEqualTo(2);
    }
}
