package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON field names docs/json.md documents for {@code info} and {@code conversations}: scripts rely on them. */
class JsonContractTest {
    static final String SAMPLE = BadInputTest.SAMPLE.toString();
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> INFO_FIELDS = List.of("file", "status", "error", "format", "compression", "encapsulations",
            "snaplen", "interfaces", "packets", "bytes", "wire_bytes", "captured_bytes", "file_size", "first_time",
            "last_time", "duration_s", "packets_per_s", "bytes_per_s", "average_packet_size", "strict_time_order",
            "sha256", "malformed", "undecoded", "tcp_streams", "udp_streams");
    static final List<String> INTERFACE_FIELDS = List.of("link_type", "encapsulation", "snaplen", "ts_resolution",
            "ts_offset_s", "name", "description");
    static final List<String> CONVERSATION_FIELDS = List.of("type", "a_addr", "a_port", "b_addr", "b_port", "frames_ab",
            "bytes_ab", "frames_ba", "bytes_ba", "rel_start_s", "duration_s", "stream", "state", "history", "first_frame",
            "last_frame", "start_time", "community_id");

    @TempDir
    Path dir;

    @Test
    void infoGivesAnArrayWithTheDocumentedFieldsPerFile() throws Exception {
        CliRun r = CliRun.of("info", "--json", SAMPLE, SAMPLE);
        assertThat(r.exit()).isZero();
        JsonNode a = JSON.readTree(r.out());
        assertThat(a.isArray()).isTrue();
        assertThat(a).hasSize(2);
        for (JsonNode o : a) {
            assertThat(names(o)).isEqualTo(INFO_FIELDS);
            assertThat(names(o.get("interfaces").get(0))).isEqualTo(INTERFACE_FIELDS);
        }
        JsonNode o = a.get(0);
        assertThat(o.get("file").asText()).isEqualTo(SAMPLE);
        assertThat(o.get("status").asText()).isEqualTo("ok");
        assertThat(o.get("error").isNull()).isTrue();
        assertThat(o.get("format").asText()).isEqualTo("pcap");
        assertThat(o.get("compression").asText()).isEqualTo("gzip");
        assertThat(o.get("encapsulations").get(0).asText()).isEqualTo("ether");
        assertThat(o.get("snaplen").asLong()).isEqualTo(262144);
        assertThat(o.get("packets").asLong()).isEqualTo(19499);
        assertThat(o.get("bytes").asLong()).as("capinfos' Data size").isEqualTo(4_100_351);
        assertThat(o.get("captured_bytes").asLong()).isEqualTo(4_100_351);
        assertThat(o.get("first_time").asText()).isEqualTo("2026-11-28T07:27:36.901637Z");
        assertThat(o.get("last_time").asText()).isEqualTo("2026-11-28T07:28:04.553666Z");
        assertThat(o.get("duration_s").asDouble()).isEqualTo(27.652029, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.get("average_packet_size").asDouble()).isEqualTo(4_100_351.0 / 19499);
        assertThat(o.get("sha256").asText()).isEqualTo("18dcf70f576826445ff511af7140d1f137a863c8530b4e4bbfdd436d0332fdd1");
        assertThat(o.get("malformed").isObject()).isTrue();
        assertThat(o.get("tcp_streams").asLong()).isEqualTo(1741);
    }

