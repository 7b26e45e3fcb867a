package org.nta.export;

import static org.nta.export.ParquetTable.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import org.nta.app.dns.DnsTypes;
import org.nta.detect.Finding;
import org.nta.engine.StreamTuples;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.TransferredFile;
import org.nta.event.X509Certificate;
import org.nta.flow.Flow;
import org.nta.pipeline.CaptureSummary;
import org.nta.pipeline.PacketSink;
import org.nta.report.HttpReport;
import org.nta.report.Json;
import org.nta.report.TlsConnection;

/**
 * Zeek-style tables as Parquet files, written while the capture is read: {@code conn} at each flow's end,
 * {@code http}, {@code dns} and {@code files} as their events come, {@code tls} once per connection (when it ends),
 * and {@code findings} after the run ({@link #finish}). Every table has {@code uid} ("tcp-12": the transport and
 * Wireshark's stream index, as the analysis names flows in its filters) and {@code community_id}, to join them. Only
 * the TLS parts of connections still open are held, as in EVE. docs/export.md describes the columns.
 */
public final class ParquetExport implements PacketSink {
    /** The columns every event table starts with: when, which connection, its client (orig) and server (resp). */
    private static final String CONN_COLUMNS = """
              required int64 ts (TIMESTAMP(MICROS,true));
              required binary uid (STRING);
              required binary community_id (STRING);
              required binary orig_h (STRING);
              required int32 orig_p;
              required binary resp_h (STRING);
              required int32 resp_p;
              required binary proto (STRING);
            """;

    static final String CONN = """
            message conn {
              required int64 ts (TIMESTAMP(MICROS,true));
              required binary uid (STRING);
              required binary community_id (STRING);
              required binary orig_h (STRING);
              required int32 orig_p;
              required binary resp_h (STRING);
              required int32 resp_p;
              required binary proto (STRING);
              optional binary service (STRING);
              required double duration;
              required int64 orig_bytes;
              required int64 resp_bytes;
              required int64 orig_pkts;
              required int64 resp_pkts;
              required int64 orig_payload_bytes;
              required int64 resp_payload_bytes;
              optional binary conn_state (STRING);
              optional binary history (STRING);
              required binary end_reason (STRING);
              required int32 stream;
              required int64 first_frame;
              required int64 last_frame;
              required binary capture (STRING);
            }
            """;

    static final String HTTP = "message http {\n" + CONN_COLUMNS + """
              required int32 trans_depth;
              optional binary method (STRING);
              optional binary host (STRING);
              optional binary uri (STRING);
              optional binary referrer (STRING);
              optional binary version (STRING);
              optional binary user_agent (STRING);
              optional int64 request_body_len;
              optional int64 response_body_len;
              optional int32 status_code;
              optional binary status_msg (STRING);
              optional binary content_type (STRING);
              optional binary location (STRING);
              optional binary server (STRING);
              optional int64 request_frame;
              optional int64 response_frame;
            }
            """;

    static final String DNS = "message dns {\n" + CONN_COLUMNS + """
              required binary type (STRING);
              required int32 trans_id;
              required int32 opcode;
              optional binary query (STRING);
              optional int32 qtype;
              optional binary qtype_name (STRING);
              optional int32 rcode;
              optional binary rcode_name (STRING);
              required boolean aa;
              required boolean tc;
              required boolean rd;
              required boolean ra;
              optional group answers (LIST) { repeated group list { required binary element (STRING); } }
              optional group ttls (LIST) { repeated group list { required int64 element; } }
              required boolean malformed;
              required int64 frame;
            }
            """;

