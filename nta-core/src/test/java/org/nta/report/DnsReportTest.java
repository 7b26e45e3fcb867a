package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;
import org.nta.app.dns.DnsConfig;
import org.nta.app.dns.DnsDecoder;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

class DnsReportTest {
    private static final Map<String, byte[]> MESSAGES = Fixtures.hexFile("/dns/messages.txt");
    private static final ConnInfo CONN = new ConnInfo("udp", 2, 4, "10.251.96.9", 41000, "10.251.96.2", 53);
    // 2026-11-28T07:27:37.876315Z
    private static final long T = 1795850857_876315000L;

    private static DnsMessage decode(String key, long frame) {
        byte[] b = MESSAGES.get(key);
        return new DnsDecoder(DnsConfig.DEFAULTS, new AnomalyCounter()).decode(b, 0, b.length, CONN, frame, T)
                .orElseThrow();
    }

    @Test
    void jsonRowFollowsTheContract() throws Exception {
        JsonNode o = Json.mapper().readTree(Json.write(DnsReport.json(decode("webshell-10", 10), 6)));
        assertThat(o.fieldNames()).toIterable().containsExactlyElementsOf(DnsReport.COLUMNS);
        assertThat(o.get("frame").asLong()).isEqualTo(10);
        assertThat(o.get("time").asText()).isEqualTo("2026-11-28T07:27:37.876315Z");
        assertThat(o.get("stream").asInt()).isEqualTo(2);
        assertThat(o.get("transport").asText()).isEqualTo("udp");
        assertThat(o.get("client_addr").asText()).isEqualTo("10.251.96.9");
        assertThat(o.get("server_addr").asText()).isEqualTo("10.251.96.2");
        assertThat(o.get("response").asBoolean()).isTrue();
        assertThat(o.get("id").asInt()).isEqualTo(0x7445);
        assertThat(o.get("name").asText()).isEqualTo("files.corp.lan");
        assertThat(o.get("qtype").asText()).isEqualTo("A");
        assertThat(o.get("rcode").asText()).isEqualTo("NOERROR");
        // computed independently (Python hashlib over the spec's layout) for udp 10.251.96.9:41000 -> 10.251.96.2:53
        assertThat(o.get("community_id").asText()).isEqualTo("1:JRTHbsKQOiZSwXfCYZ2mRVwlR7Y=");
        JsonNode a = o.get("answers");
        assertThat(a).hasSize(3);
        assertThat(a.get(0).fieldNames()).toIterable().containsExactly("name", "type", "ttl", "data");
        assertThat(a.get(0).get("name").asText()).isEqualTo("files.corp.lan");
        assertThat(a.get(0).get("type").asText()).isEqualTo("A");
        assertThat(a.get(0).get("ttl").asLong()).isZero();
        assertThat(a.get(0).get("data").asText()).isEqualTo("10.251.96.41");
    }

    @Test
    void nxdomainAndQueries() {
        Map<String, Object> nx = DnsReport.json(decode("synthetic-nxdomain_soa_opt", 4), 6);
        assertThat(nx.get("rcode")).isEqualTo("NXDOMAIN");
        assertThat((List<?>) nx.get("answers")).isEmpty();
        Map<String, Object> q = DnsReport.json(decode("webshell-7", 7), 6);
        assertThat(q.get("response")).isEqualTo(false);
        assertThat(q.get("qtype")).isEqualTo("A");
    }

    @Test
    void csvFlattensAnswers() {
        String csv = DnsReport.csv(List.of(decode("webshell-9", 9), decode("webshell-10", 10)), 6);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", DnsReport.COLUMNS));
        assertThat(lines[1]).isEqualTo(
                "9,2026-11-28T07:27:37.876315Z,2,udp,10.251.96.9,10.251.96.2,false,29765,files.corp.lan,A,NOERROR,,1:JRTHbsKQOiZSwXfCYZ2mRVwlR7Y=");
        assertThat(lines[2]).endsWith(",files.corp.lan,A,NOERROR,A 10.251.96.41; A 10.251.96.40; A 10.251.96.42,1:JRTHbsKQOiZSwXfCYZ2mRVwlR7Y=");
    }

    @Test
    void textTable() {
        String text = DnsReport.text(List.of(decode("webshell-9", 9), decode("webshell-10", 10)), TimeFormat.utc(6), T);
        assertThat(text).contains("Frame", "Answers", "query", "response", "0x7445", "files.corp.lan",
                "A 10.251.96.41; A 10.251.96.40; A 10.251.96.42");
        assertThat(text.lines()).hasSize(3);
    }
}
