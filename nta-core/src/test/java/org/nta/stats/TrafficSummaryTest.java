package org.nta.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.report.AnalysisJson;
import org.nta.report.Json;
import org.nta.testing.TestFiles;

/** The traffic object of the analysis JSON: its figures add up to the capture's, and it follows the schema. */
class TrafficSummaryTest {
    @Test
    void histogramAndHierarchyAddUpToTheCaptureAndTheJsonFollowsTheSchema() throws Exception {
        TrafficSummary t = new TrafficSummary();
        Analysis.Result r;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("hydra-login-bruteforce.pcap.gz").toString(), true)) {
            r = Analysis.run(src, EngineConfig.DEFAULTS.withHash(true), AppConfig.all(), DetectionConfig.DEFAULTS, List.of(t));
        }
        JsonNode json = Json.mapper().readTree(Json.write(AnalysisJson.build(r, t.toJson())));
        JsonNode traffic = json.path("traffic");
        long packets = 0, bytes = 0;
        for (JsonNode n : traffic.path("histogram").path("packets")) packets += n.asLong();
        for (JsonNode n : traffic.path("histogram").path("bytes")) bytes += n.asLong();
        assertThat(packets).isEqualTo(r.capture().packets());
        assertThat(bytes).isEqualTo(r.capture().bytes());
        assertThat(traffic.path("histogram").path("packets").size()).isLessThanOrEqualTo(TrafficSummary.MAX_BUCKETS);
        long topFrames = 0;
        for (JsonNode p : traffic.path("protocols")) if (p.path("depth").asInt() == 0) topFrames += p.path("frames").asLong();
        assertThat(topFrames).isEqualTo(r.capture().packets());
        assertThat(traffic.path("conversation_count").asLong()).isEqualTo(r.capture().tcpStreams() + r.capture().udpStreams());
        long previous = Long.MAX_VALUE;
        for (JsonNode c : traffic.path("conversations")) {
            assertThat(c.path("bytes").asLong()).isLessThanOrEqualTo(previous);
            previous = c.path("bytes").asLong();
        }
        assertThat(json.path("summary").path("sha256").asText()).hasSize(64);
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "docs", "schema", "analysis.schema.json")));
        assertThat(schema.validate(json)).isEmpty();
    }

    @Test
    void aLongCaptureWidensTheBucketsInsteadOfGrowing() {
        // 1000 s of one packet a second: 256 buckets at most, width a power of two, every packet counted
        TrafficSummary t = new TrafficSummary();
        org.nta.decode.Packet p = new org.nta.decode.Packet();
        p.frame = new org.nta.capture.Frame();
        for (int i = 0; i < 1000; i++) {
            p.frame.number = i + 1;
            p.frame.tsSec = 1_700_000_000L + i;
            p.frame.origLen = 100;
            t.onPacket(p, null, true);
        }
        JsonNode h = Json.mapper().valueToTree(t.toJson()).path("histogram");
        assertThat(h.path("bucket_s").asDouble()).isEqualTo(4.0);
        assertThat(h.path("packets").size()).isEqualTo(250);
        long n = 0;
        for (JsonNode x : h.path("packets")) n += x.asLong();
        assertThat(n).isEqualTo(1000);
        assertThat(h.path("packets").get(0).asLong()).isEqualTo(4);
    }

    /**
     * The top list kept as numbers per stream equals the Conversations table's rows (tested against tshark) sorted by
     * bytes, then TCP before UDP, then stream: every field but the history, which the report does not show. The
     * captures hold thousands of streams with ties in bytes; short idle timeouts release flows that then resume in the
     * same stream, whose parts add up.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"webshell-lab.pcap.gz", "c2-long-session.pcap.gz", "dns-tunnel.pcap.gz",
            "office-bruteforce.pcap.gz"})
    void theBusiestConversationsAreTheConversationsTablesFirstRows(String capture) throws Exception {
        BusiestConversations busiest = new BusiestConversations();
        ConversationCollector table = new ConversationCollector(false, false, true, true);
        org.nta.pipeline.PacketSink both = new org.nta.pipeline.PacketSink() {
            @Override
            public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                table.onPacket(p, flow, fromA);
            }

            @Override
            public void onFlowEnd(org.nta.flow.Flow flow) {
                table.onFlowEnd(flow);
                busiest.onFlowEnd(flow);
            }
        };
        try (CaptureSource src = CaptureSource.open(TestFiles.capture(capture).toString(), false)) {
            org.nta.flow.FlowConfig f = org.nta.flow.FlowConfig.DEFAULTS;
            EngineConfig resumed = new EngineConfig(EngineConfig.DEFAULTS.decoder(), new org.nta.flow.FlowConfig(1, 2, 1,
                    f.maxTombstones(), f.maxFlows()), EngineConfig.DEFAULTS.reassembly(), false);
            new org.nta.engine.Engine(resumed).run(src, List.of(both));
        }
        List<ConversationRow> all = new java.util.ArrayList<>(table.rows("tcp"));
        all.addAll(table.rows("udp"));
        all.sort(java.util.Comparator.comparingLong(ConversationRow::bytes).reversed()
                .thenComparing(ConversationRow::type).thenComparingInt(ConversationRow::stream));
        List<ConversationRow> want = all.subList(0, Math.min(TrafficSummary.TOP_CONVERSATIONS, all.size())).stream()
                .map(r -> new ConversationRow(r.type(), r.aAddr(), r.aPort(), r.bAddr(), r.bPort(), r.framesAB(), r.bytesAB(),
                        r.framesBA(), r.bytesBA(), r.startNs(), r.relStartNs(), r.durationNs(), r.stream(), r.state(), null,
                        r.firstFrame(), r.lastFrame())).toList();
        assertThat(busiest.count()).isEqualTo(all.size());
        assertThat(busiest.top(TrafficSummary.TOP_CONVERSATIONS, table.captureStartNs())).containsExactlyElementsOf(want);
        assertThat(busiest.top(3, table.captureStartNs())).containsExactlyElementsOf(want.subList(0, Math.min(3, want.size())));
    }
}