    @Test
    void partialAndUnreadableFilesHaveTheirDocumentedShapes() throws Exception {
        byte[] whole = new java.util.zip.GZIPInputStream(Files.newInputStream(BadInputTest.SAMPLE)).readAllBytes();
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, 100_000));
        CliRun r = CliRun.of("info", "--json", cut.toString(), dir.resolve("missing.pcap").toString());
        JsonNode a = JSON.readTree(r.out());
        List<String> partial = new ArrayList<>(INFO_FIELDS);
        partial.add("problem");
        assertThat(names(a.get(0))).isEqualTo(partial);
        assertThat(a.get(0).get("status").asText()).isEqualTo("partial");
        assertThat(names(a.get(0).get("problem"))).containsExactly("kind", "offset", "after_frame", "message");
        assertThat(a.get(0).get("problem").get("kind").asText()).isEqualTo("truncated");
        assertThat(names(a.get(1))).containsExactly("file", "status", "error");
        assertThat(a.get(1).get("status").asText()).isEqualTo("error");
    }

    @Test
    void conversationRowsHaveTheDocumentedFields() throws Exception {
        CliRun r = CliRun.of("conversations", "--json", "--type", "eth,ip,tcp,udp", SAMPLE);
        assertThat(r.exit()).isZero();
        JsonNode rows = JSON.readTree(r.out());
        assertThat(rows.isArray()).isTrue();
        List<String> types = new ArrayList<>();
        for (JsonNode row : rows) {
            assertThat(names(row)).isEqualTo(CONVERSATION_FIELDS);
            if (!types.contains(row.get("type").asText())) types.add(row.get("type").asText());
        }
        assertThat(types).containsExactly("eth", "ip", "tcp", "udp");
        JsonNode shell = null;
        for (JsonNode row : rows) if (row.get("type").asText().equals("tcp") && row.get("b_port").asInt() == 4422) shell = row;
        assertThat(shell).isNotNull();
        assertThat(shell.get("a_addr").asText()).isEqualTo("10.251.96.5");
        assertThat(shell.get("frames_ab").asLong()).isEqualTo(17);
        assertThat(shell.get("bytes_ab").asLong()).isEqualTo(1848);
        assertThat(shell.get("frames_ba").asLong()).isEqualTo(19);
        assertThat(shell.get("bytes_ba").asLong()).isEqualTo(1302);
        assertThat(shell.get("rel_start_s").asDouble()).isEqualTo(21.300273);
        assertThat(shell.get("stream").asLong()).isEqualTo(1740);
        assertThat(shell.get("state").asText()).isEqualTo("SF");
        assertThat(shell.get("start_time").asText()).isEqualTo("2026-11-28T07:27:58.201910Z");
        assertThat(shell.get("community_id").asText()).isEqualTo(org.nta.flow.CommunityId.of(6,
                shell.get("b_addr").asText(), 4422, "10.251.96.5", shell.get("a_port").asInt())).startsWith("1:");
        for (JsonNode row : rows) {
            if (row.get("type").asText().equals("eth") || row.get("type").asText().equals("ip")) {
                assertThat(row.get("a_port").isNull()).isTrue();
                assertThat(row.get("state").isNull()).isTrue();
                assertThat(row.get("community_id").isNull()).isTrue();
            } else {
                assertThat(row.get("community_id").asText()).matches("1:[A-Za-z0-9+/]{27}=");
            }
        }
    }

    @Test
    void httpDnsAndTlsRowsCarryTheCommunityIdOfTheirConversation() throws Exception {
        java.util.Map<String, String> byStream = new java.util.HashMap<>();
        for (JsonNode row : JSON.readTree(CliRun.of("conversations", "--json", SAMPLE).out())) {
            byStream.put(row.get("type").asText() + " " + row.get("stream").asInt(), row.get("community_id").asText());
        }
        int checked = 0;
        for (JsonNode row : JSON.readTree(CliRun.of("http", "--json", SAMPLE).out())) {
            assertThat(row.get("community_id").asText()).as(row.toString()).isEqualTo(byStream.get("tcp " + row.get("stream").asInt()));
            checked++;
        }
        for (JsonNode row : JSON.readTree(CliRun.of("dns", "--json", SAMPLE).out())) {
            assertThat(row.get("community_id").asText()).as(row.toString())
                    .isEqualTo(byStream.get(row.get("transport").asText() + " " + row.get("stream").asInt()));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
        String csv = CliRun.of("conversations", "--csv", SAMPLE).out();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",start_time,community_id");
    }

    @Test
    void aFindingOnOneFlowCarriesThatFlowsCommunityId() throws Exception {
        java.util.Map<String, String> byStream = new java.util.HashMap<>();
        for (JsonNode row : JSON.readTree(CliRun.of("conversations", "--json", SAMPLE).out())) {
            byStream.put(row.get("type").asText() + " " + row.get("stream").asInt(), row.get("community_id").asText());
        }
        CliRun r = CliRun.of("analyze", "--no-hash", "--json", "-", SAMPLE);
        int one = 0, many = 0;
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            assertThat(f.has("community_id")).isTrue();
            if (f.get("stream_count").asInt() == 1) {
                String transport = f.get("filter").asText().contains("udp.stream") ? "udp" : "tcp";
                assertThat(f.get("community_id").asText()).as(f.toString())
                        .isEqualTo(byStream.get(transport + " " + f.get("streams").get(0).asInt()));
                one++;
            } else {
                assertThat(f.get("community_id").isNull()).as(f.toString()).isTrue();
                many++;
            }
        }
        assertThat(one).isPositive();
        assertThat(many).isPositive();
    }

    private static List<String> names(JsonNode o) {
        List<String> n = new ArrayList<>();
        o.fieldNames().forEachRemaining(n::add);
        return n;
    }
}
