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

    @Test
    void theBusiestConversationsAreThoseAFullSortWouldPutFirst() {
        // many rows, many ties in bytes (then type, then stream decide): the bounded heap gives the sort's first rows
        java.util.Random rnd = new java.util.Random(7);
        List<ConversationRow> tcp = new java.util.ArrayList<>(), udp = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long ab = rnd.nextInt(40) * 100L, ba = rnd.nextInt(3) * 100L;
            String type = i % 3 == 0 ? "udp" : "tcp";
            ConversationRow r = new ConversationRow(type, "10.0.0.1", 1000 + i, "10.0.0.2", 80, 1, ab, 1, ba, 0, 0, 0, i, "SF", "", 1, 2);
            (type.equals("tcp") ? tcp : udp).add(r);
        }
        List<ConversationRow> all = new java.util.ArrayList<>(tcp);
        all.addAll(udp);
        all.sort(java.util.Comparator.comparingLong(ConversationRow::bytes).reversed()
                .thenComparing(ConversationRow::type).thenComparingInt(ConversationRow::stream));
        assertThat(TrafficSummary.busiest(tcp, udp)).containsExactlyElementsOf(all.subList(0, TrafficSummary.TOP_CONVERSATIONS));
        assertThat(TrafficSummary.busiest(tcp.subList(0, 3), List.of())).containsExactlyElementsOf(
                tcp.subList(0, 3).stream().sorted(java.util.Comparator.comparingLong(ConversationRow::bytes).reversed()
                        .thenComparingInt(ConversationRow::stream)).toList());
    }
}
