package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;
import org.nta.app.tls.TlsConfig;
import org.nta.app.tls.TlsHandler;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.TlsHello;

class TlsReportTest {
    private static final long T0 = 1795850857_000000000L;

    /** Replays tls/segments.txt, connection i becoming tcp.stream i. */
    private static List<TlsHello> hellos() {
        List<TlsHello> out = new ArrayList<>();
        String[] lines = new String(Fixtures.resource("/tls/segments.txt"), java.nio.charset.StandardCharsets.UTF_8)
                .split("\n");
        java.util.Map<String, TlsHandler> handlers = new java.util.LinkedHashMap<>();
        for (String l : lines) {
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split(" ");
            TlsHandler h = handlers.computeIfAbsent(f[0], k -> new TlsHandler(new ConnInfo("tcp", handlers.size(), 4,
                    "127.0.0.1", 40000 + handlers.size(), "127.0.0.1", 44330), TlsConfig.DEFAULTS,
                    new AnomalyCounter(), out::add));
            byte[] b = Fixtures.hex(f[3]);
            long frame = Long.parseLong(f[1]);
            h.onData(f[2].equals("c"), b, 0, b.length, frame, T0 + frame * 1000);
        }
        return out;
    }

    @Test
    void oneRowPerConnectionWithTheFinalServerHello() {
        List<TlsReport.Row> rows = TlsReport.rows(hellos());
        assertThat(rows).hasSize(7);
        TlsReport.Row hrr = rows.get(6);
        assertThat(hrr.client().frame()).isEqualTo(15);
        assertThat(hrr.server().frame()).as("the real ServerHello, not the HelloRetryRequest").isEqualTo(20);
    }

    @Test
    void jsonRow() throws Exception {
        TlsReport.Row r = TlsReport.rows(hellos()).get(0);
        JsonNode o = Json.mapper().readTree(Json.write(TlsReport.json(r, 6)));
        assertThat(o.fieldNames()).toIterable().containsExactlyElementsOf(TlsReport.COLUMNS);
        assertThat(o.get("frame").asLong()).isEqualTo(4);
        assertThat(o.get("time").asText()).isEqualTo("2026-11-28T07:27:37.000004Z");
        assertThat(o.get("stream").asInt()).isZero();
        assertThat(o.get("client_port").asInt()).isEqualTo(40000);
        assertThat(o.get("server_port").asInt()).isEqualTo(44330);
        assertThat(o.get("sni").asText()).isEqualTo("example.com");
        // computed independently (Python hashlib over the spec's layout) for tcp 127.0.0.1:40000 -> 127.0.0.1:44330
        assertThat(o.get("community_id").asText()).isEqualTo("1:n+dKKkOkl6AohtwTF+gH0DYe+Lo=");
        assertThat(o.get("alpn")).hasSize(2);
        assertThat(o.get("alpn").get(0).asText()).isEqualTo("h2");
        assertThat(o.get("alpn_selected").isNull()).isTrue();
        assertThat(o.get("version").asText()).isEqualTo("TLS 1.3");
        assertThat(o.get("ja3_hash").asText()).isEqualTo("5a1edc7f170af1014fc65c994878e63c");
        assertThat(o.get("ja4").asText()).isEqualTo("t13d3111h2_e8f1e7e78f70_1f22a2ca17c4");
        assertThat(o.get("ja3s").asText()).isEqualTo("771,4866,43-51");
        assertThat(o.get("ja3s_hash").asText()).isEqualTo("15af977ce25de452b96affa2addb1036");
        assertThat(o.get("cipher").asText()).isEqualTo("0x1302");
        assertThat(o.get("server_frame").asLong()).isEqualTo(6);
    }

    @Test
    void serverHelloWithoutClientHello() {
        List<TlsHello> server = hellos().stream().filter(h -> !h.fromClient()).toList();
        Map<String, Object> o = TlsReport.json(TlsReport.rows(server).get(1), 6);
        assertThat(o.get("frame")).isEqualTo(24L);
        assertThat(o.get("ja3")).isNull();
        assertThat(o.get("sni")).isNull();
        assertThat(o.get("version")).isEqualTo("TLS 1.2");
    }

    @Test
    void csvAndText() {
        List<TlsReport.Row> rows = TlsReport.rows(hellos());
        String[] csv = TlsReport.csv(rows, 6).split("\r\n");
        assertThat(csv).hasSize(8);
        assertThat(csv[0]).isEqualTo(String.join(",", TlsReport.COLUMNS));
        assertThat(csv[1]).contains(",example.com,\"h2,http/1.1\",,TLS 1.3,\"771,");
        String text = TlsReport.text(rows, TimeFormat.utc(6), T0);
        assertThat(text).contains("127.0.0.1:40000", "example.com", "h2,http/1.1", "TLS 1.2",
                "t13d3111h2_e8f1e7e78f70_1f22a2ca17c4");
        assertThat(text.lines()).hasSize(8);
    }
}