    static final String TLS = "message tls {\n" + CONN_COLUMNS + """
              optional binary version (STRING);
              optional int32 cipher;
              optional binary server_name (STRING);
              optional binary ja3 (STRING);
              optional binary ja3s (STRING);
              optional binary ja4 (STRING);
              optional group client_alpn (LIST) { repeated group list { required binary element (STRING); } }
              optional binary next_protocol (STRING);
              optional binary subject (STRING);
              optional binary issuer (STRING);
              optional binary serial (STRING);
              optional int64 not_valid_before (TIMESTAMP(MICROS,true));
              optional int64 not_valid_after (TIMESTAMP(MICROS,true));
              optional binary cert_sha1 (STRING);
              optional binary cert_sha256 (STRING);
              required int64 frame;
            }
            """;

    static final String FILES = "message files {\n" + CONN_COLUMNS + """
              required binary protocol (STRING);
              required binary direction (STRING);
              required binary source (STRING);
              optional binary filename (STRING);
              required int64 size;
              optional binary sha256 (STRING);
              optional binary mime_type (STRING);
              optional binary declared_type (STRING);
              required boolean incomplete;
              optional binary method (STRING);
              optional binary host (STRING);
              optional binary uri (STRING);
              optional binary command (STRING);
              optional binary control_uid (STRING);
              required int64 first_frame;
              required int64 frame;
            }
            """;

    static final String FINDINGS = """
            message findings {
              required int64 ts (TIMESTAMP(MICROS,true));
              optional binary uid (STRING);
              optional binary community_id (STRING);
              required binary type (STRING);
              required binary severity (STRING);
              required binary phase (STRING);
              optional binary attacker (STRING);
              optional binary victim (STRING);
              required int64 first_frame;
              required int64 last_frame;
              required int64 first_time (TIMESTAMP(MICROS,true));
              required int64 last_time (TIMESTAMP(MICROS,true));
              optional boolean succeeded;
              optional group techniques (LIST) { repeated group list { required binary element (STRING); } }
              optional group streams (LIST) { repeated group list { required int32 element; } }
              required int32 stream_count;
              required binary filter (STRING);
              required binary summary (STRING);
              required binary evidence (STRING);
            }
            """;

    private static final ObjectWriter COMPACT = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final ParquetTable conn, http, dns, tls, files, findings;
    private final List<ParquetTable> all;
    private final LongFunction<String> fileOfFrame;
    /** The hellos and certificate of TLS connections not yet ended, by uid. */
    private final Map<String, TlsConnection> tlsOpen = new LinkedHashMap<>();

    /** @param fileOfFrame the capture file holding a frame (the file being read, when not yet known) */
    ParquetExport(Path dir, CompressionCodecName codec, LongFunction<String> fileOfFrame) throws IOException {
        this(ParquetTarget.directory(dir), codec, fileOfFrame);
    }

    /**
     * The tables written where {@code target} says (another file system's, for the Spark application); given to the
     * analysis as one of its extra sinks, then {@link #finish}ed with its findings, or {@link #abandon}ed.
     *
     * @param fileOfFrame the capture file holding a frame (the file being read, when not yet known)
     */
    public ParquetExport(ParquetTarget target, CompressionCodecName codec, LongFunction<String> fileOfFrame) throws IOException {
        List<ParquetTable> opened = new ArrayList<>();
        try {
            for (String schema : List.of(CONN, HTTP, DNS, TLS, FILES, FINDINGS)) opened.add(new ParquetTable(target, schema, codec));
        } catch (IOException | RuntimeException e) {
            for (ParquetTable t : opened) t.abandon();
            throw e;
        }
        all = List.copyOf(opened);
        conn = all.get(0);
        http = all.get(1);
        dns = all.get(2);
        tls = all.get(3);
        files = all.get(4);
        findings = all.get(5);
        this.fileOfFrame = fileOfFrame;
    }

    List<ParquetTable> tables() {
        return all;
    }

    /** NTA's name for a flow: "tcp-12", "udp-3" (the transport and Wireshark's tcp.stream or udp.stream). */
    static String uid(String transport, int stream) {
        return transport + "-" + stream;
    }

    // --- the pipeline ------------------------------------------------------------------------------------------

