package org.nta.report.eve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.report.ConversationReport;
import org.nta.stats.ConversationCollector;
import org.nta.stats.ConversationRow;
import org.nta.testing.CaptureFiles;
import org.nta.testing.Packets;
import org.nta.testing.TestFiles;

/**
 * {@code --eve} on recorded captures: every line is JSON with the common fields; flows agree with NTA's own
 * conversations (frames, bytes, first frame, endpoints, Community ID); one alert per finding, in order, with its
 * stable signature; the same capture gives the same bytes.
 */
public class EveWriterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CAPTURES = List.of("webshell-lab.pcap.gz", "dns-tunnel.pcap.gz", "c2-https-beacon.pcap.gz",
            "connect-scan-ffuf-post-shell.pcap.gz", "ipv6-fin-udp-wfuzz-b64-ncat.pcap.gz");

    /** The EVE text of one analysis, its result, and the conversations of the same run. */
    public record Run(String eve, Analysis.Result result, List<ConversationRow> conversations) {
        public List<JsonNode> lines() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String l : eve.split("\n")) out.add(JSON.readTree(l));
            return out;
        }
    }

    public static Run run(Path capture) throws Exception {
        StringWriter w = new StringWriter();
        EveWriter eve = new EveWriter(w, capture.getFileName().toString());
        ConversationCollector conv = new ConversationCollector(false, false, true, true, false);
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS,
                    List.of(eve, conv));
            eve.alerts(r.findings(), r.streams());
            eve.flush();
            List<ConversationRow> rows = new ArrayList<>(conv.rows("tcp"));
            rows.addAll(conv.rows("udp"));
            return new Run(w.toString(), r, rows);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLineIsEveAndAgreesWithNtasOwnViews() {
        return CAPTURES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path capture = TestFiles.capture(name);
            Run run = run(capture);
            assertThat(run.eve()).endsWith("\n").doesNotContain("\n\n");
            List<JsonNode> lines = run.lines();
            Map<String, Integer> types = new HashMap<>();
            for (JsonNode l : lines) {
                common(l, name);
                types.merge(l.get("event_type").asText(), 1, Integer::sum);
            }
            assertThat(types).containsKeys("flow", "alert");
            flowsAreTheConversations(lines, run.conversations());
            alertsAreTheFindings(lines, run.result().findings());
            assertThat(run(capture).eve()).as("a second run gives the same bytes").isEqualTo(run.eve());
        }));
    }

    /** The fields every line has; the tuple and flow fields of every line about one flow. */
    static void common(JsonNode l, String file) {
        assertThat(l.get("timestamp").asText()).as(l.toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+0000");
        assertThat(l.get("event_type").asText()).isIn("flow", "http", "dns", "tls", "ssh", "fileinfo", "anomaly", "alert");
        assertThat(l.get("pcap_cnt").asLong()).as(l.toString()).isPositive();
        assertThat(l.get("pcap_filename").asText()).isEqualTo(file);
        String type = l.get("event_type").asText();
        boolean oneFlow = !type.equals("alert") || l.has("flow_id");
        if (!oneFlow) return;
        assertThat(l.get("flow_id").asLong()).as(l.toString()).isPositive();
        assertThat(l.get("src_ip").asText()).isNotEmpty();
        assertThat(l.get("dest_ip").asText()).isNotEmpty();
        assertThat(l.get("proto").asText()).isIn("TCP", "UDP");
        assertThat(l.get("src_port").asInt()).isBetween(0, 65535);
        assertThat(l.get("dest_port").asInt()).isBetween(0, 65535);
        assertThat(l.get("community_id").asText()).matches("1:[A-Za-z0-9+/]{27}=");
        if (!type.equals("flow") && !type.equals("alert")) {
            assertThat(l.get("app_proto").asText()).isNotEmpty();
            assertThat(l.has(type)).as(l.toString()).isTrue();
        }
    }

    static void flowsAreTheConversations(List<JsonNode> lines, List<ConversationRow> rows) {
        Map<Long, ConversationRow> byId = new HashMap<>();
        for (ConversationRow r : rows) byId.put(EveWriter.flowId(r.type().equals("tcp"), r.stream()), r);
        Set<Long> seen = new HashSet<>();
        Map<Long, String> communityIds = new HashMap<>();
        for (JsonNode l : lines) {
            if (!l.get("event_type").asText().equals("flow")) continue;
            long id = l.get("flow_id").asLong();
            assertThat(seen.add(id)).as("one flow event per flow: %s", l).isTrue();
            ConversationRow r = byId.get(id);
            assertThat(r).as("a conversation for %s", l).isNotNull();
            JsonNode f = l.get("flow");
            assertThat(l.get("proto").asText()).isEqualTo(r.type().toUpperCase());
            assertThat(l.get("pcap_cnt").asLong()).isEqualTo(r.firstFrame());
            assertThat(f.get("pkts_toserver").asLong() + f.get("pkts_toclient").asLong()).isEqualTo(r.frames());
            assertThat(f.get("bytes_toserver").asLong() + f.get("bytes_toclient").asLong()).isEqualTo(r.bytes());
            assertThat(Set.of(l.get("src_ip").asText() + " " + l.get("src_port").asInt(),
                    l.get("dest_ip").asText() + " " + l.get("dest_port").asInt()))
                    .isEqualTo(Set.of(r.aAddr() + " " + r.aPort(), r.bAddr() + " " + r.bPort()));
            Map<String, Object> json = ConversationReport.json(r, 6);
            assertThat(l.get("community_id").asText()).isEqualTo(json.get("community_id"));
            assertThat(f.get("state").asText()).isIn("new", "established", "closed");
            assertThat(f.get("reason").asText()).isIn("timeout", "shutdown", "forced");
            communityIds.put(id, l.get("community_id").asText());
        }
        assertThat(seen).as("every conversation has its flow event").hasSize(rows.size());
        // the flow's source is its client: the one the http lines of the same flow name
        Map<Long, String> clients = new HashMap<>();
        for (JsonNode l : lines) {
            if (l.get("event_type").asText().equals("flow")) clients.put(l.get("flow_id").asLong(), l.get("src_ip").asText() + " " + l.get("src_port"));
        }
        for (JsonNode l : lines) {
            if (l.get("event_type").asText().equals("http")) {
                assertThat(l.get("src_ip").asText() + " " + l.get("src_port")).as(l.toString()).isEqualTo(clients.get(l.get("flow_id").asLong()));
            }
        }
        // every other line about a flow names it by the same flow_id and Community ID
        for (JsonNode l : lines) {
            if (l.has("flow_id") && !l.get("event_type").asText().equals("anomaly")) {
                assertThat(l.get("community_id").asText()).as(l.toString()).isEqualTo(communityIds.get(l.get("flow_id").asLong()));
            }
        }
    }

    static void alertsAreTheFindings(List<JsonNode> lines, List<Finding> findings) {
        List<JsonNode> alerts = lines.stream().filter(l -> l.get("event_type").asText().equals("alert")).toList();
        assertThat(alerts).hasSize(findings.size());
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode a = alerts.get(i), alert = a.get("alert");
            Finding f = findings.get(i);
            assertThat(a.get("nta").get("finding").asInt()).isEqualTo(i);
            assertThat(a.get("nta").get("type").asText()).isEqualTo(f.type().id());
            assertThat(a.get("nta").get("filter").asText()).isEqualTo(f.filter());
            assertThat(a.get("pcap_cnt").asLong()).isEqualTo(f.firstFrame());
            assertThat(alert.get("action").asText()).isEqualTo("allowed");
            assertThat(alert.get("gid").asInt()).isEqualTo(1);
            assertThat(alert.get("rev").asInt()).isEqualTo(1);
            assertThat(alert.get("signature_id").asInt()).isEqualTo(EveSignatures.of(f.type()).sid());
            assertThat(alert.get("signature").asText()).isEqualTo(EveSignatures.of(f.type()).title());
            assertThat(alert.get("severity").asInt()).isBetween(1, 3);
            List<String> techniques = new ArrayList<>();
            JsonNode t = alert.get("metadata").get("mitre_technique_id");
            if (t != null) t.forEach(n -> techniques.add(n.asText()));
            assertThat(techniques).isEqualTo(f.techniques());
            if (f.attacker() != null) assertThat(a.get("src_ip").asText()).isEqualTo(f.attacker());
            if (f.victim() != null) assertThat(a.get("dest_ip").asText()).isEqualTo(f.victim());
            assertThat(a.has("flow_id")).as("an alert names a flow when its finding has one stream: %s", a)
                    .isEqualTo(f.streamCount() == 1 && a.has("src_port"));
        }
    }

    @Test
    void aMalformedPacketIsAnAnomalyLineOnItsFrame(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] good = Packets.eth(0x0800, Packets.ipv4("10.0.0.1", "10.0.0.2", 6, Packets.tcp(40000, 80, 1, 0, 0x02, new byte[0])));
        byte[] badIp = Packets.eth(0x0800, new byte[] {0x44, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2});
        // a TCP header claiming 4 bytes: addresses and ports are read, the header is not
        byte[] tcp = Packets.tcp(40001, 80, 1, 0, 0x02, new byte[0]);
        tcp[12] = 0x10;
        byte[] badTcp = Packets.eth(0x0800, Packets.ipv4("10.0.0.1", "10.0.0.2", 6, tcp));
        long t0 = 1_796_627_322_000_000_000L;
        Path f = dir.resolve("bad.pcap");
        java.nio.file.Files.write(f, CaptureFiles.pcap(false, false, 1, List.of(new CaptureFiles.Rec(t0, good),
                new CaptureFiles.Rec(t0 + 1000, badIp), new CaptureFiles.Rec(t0 + 2000, badTcp))));
        StringWriter w = new StringWriter();
        EveWriter eve = new EveWriter(w, "bad.pcap");
        try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
            new org.nta.engine.Engine(EngineConfig.DEFAULTS).run(src, List.of(eve));
        }
        eve.flush();
        List<JsonNode> anomalies = new ArrayList<>();
        for (String l : w.toString().split("\n")) {
            JsonNode n = JSON.readTree(l);
            if (n.get("event_type").asText().equals("anomaly")) anomalies.add(n);
        }
        assertThat(anomalies).hasSize(2);
        assertThat(anomalies.get(0).get("pcap_cnt").asLong()).isEqualTo(2);
        assertThat(anomalies.get(0).get("anomaly").get("type").asText()).isEqualTo("decode");
        assertThat(anomalies.get(0).get("anomaly").get("event").asText()).isEqualTo("ipv4.hlen_too_small");
        assertThat(anomalies.get(0).get("timestamp").asText()).isEqualTo("2026-12-07T07:08:42.000001+0000");
        JsonNode tcpAnomaly = anomalies.get(1);
        assertThat(tcpAnomaly.get("pcap_cnt").asLong()).isEqualTo(3);
        assertThat(tcpAnomaly.get("anomaly").get("event").asText()).isEqualTo("tcp.hlen_too_small");
        assertThat(tcpAnomaly.get("src_ip").asText()).isEqualTo("10.0.0.1");
        assertThat(tcpAnomaly.get("dest_ip").asText()).isEqualTo("10.0.0.2");
        assertThat(tcpAnomaly.get("proto").asText()).isEqualTo("TCP");
    }

    @Test
    void tlsLinesCarryEachConnectionsHellosAndCertificate() throws Exception {
        Path capture = TestFiles.capture("c2-https-beacon.pcap.gz");
        List<org.nta.event.TlsHello> hellos = new ArrayList<>();
        List<org.nta.event.TlsCertificate> certs = new ArrayList<>();
        StringWriter w = new StringWriter();
        EveWriter eve = new EveWriter(w, "c2");
        org.nta.pipeline.PacketSink collect = new org.nta.pipeline.PacketSink() {
            @Override
            public void onEvent(org.nta.event.Event e) {
                if (e instanceof org.nta.event.TlsHello h) hellos.add(h);
                if (e instanceof org.nta.event.TlsCertificate c) certs.add(c);
            }
        };
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new org.nta.engine.Engine(EngineConfig.DEFAULTS).run(src, List.of(eve, collect),
                    new org.nta.app.AppDispatcher(AppConfig.all()));
        }
        eve.flush();
        Map<Long, JsonNode> tls = new HashMap<>();
        for (String l : w.toString().split("\n")) {
            JsonNode n = JSON.readTree(l);
            if (n.get("event_type").asText().equals("tls")) assertThat(tls.put(n.get("flow_id").asLong(), n)).isNull();
        }
        List<org.nta.report.TlsReport.Row> rows = org.nta.report.TlsReport.rows(hellos, certs);
        assertThat(tls).hasSize(rows.size()).isNotEmpty();
        int withCert = 0;
        for (org.nta.report.TlsReport.Row r : rows) {
            JsonNode n = tls.get(EveWriter.flowId(true, r.conn().stream()));
            assertThat(n).as(r.conn().filter()).isNotNull();
            Map<String, Object> row = org.nta.report.TlsReport.json(r, 6);
            JsonNode t = n.get("tls");
            assertThat(n.get("src_ip").asText()).isEqualTo(row.get("client_addr"));
            assertThat(n.get("dest_port").asInt()).isEqualTo(row.get("server_port"));
            assertThat(n.get("community_id").asText()).isEqualTo(row.get("community_id"));
            if (!"".equals(row.get("sni"))) assertThat(t.get("sni").asText()).isEqualTo(row.get("sni"));
            if (row.get("ja3_hash") != null) assertThat(t.get("ja3").get("hash").asText()).isEqualTo(row.get("ja3_hash"));
            if (row.get("ja3s_hash") != null) assertThat(t.get("ja3s").get("hash").asText()).isEqualTo(row.get("ja3s_hash"));
            if (row.get("ja4") != null) assertThat(t.get("ja4").asText()).isEqualTo(row.get("ja4"));
            if (row.get("cert_subject") != null) {
                withCert++;
                assertThat(t.get("subject").asText()).isEqualTo(row.get("cert_subject"));
                assertThat(t.get("issuerdn").asText()).isEqualTo(row.get("cert_issuer"));
                assertThat(t.get("notafter").asText() + "Z").isEqualTo(row.get("cert_not_after"));
                assertThat(t.get("fingerprint").asText()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
            }
        }
        assertThat(withCert).isPositive();
    }

    @Test
    void sshLineHasBothBanners() throws Exception {
        Run run = run(TestFiles.capture("connect-scan-ffuf-post-shell.pcap.gz"));
        List<JsonNode> ssh = run.lines().stream().filter(l -> l.get("event_type").asText().equals("ssh")).toList();
        assertThat(ssh).isNotEmpty();
        JsonNode s = ssh.get(0);
        assertThat(s.get("dest_port").asInt()).isEqualTo(22);
        assertThat(s.get("ssh").get("server").get("software_version").asText()).isEqualTo("OpenSSH_7.6p1");
        assertThat(s.get("ssh").get("server").get("proto_version").asText()).isEqualTo("2.0");
    }

    @Test
    void everyKindOfFindingHasItsOwnSignature() {
        Set<Integer> sids = new HashSet<>();
        for (FindingType t : FindingType.values()) {
            EveSignatures.Signature s = EveSignatures.of(t);
            assertThat(sids.add(s.sid())).as(t.id()).isTrue();
            assertThat(s.sid()).isBetween(1_000_000, 1_999_999);
            assertThat(s.title()).startsWith("NTA ");
        }
        assertThat(EveSignatures.of(FindingType.PORT_SCAN).sid()).as("ids never change").isEqualTo(1_700_001);
        assertThat(EveSignatures.of(FindingType.ZEROLOGON).sid()).isEqualTo(1_700_026);
        assertThat(EveSignatures.severity(org.nta.detect.Severity.CRITICAL)).isEqualTo(1);
        assertThat(EveSignatures.severity(org.nta.detect.Severity.MEDIUM)).isEqualTo(2);
        assertThat(EveSignatures.severity(org.nta.detect.Severity.INFO)).isEqualTo(3);
    }

    @Test
    void suricatasTimeFormat() {
        assertThat(EveTime.format(1_796_627_322_349_628_123L)).isEqualTo("2026-12-07T07:08:42.349628+0000");
        assertThat(EveTls.colons("0a1b2c")).isEqualTo("0a:1b:2c");
        assertThat(EveTls.version(0x0303)).isEqualTo("TLS 1.2");
        assertThat(EveTls.version(0x0301)).isEqualTo("TLSv1");
    }
}
