package org.nta.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpTransaction;
import org.nta.event.TransferredFile;
import org.nta.pipeline.PacketSink;
import org.nta.stats.ConversationCollector;
import org.nta.stats.ConversationRow;

/**
 * The tables nta export writes, read back by an independent reader (DuckDB's read_parquet), against the analysis of
 * the same capture: its stream counts, the Conversations table (itself tested against tshark), its events and
 * findings; and against tshark where that is cheap.
 */
class ParquetTablesTest {
    static final String SAMPLE = "../samples/webshell-lab.pcap.gz";
    static final String CAPTURES = "../nta-core/src/test/resources/captures/";

    @TempDir
    static Path tmp;

    private static final Map<String, Run> RUNS = new HashMap<>();
    private static Connection db;

    /** One export of a capture and the analysis of it, with what the tables should hold. */
    record Run(Path dir, Analysis.Result result, List<ConversationRow> conversations, long httpTransactions,
               long dnsRows, long fileObjects) {
        String table(String name) {
            return "read_parquet('" + dir.resolve(name + ".parquet") + "')";
        }
    }

    static synchronized Run run(String capture) throws Exception {
        Run r = RUNS.get(capture);
        if (r != null) return r;
        Path dir = tmp.resolve("export-" + RUNS.size());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = ExportMain.execute(new PrintWriter(out), new PrintWriter(err), "export", capture, "--parquet", dir.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        ConversationCollector conv = new ConversationCollector(false, false, true, true);
        long[] counts = new long[3];
        PacketSink events = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                if (e instanceof HttpTransaction) counts[0]++;
                else if (e instanceof DnsMessage m) counts[1] += m.response() ? 1 : Math.max(1, m.questions().size());
                else if (e instanceof HttpFileObject f && f.source() != HttpFileObject.Source.FORM || e instanceof TransferredFile) counts[2]++;
            }
        };
        Analysis.Result result;
        try (CaptureSource src = CaptureSource.open(capture, false)) {
            result = Analysis.run(src, EngineConfig.DEFAULTS, ExportCommand.appConfig(), DetectionConfig.DEFAULTS, List.of(conv, events));
        }
        List<ConversationRow> rows = new ArrayList<>(conv.rows("tcp"));
        rows.addAll(conv.rows("udp"));
        r = new Run(dir, result, rows, counts[0], counts[1], counts[2]);
        RUNS.put(capture, r);
        return r;
    }

    static synchronized Statement sql() throws SQLException {
        if (db == null) db = DriverManager.getConnection("jdbc:duckdb:");
        return db.createStatement();
    }

    static long count(String query) throws SQLException {
        try (Statement s = sql(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {SAMPLE, CAPTURES + "c2-http-beacon.pcap.gz", CAPTURES + "c2-https-beacon.pcap.gz"})
    void connHasOneUidPerStreamAndTheConversationsTablesCounts(String capture) throws Exception {
        Run r = run(capture);
        long streams = r.result().capture().tcpStreams() + r.result().capture().udpStreams();
        assertThat(streams).isPositive();
        // a stream seen again after it was released (late packets past its timeout) has a second row: same uid
        assertThat(count("select count(distinct uid) from " + r.table("conn"))).isEqualTo(streams);
        assertThat(count("select count(*) from " + r.table("conn"))).isGreaterThanOrEqualTo(streams);
        Map<String, ConversationRow> byUid = new HashMap<>();
        for (ConversationRow c : r.conversations()) byUid.put(c.type() + "-" + c.stream(), c);
        assertThat(byUid).hasSize((int) streams);
        String q = "select uid, min(orig_h), min(resp_h), sum(orig_bytes), sum(resp_bytes), sum(orig_pkts), sum(resp_pkts), "
                + "min(first_frame), max(last_frame), min(proto), min(stream) from " + r.table("conn") + " group by uid";
        int seen = 0;
        try (Statement s = sql(); ResultSet rs = s.executeQuery(q)) {
            while (rs.next()) {
                String uid = rs.getString(1);
                ConversationRow c = byUid.get(uid);
                assertThat(c).as(uid).isNotNull();
                boolean origIsA = rs.getString(2).equals(c.aAddr()) && rs.getString(3).equals(c.bAddr())
                        && !(c.aAddr().equals(c.bAddr()));
                long ob = rs.getLong(4), rb = rs.getLong(5), op = rs.getLong(6), rp = rs.getLong(7);
                // the conversation's A is the first sender; the originator may be B (the SYN was not captured first)
                if (origIsA || c.aAddr().equals(c.bAddr()) && ob == c.bytesAB()) {
                    assertThat(new long[] {ob, rb, op, rp}).as(uid).containsExactly(c.bytesAB(), c.bytesBA(), c.framesAB(), c.framesBA());
                } else {
                    assertThat(new long[] {ob, rb, op, rp}).as(uid).containsExactly(c.bytesBA(), c.bytesAB(), c.framesBA(), c.framesAB());
                }
                assertThat(rs.getLong(8)).as(uid).isEqualTo(c.firstFrame());
                assertThat(rs.getLong(9)).as(uid).isEqualTo(c.lastFrame());
                assertThat(rs.getString(10)).as(uid).isEqualTo(c.type());
                assertThat(rs.getInt(11)).as(uid).isEqualTo(c.stream());
                seen++;
            }
        }
        assertThat(seen).isEqualTo(streams);
        assertThat(count("select count(*) from " + r.table("conn") + " where capture <> '" + capture + "'")).isZero();
        assertThat(count("select count(*) from " + r.table("conn") + " where community_id not like '1:%'")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {SAMPLE, CAPTURES + "c2-http-beacon.pcap.gz", CAPTURES + "c2-https-beacon.pcap.gz"})
    void eventTablesHoldEveryEventAndJoinConn(String capture) throws Exception {
        Run r = run(capture);
        assertThat(count("select count(*) from " + r.table("http"))).isEqualTo(r.httpTransactions())
                .isEqualTo(r.result().stats().getOrDefault("http_transaction_events", 0L));
        assertThat(count("select count(*) from " + r.table("dns"))).isEqualTo(r.dnsRows());
        assertThat(count("select count(*) from " + r.table("files"))).isEqualTo(r.fileObjects());
        for (String t : List.of("http", "dns", "tls", "files")) {
            // every row's connection is in conn, with the same Community ID and the same client and server
            assertThat(count("select count(*) from " + r.table(t) + " e where not exists (select 1 from " + r.table("conn")
                    + " c where c.uid = e.uid and c.community_id = e.community_id)")).as(t).isZero();
        }
        if (r.httpTransactions() > 0) assertThat(count("select count(*) from " + r.table("http") + " e join " + r.table("conn")
                + " c using (uid) where c.orig_h <> e.orig_h or c.resp_p <> e.resp_p")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {SAMPLE, CAPTURES + "c2-http-beacon.pcap.gz", CAPTURES + "c2-https-beacon.pcap.gz"})
    void findingsAreTheAnalysisFindingsAndJoinConn(String capture) throws Exception {
        Run r = run(capture);
        List<Finding> expected = r.result().findings();
        assertThat(expected).isNotEmpty();
        List<String> rows = new ArrayList<>();
        try (Statement s = sql(); ResultSet rs = s.executeQuery("select type, severity, first_frame, last_frame, filter, "
                + "json_valid(evidence) from " + r.table("findings"))) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + "-" + rs.getLong(4) + " " + rs.getString(5));
                assertThat(rs.getBoolean(6)).isTrue();
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected.stream().map(f -> f.type().id() + " " + f.severity().id() + " "
                + f.firstFrame() + "-" + f.lastFrame() + " " + f.filter()).toList());
        long withId = expected.stream().filter(f -> r.result().streams().of(f) != null).count();
        assertThat(count("select count(*) from " + r.table("findings") + " where community_id is not null")).isEqualTo(withId);
        assertThat(count("select count(*) from " + r.table("findings") + " f where community_id is not null and not exists "
                + "(select 1 from " + r.table("conn") + " c where c.community_id = f.community_id and c.uid = f.uid)")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {SAMPLE, CAPTURES + "c2-http-beacon.pcap.gz", CAPTURES + "c2-https-beacon.pcap.gz"})
    void tsharkSeesTheSameDnsFramesHttpRequestsAndTlsHandshakes(String capture) throws Exception {
        assumeTrue(hasTshark() || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        Run r = run(capture);
        assertThat(count("select count(distinct frame) from " + r.table("dns")))
                .isEqualTo(tshark(capture, "dns", "frame.number").size());
        assertThat(count("select count(*) from " + r.table("http") + " where method is not null"))
                .isEqualTo(tshark(capture, "http.request", "frame.number").size());
        assertThat(count("select count(*) from " + r.table("tls") + " where ja3 is not null"))
                .isEqualTo(tshark(capture, "tls.handshake.type == 1", "tcp.stream").stream().distinct().count());
        List<String> sni = tshark(capture, "tls.handshake.extensions_server_name", "tls.handshake.extensions_server_name");
        assertThat(count("select count(*) from " + r.table("tls") + " where server_name is not null")).isEqualTo(sni.size());
    }

    static boolean hasTshark() {
        try {
            return new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static List<String> tshark(String capture, String filter, String field) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-r", capture, "-Y", filter, "-T", "fields", "-e", field)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