    @Override
    public void onEvent(Event e) {
        io(() -> {
            if (e instanceof HttpTransaction t) http(t);
            else if (e instanceof DnsMessage m) dns(m);
            else if (e instanceof HttpFileObject f && f.source() != HttpFileObject.Source.FORM) file(f);
            else if (e instanceof TransferredFile f) file(f);
            else if (e instanceof TlsHello h) tlsOpen.computeIfAbsent(uid(h.conn()), k -> new TlsConnection()).add(h);
            else if (e instanceof TlsCertificate c && c.fromServer()) tlsOpen.computeIfAbsent(uid(c.conn()), k -> new TlsConnection()).add(c);
        });
    }

    @Override
    public void onFlowEnd(Flow f) {
        io(() -> {
            TlsConnection t = tlsOpen.remove(uid(f.isTcp() ? "tcp" : "udp", f.stream()));
            if (t != null) tls(t);
            // a header quoted in an ICMP error takes a stream index but no packet of its own counts in it
            if (f.frames() > 0) conn(f);
        });
    }

    @Override
    public void onFinish(CaptureSummary summary) {
        io(() -> {
            for (TlsConnection t : tlsOpen.values()) tls(t);
            tlsOpen.clear();
        });
    }

    /** The tables' names, in the order they are written: conn, http, dns, tls, files, findings. */
    public static List<String> tableNames() {
        return List.of("conn", "http", "dns", "tls", "files", "findings");
    }

    /** Writes the findings, then completes every file. */
    public void finish(List<Finding> list, StreamTuples streams) throws IOException {
        for (Finding f : list) finding(f, streams);
        for (ParquetTable t : all) t.commit();
    }

    /** Removes the files of a run that failed. */
    public void abandon() {
        for (ParquetTable t : all) t.abandon();
    }

    // --- rows --------------------------------------------------------------------------------------------------

    private void conn(Flow f) throws IOException {
        boolean bOrig = f.originatorIsB();
        String transport = f.isTcp() ? "tcp" : "udp";
        Group g = conn.row();
        time(g, "ts", f.startNs);
        g.append("uid", uid(transport, f.stream()));
        g.append("community_id", f.communityId());
        g.append("orig_h", bOrig ? f.bAddr() : f.aAddr());
        g.append("orig_p", bOrig ? f.bPort() : f.aPort());
        g.append("resp_h", bOrig ? f.aAddr() : f.bAddr());
        g.append("resp_p", bOrig ? f.aPort() : f.bPort());
        g.append("proto", transport);
        if (f.app != null) g.append("service", f.app.filterName());
        g.append("duration", Math.max(0, f.endNs - f.startNs) / 1e9);
        g.append("orig_bytes", bOrig ? f.bytesBA : f.bytesAB);
        g.append("resp_bytes", bOrig ? f.bytesAB : f.bytesBA);
        g.append("orig_pkts", bOrig ? f.framesBA : f.framesAB);
        g.append("resp_pkts", bOrig ? f.framesAB : f.framesBA);
        g.append("orig_payload_bytes", bOrig ? f.payloadBA : f.payloadAB);
        g.append("resp_payload_bytes", bOrig ? f.payloadAB : f.payloadBA);
        put(g, "conn_state", f.connState());
        put(g, "history", f.history());
        g.append("end_reason", f.timedOut() ? "timeout" : f.evicted() ? "evicted" : "capture_end");
        g.append("stream", f.stream());
        g.append("first_frame", f.firstFrame);
        g.append("last_frame", f.lastFrame);
        String file = fileOfFrame.apply(f.firstFrame);
        g.append("capture", file == null ? "" : file);
        conn.write(g);
    }

    /** The common columns of an event table; {@code orig} is the connection's client. */
    private static Group head(ParquetTable t, long timeNs, ConnInfo c) {
        Group g = t.row();
        time(g, "ts", timeNs);
        g.append("uid", uid(c));
        g.append("community_id", HttpReport.communityId(c));
        g.append("orig_h", c.clientAddr());
        g.append("orig_p", c.clientPort());
        g.append("resp_h", c.serverAddr());
        g.append("resp_p", c.serverPort());
        g.append("proto", c.transport());
        return g;
    }

