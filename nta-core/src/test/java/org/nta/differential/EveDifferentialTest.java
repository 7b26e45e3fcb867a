package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import org.nta.report.eve.EveWriterTest;
import org.nta.testing.TestFiles;
import org.nta.testing.Tshark;
import org.nta.testing.Tools;

/**
 * The EVE lines of {@code http} and {@code dns} against {@code tshark -2}, field by field: the frame each names
 * ({@code pcap_cnt}, Wireshark's frame number), its addresses and ports in the direction of that frame, method,
 * URL, status, the request a response answers, DNS id, query or answer, name; and every request and DNS message
 * tshark shows has its line.
 */
@Tag("tshark")
class EveDifferentialTest {
    static final List<String> CAPTURES = List.of("webshell-lab.pcap.gz", "dns-tunnel.pcap.gz", "c2-https-beacon.pcap.gz",
            "ipv6-fin-udp-wfuzz-b64-ncat.pcap.gz", "connect-scan-ffuf-post-shell.pcap.gz");

    @TestFactory
    Stream<DynamicTest> httpAndDnsLinesAreWhatTsharkShows() {
        AppDifferential.requireTshark();
        return CAPTURES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path capture = TestFiles.capture(name);
            List<JsonNode> lines = EveWriterTest.run(capture).lines();
            http(capture, lines);
            dns(capture, lines, AppDifferential.knownDifferences().get("dns " + name));
        }));
    }

    /** frame → its fields, split on '|'. */
    static Map<Long, String[]> fields(Path capture, String filter, String... fields) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-2", "-r", capture.toString(), "-Y", filter,
                "-T", "fields", "-E", "separator=|", "-E", "occurrence=f", "-e", "frame.number"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Map<Long, String[]> out = new HashMap<>();
        for (String line : Tools.lines(Tshark.cached(capture, cmd))) {
            String[] c = line.split("\\|", -1);
            out.put(Long.parseLong(c[0]), c);
        }
        return out;
    }

    /** Source and destination "address port" of a tshark row whose columns from {@code at} are ip.src, ipv6.src, port, ip.dst, ipv6.dst, port. */
    static String[] endpoints(String[] c, int at) {
        String src = (c[at].isEmpty() ? c[at + 1] : c[at]) + " " + c[at + 2];
        String dst = (c[at + 3].isEmpty() ? c[at + 4] : c[at + 3]) + " " + c[at + 5];
        return new String[] {src, dst};
    }

    static String src(JsonNode l) {
        return l.get("src_ip").asText() + " " + l.get("src_port").asInt();
    }

    static String dst(JsonNode l) {
        return l.get("dest_ip").asText() + " " + l.get("dest_port").asInt();
    }

    static void http(Path capture, List<JsonNode> lines) throws Exception {
        Map<Long, String[]> t = fields(capture, "http.request || http.response", "ip.src", "ipv6.src", "tcp.srcport",
                "ip.dst", "ipv6.dst", "tcp.dstport", "http.request.method", "http.request.uri", "http.response.code",
                "http.request_in", "http.host");
        TreeSet<Long> theirRequests = new TreeSet<>(), ourRequests = new TreeSet<>();
        t.forEach((frame, c) -> {
            if (!c[7].isEmpty()) theirRequests.add(frame);
        });
        for (JsonNode l : lines) {
            if (!l.get("event_type").asText().equals("http")) continue;
            JsonNode h = l.get("http");
            String[] row = t.get(l.get("pcap_cnt").asLong());
            assertThat(row).as("tshark shows HTTP in the frame of %s", l).isNotNull();
            String[] ends = endpoints(row, 1);
            String[] request = row;
            if (h.has("status")) {
                assertThat(row[9]).as(l.toString()).isEqualTo(h.get("status").asText());
                assertThat(ends).as("a response frame goes server to client: %s", l).containsExactly(dst(l), src(l));
                request = row[10].isEmpty() ? null : t.get(Long.parseLong(row[10]));
            } else {
                assertThat(ends).as(l.toString()).containsExactly(src(l), dst(l));
            }
            if (request == null) {
                assertThat(h.has("http_method")).as("no request in tshark, none in EVE: %s", l).isFalse();
                continue;
            }
            ourRequests.add(Long.parseLong(request[0]));
            assertThat(endpoints(request, 1)).as(l.toString()).containsExactly(src(l), dst(l));
            assertThat(h.get("http_method").asText()).as(l.toString()).isEqualTo(request[7]);
            assertThat(h.get("url").asText()).as(l.toString()).isEqualTo(request[8]);
            String host = request[11];
            if (host.isEmpty()) {
                assertThat(h.has("hostname")).as(l.toString()).isFalse();
            } else {
                // Host without its port, which goes to http_port
                int colon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.indexOf(':');
                String name = colon > 0 ? host.substring(0, colon) : host;
                if (name.startsWith("[")) name = name.substring(1, name.length() - 1);
                assertThat(h.get("hostname").asText()).as(l.toString()).isEqualTo(name);
                if (colon > 0) assertThat(h.get("http_port").asText()).isEqualTo(host.substring(colon + 1));
            }
        }
        assertThat(ourRequests).as("every request tshark shows is in an http line").isEqualTo(theirRequests);
    }

    /** @param known the DNS difference corpus/known-app-differences.txt lists for this capture, or null */
    static void dns(Path capture, List<JsonNode> lines, String known) throws Exception {
        Map<Long, String[]> t = fields(capture, "(dns || mdns || llmnr) && !icmp && !icmpv6", "ip.src", "ipv6.src", "udp.srcport", "ip.dst",
                "ipv6.dst", "udp.dstport", "dns.id", "dns.flags.response", "dns.qry.name", "tcp.srcport", "tcp.dstport");
        TreeSet<Long> ours = new TreeSet<>();
        for (JsonNode l : lines) {
            if (!l.get("event_type").asText().equals("dns")) continue;
            JsonNode d = l.get("dns");
            long frame = l.get("pcap_cnt").asLong();
            String[] row = t.get(frame);
            if (row == null && known != null) continue; // a message tshark dissects as something else, listed there
            assertThat(row).as("tshark shows DNS in the frame of %s", l).isNotNull();
            ours.add(frame);
            if (row[3].isEmpty()) { // over TCP
                row = row.clone();
                row[3] = row[10];
                row[6] = row[11];
            }
            assertThat(endpoints(row, 1)).as(l.toString()).containsExactly(src(l), dst(l));
            assertThat(d.get("id").asLong()).as(l.toString()).isEqualTo(Long.decode(row[7]));
            boolean response = row[8].equals("1") || row[8].equalsIgnoreCase("true");
            assertThat(d.get("type").asText()).as(l.toString()).isEqualTo(response ? "answer" : "query");
            if (!row[9].isEmpty() && d.has("rrname")) assertThat(d.get("rrname").asText()).as(l.toString()).isEqualTo(row[9]);
        }
        assertThat(ours).as("every DNS message tshark shows has a dns line").isEqualTo(new TreeSet<>(t.keySet()));
    }
}
