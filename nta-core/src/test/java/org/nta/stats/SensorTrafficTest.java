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
import org.nta.decode.Packet;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.report.AnalysisJson;
import org.nta.report.Json;
import org.nta.testing.TestFiles;

/** Several sensors' traffic summaries combined: the sums of theirs, on one time base, following the schema. */
class SensorTrafficTest {
    private static final long T0 = 1_700_000_000L;

    private static void packets(TrafficSummary t, int fromSecond, int toSecond, int len) {
        Packet p = new Packet();
        p.frame = new org.nta.capture.Frame();
        for (int s = fromSecond; s < toSecond; s++) {
            p.frame.tsSec = T0 + s;
            p.frame.origLen = len;
            t.onPacket(p, null, true);
        }
    }

    /** The combined histogram is the one a single summary of all the packets would have: same width, same buckets. */
    @Test
    void theHistogramIsOneSummaryOfAllThePackets() {
        long start = T0 * 1_000_000_000L;
        TrafficSummary one = new TrafficSummary(start), two = new TrafficSummary(start), all = new TrafficSummary();
        packets(one, 0, 10, 100);
        packets(two, 300, 1000, 60);
        packets(all, 0, 10, 100);
        packets(all, 300, 1000, 60);
        JsonNode merged = Json.mapper().valueToTree(SensorTraffic.toJson(List.of(one, two), f -> null)).path("histogram");
        JsonNode whole = Json.mapper().valueToTree(all.toJson()).path("histogram");
        assertThat(merged.path("bucket_s").asDouble()).isEqualTo(4.0);
        assertThat(merged).isEqualTo(whole);
        assertThat(merged.path("packets").get(0).asLong()).isEqualTo(4);
        assertThat(merged.path("packets").get(2).asLong()).isEqualTo(2);
    }

    @Test
    void aSensorThatStartsLaterCountsFromTheFirstFrameOfAll() {
        long start = T0 * 1_000_000_000L;
        TrafficSummary one = new TrafficSummary(start), two = new TrafficSummary(start);
        packets(one, 0, 3, 10);
        packets(two, 5, 7, 20);
        JsonNode h = Json.mapper().valueToTree(SensorTraffic.toJson(List.of(one, two), f -> null)).path("histogram");
        assertThat(h.path("packets")).extracting(JsonNode::asLong).containsExactly(1L, 1L, 1L, 0L, 0L, 1L, 1L);
        assertThat(h.path("bytes")).extracting(JsonNode::asLong).containsExactly(10L, 10L, 10L, 0L, 0L, 20L, 20L);
    }

    /** A capture seen by two sensors counts twice: every figure doubles, the conversations name their sensor. */
    @Test
    void twoSensorsOfTheSamePacketsCountThemTwiceAndFollowTheSchema() throws Exception {
        String capture = TestFiles.capture("hydra-login-bruteforce.pcap.gz").toString();
        TrafficSummary alone = new TrafficSummary();
        Analysis.Result r = run(capture, alone);
        long start = r.capture().firstNs();
        TrafficSummary one = new TrafficSummary(start), two = new TrafficSummary(start);
        run(capture, one);
        run(capture, two);
        JsonNode json = Json.mapper().readTree(Json.write(AnalysisJson.build(r,
                SensorTraffic.toJson(List.of(one, two), f -> "sensor.pcap"))));
        JsonNode t = json.path("traffic"), a = Json.mapper().valueToTree(alone.toJson());
        assertThat(t.path("conversation_count").asLong()).isEqualTo(2 * a.path("conversation_count").asLong());
        assertThat(t.path("protocols")).hasSameSizeAs(a.path("protocols"));
        for (int i = 0; i < a.path("protocols").size(); i++) {
            JsonNode m = t.path("protocols").get(i), o = a.path("protocols").get(i);
            assertThat(m.path("path")).isEqualTo(o.path("path"));
            assertThat(m.path("depth")).isEqualTo(o.path("depth"));
            assertThat(m.path("frames").asLong()).isEqualTo(2 * o.path("frames").asLong());
            assertThat(m.path("bytes").asLong()).isEqualTo(2 * o.path("bytes").asLong());
        }
        assertThat(t.path("histogram").path("bucket_s")).isEqualTo(a.path("histogram").path("bucket_s"));
        for (int i = 0; i < a.path("histogram").path("packets").size(); i++) {
            assertThat(t.path("histogram").path("packets").get(i).asLong()).isEqualTo(2 * a.path("histogram").path("packets").get(i).asLong());
        }
        JsonNode first = t.path("conversations").get(0);
        assertThat(first.path("sensor").asInt()).isEqualTo(1);
        assertThat(first.path("file").asText()).isEqualTo("sensor.pcap");
        boolean twin = false; // the same conversation as the other sensor saw it
        for (JsonNode c : t.path("conversations")) {
            twin |= c.path("sensor").asInt() == 2 && c.path("stream").equals(first.path("stream"))
                    && c.path("bytes").equals(first.path("bytes"));
        }
        assertThat(twin).isTrue();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "docs", "schema", "analysis.schema.json")));
        assertThat(schema.validate(json)).isEmpty();
    }

    private static Analysis.Result run(String capture, TrafficSummary t) throws Exception {
        try (CaptureSource src = CaptureSource.open(capture, false)) {
            return Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of(t));
        }
    }
}