    private static String uid(ConnInfo c) {
        return uid(c.transport(), c.stream());
    }

    private void http(HttpTransaction t) throws IOException {
        HttpRequest q = t.request();
        HttpResponse r = t.response();
        Group g = head(http, t.startTimeNs(), t.conn());
        g.append("trans_depth", (q != null ? q.index() : r.index()) + 1);
        if (q != null) {
            g.append("method", q.method());
            put(g, "host", q.host());
            put(g, "uri", q.uri());
            put(g, "referrer", q.referer());
            put(g, "user_agent", q.userAgent());
            g.append("request_body_len", q.body().decodedLength());
        }
        String version = q != null ? q.version() : r.version();
        put(g, "version", version);
        if (r != null) {
            g.append("response_body_len", r.body().decodedLength());
            g.append("status_code", r.status());
            put(g, "status_msg", r.reason());
            put(g, "content_type", r.contentType());
            put(g, "location", r.location());
            put(g, "server", r.server());
        }
        if (q != null) g.append("request_frame", q.frame());
        if (r != null) g.append("response_frame", r.frame());
        http.write(g);
    }

    private void dns(DnsMessage m) throws IOException {
        if (!m.response()) {
            // one row per question, as EVE; a query without any (a server status request) still gets one
            List<DnsMessage.Question> questions = m.questions().isEmpty() ? java.util.Collections.singletonList(null) : m.questions();
            for (DnsMessage.Question question : questions) {
                Group g = dnsHead(m, "query");
                if (question != null) {
                    g.append("query", question.name());
                    g.append("qtype", question.type());
                    g.append("qtype_name", DnsTypes.typeName(question.type()));
                }
                dnsTail(g, m);
                dns.write(g);
            }
            return;
        }
        Group g = dnsHead(m, "answer");
        if (!m.questions().isEmpty()) {
            g.append("query", m.qname());
            g.append("qtype", m.qtype());
            g.append("qtype_name", DnsTypes.typeName(m.qtype()));
        }
        g.append("rcode", m.extendedRcode());
        g.append("rcode_name", DnsTypes.rcodeName(m.extendedRcode()));
        List<String> answers = new ArrayList<>();
        List<Long> ttls = new ArrayList<>();
        for (DnsMessage.Record a : m.answers()) {
            answers.add(a.data());
            ttls.add(a.ttl());
        }
        strings(g, "answers", answers);
        longs(g, "ttls", ttls);
        dnsTail(g, m);
        dns.write(g);
    }

    private Group dnsHead(DnsMessage m, String type) {
        Group g = head(dns, m.timeNs(), m.conn());
        g.append("type", type);
        g.append("trans_id", m.id());
        g.append("opcode", m.opcode());
        return g;
    }

    private static void dnsTail(Group g, DnsMessage m) {
        g.append("aa", m.aa());
        g.append("tc", m.tc());
        g.append("rd", m.rd());
        g.append("ra", m.ra());
        g.append("malformed", m.malformed());
        g.append("frame", m.frame());
    }

    private void file(HttpFileObject f) throws IOException {
        Group g = fileHead(f.conn(), f.timeNs(), "http", f.direction(), f.source().id(), f.originalName(), f.size(),
                f.sha256(), f.mimeType(), f.declaredType(), f.incomplete());
        put(g, "method", f.method());
        put(g, "host", f.host());
        put(g, "uri", f.uri());
        fileTail(g, f.firstFrame(), f.frame());
    }

    private void file(TransferredFile f) throws IOException {
        Group g = fileHead(f.conn(), f.timeNs(), f.protocol(), f.direction(), f.source(), f.originalName(), f.size(),
                f.sha256(), f.mimeType(), f.declaredType(), f.incomplete());
        put(g, "command", f.command());
        if (f.control() != null) g.append("control_uid", uid(f.control()));
        fileTail(g, f.firstFrame(), f.frame());
    }

    private Group fileHead(ConnInfo c, long timeNs, String protocol, HttpFileObject.Direction direction, String source,
                           String name, long size, String sha256, String mime, String declared, boolean incomplete) {
        Group g = head(files, timeNs, c);
        g.append("protocol", protocol);
        g.append("direction", direction.id());
        g.append("source", source);
        put(g, "filename", name == null || name.isEmpty() ? null : name);
        g.append("size", size);
        put(g, "sha256", sha256);
        put(g, "mime_type", mime);
        put(g, "declared_type", declared);
        g.append("incomplete", incomplete);
        return g;
    }

    private void fileTail(Group g, long firstFrame, long frame) throws IOException {
        g.append("first_frame", firstFrame);
        g.append("frame", frame);
        files.write(g);
    }

    private void tls(TlsConnection t) throws IOException {
        Group g = head(tls, t.firstTimeNs(), t.conn());
        TlsHello v = t.server() != null ? t.server() : t.client();
        if (v != null) g.append("version", version(v.version()));
        if (t.server() != null && t.server().selectedCipher() >= 0) g.append("cipher", t.server().selectedCipher());
        if (t.client() != null && !t.client().sni().isEmpty()) g.append("server_name", t.client().sni());
        if (t.client() != null) put(g, "ja3", t.client().ja3Hash());
        if (t.server() != null) put(g, "ja3s", t.server().ja3Hash());
        if (t.client() != null) put(g, "ja4", t.client().ja4());
        if (t.client() != null) strings(g, "client_alpn", t.client().alpn());
        if (t.server() != null && !t.server().alpn().isEmpty()) g.append("next_protocol", t.server().alpn().get(0));
        X509Certificate leaf = t.certificate() == null ? null : t.certificate().leaf();
        if (leaf != null && !leaf.malformed()) {
            g.append("subject", leaf.subject().text());
            g.append("issuer", leaf.issuer().text());
            put(g, "serial", leaf.serial() == null ? null : leaf.serial().toUpperCase(java.util.Locale.ROOT));
            g.append("not_valid_before", leaf.notBefore() * 1_000_000L);
            g.append("not_valid_after", leaf.notAfter() * 1_000_000L);
        }
        if (leaf != null) {
            put(g, "cert_sha1", leaf.sha1());
            put(g, "cert_sha256", leaf.sha256());
        }
        g.append("frame", t.frame());
        tls.write(g);
    }

    /** Zeek's names for the versions (ssl.log's version column). */
    static String version(int v) {
        return switch (v) {
            case 0x0002 -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv10";
            case 0x0302 -> "TLSv11";
            case 0x0303 -> "TLSv12";
            case 0x0304 -> "TLSv13";
            default -> String.format(java.util.Locale.ROOT, "unknown-%d", v);
        };
    }

    private void finding(Finding f, StreamTuples streams) throws IOException {
        StreamTuples.Tuple one = streams.of(f);
        Group g = findings.row();
        time(g, "ts", f.firstTimeNs());
        if (one != null) {
            g.append("uid", uid(one.transport(), one.stream()));
            g.append("community_id", one.communityId());
        }
        g.append("type", f.type().id());
        g.append("severity", f.severity().id());
        g.append("phase", f.phase().id());
        put(g, "attacker", f.attacker());
        put(g, "victim", f.victim());
        g.append("first_frame", f.firstFrame());
        g.append("last_frame", f.lastFrame());
        time(g, "first_time", f.firstTimeNs());
        time(g, "last_time", f.lastTimeNs());
        put(g, "succeeded", f.succeeded());
        strings(g, "techniques", f.techniques());
        ints(g, "streams", f.streams());
        g.append("stream_count", f.streamCount());
        g.append("filter", f.filter());
        g.append("summary", f.summary());
        g.append("evidence", COMPACT.writeValueAsString(f.evidence()));
        findings.write(g);
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private static void io(IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
