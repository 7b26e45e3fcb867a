package org.nta.report.eve;

import org.nta.report.TlsConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

import org.nta.decode.Addresses;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.detect.Finding;
import org.nta.engine.StreamTuples;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpTransaction;
import org.nta.event.SshBanner;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.TransferredFile;
import org.nta.flow.Flow;
import org.nta.pipeline.CaptureSummary;
import org.nta.pipeline.PacketSink;
import org.nta.report.HttpReport;
import org.nta.report.Json;

/**
 * Suricata's EVE JSON, one object per line, written while the capture is read: {@code http}, {@code dns},
 * {@code fileinfo} and {@code anomaly} as their events come, {@code tls} and {@code ssh} once per connection
 * (when it ends, or when both SSH banners are in), {@code flow} when a flow is released, and after the run one
 * {@code alert} per finding ({@link #alerts}). Lines come in pipeline order, so the same capture gives the same
 * bytes. Only the TLS and SSH parts of connections still open are held. docs/eve.md lists the fields.
 */
public final class EveWriter implements PacketSink {
    private final Writer out;
    private final JsonGenerator g;
    private final java.util.function.Supplier<String> pcapFilename;
    private final Map<String, TlsConnection> tls = new LinkedHashMap<>();
    private final Map<String, SshBanner[]> ssh = new LinkedHashMap<>();
    private long lines;

    /** @param pcapFilename the capture as named on the command line, for {@code pcap_filename} */
    public EveWriter(Writer out, String pcapFilename) {
        this(out, () -> pcapFilename);
    }

    /**
     * @param pcapFilename the file being read when a line is written, for {@code pcap_filename} (as Suricata names
     *                     the file it is reading in its pcap directory mode)
     */
    public EveWriter(Writer out, java.util.function.Supplier<String> pcapFilename) {
        this.out = out;
        this.pcapFilename = pcapFilename;
        try {
            this.g = Json.mapper().getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null);
    }

    public long lines() {
        return lines;
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        if (p.anomaly != null) io(() -> anomaly(p, flow));
    }

    @Override
    public void onEvent(Event e) {
        io(() -> {
            if (e instanceof HttpTransaction t) http(t);
            else if (e instanceof DnsMessage m) dns(m);
            else if (e instanceof HttpFileObject f && f.source() != HttpFileObject.Source.FORM) fileinfo(f.conn(), f.direction(), "http", f.timeNs(), f.frame(),
                    f.originalName(), f.mimeType(), f.size(), f.sha256(), f.incomplete(), f.host(), f.uri(), f.method());
            else if (e instanceof TransferredFile f) fileinfo(f.conn(), f.direction(), appProto(f.protocol()), f.timeNs(),
                    f.frame(), f.originalName(), f.mimeType(), f.size(), f.sha256(), f.incomplete(), null, null, null);
            else if (e instanceof TlsHello h) tls.computeIfAbsent(h.conn().filter(), k -> new TlsConnection()).add(h);
            else if (e instanceof TlsCertificate c && c.fromServer()) tls.computeIfAbsent(c.conn().filter(), k -> new TlsConnection()).add(c);
            else if (e instanceof SshBanner b) ssh(b);
        });
    }

    @Override
    public void onFlowEnd(Flow f) {
        io(() -> {
            String key = (f.isTcp() ? "tcp" : "udp") + ".stream eq " + f.stream();
            TlsConnection t = tls.remove(key);
            if (t != null) tls(t);
            SshBanner[] s = ssh.remove(key);
            if (s != null) ssh(s);
            // a header quoted in an ICMP error takes a stream index but no packet of its own counts in it
            if (f.frames() > 0) flow(f);
        });
    }

    @Override
    public void onFinish(CaptureSummary summary) {
        io(() -> {
            for (TlsConnection t : tls.values()) tls(t);
            tls.clear();
            for (SshBanner[] s : ssh.values()) ssh(s);
            ssh.clear();
            g.flush();
        });
    }

    /** One {@code alert} per finding, in the findings' order; then flushes. */
    public void alerts(List<Finding> findings, StreamTuples streams) {
        alerts(findings, streams, null);
    }

    /**
     * @param fileOfFrame the file holding a frame, for an alert's {@code pcap_filename} (that of the finding's first
     *                    frame) when the capture was read from several files; null to name the file being read
     */
    public void alerts(List<Finding> findings, StreamTuples streams, java.util.function.LongFunction<String> fileOfFrame) {
        io(() -> {
            for (int i = 0; i < findings.size(); i++) alert(i, findings.get(i), streams, fileOfFrame);
            g.flush();
        });
    }

    /** Flushes what is written (the writer itself stays open). */
    public void flush() {
        io(() -> {
            g.flush();
            out.flush();
        });
    }

    // --- common part -------------------------------------------------------------------------------------------

    /** timestamp, flow_id, pcap_cnt, event_type and the tuple of a connection, seen from its client or its server. */
    private void head(long timeNs, long frame, String type, ConnInfo c, boolean fromClient) throws IOException {
        boolean tcp = "tcp".equals(c.transport());
        head(timeNs, frame, type, flowId(tcp, c.stream()));
        tuple(fromClient ? c.clientAddr() : c.serverAddr(), fromClient ? c.clientPort() : c.serverPort(),
                fromClient ? c.serverAddr() : c.clientAddr(), fromClient ? c.serverPort() : c.clientPort(),
                tcp ? "TCP" : "UDP");
        g.writeStringField("community_id", HttpReport.communityId(c));
    }

    private void head(long timeNs, long frame, String type, long flowId) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", EveTime.format(timeNs));
        if (flowId > 0) g.writeNumberField("flow_id", flowId);
        if (frame > 0) g.writeNumberField("pcap_cnt", frame);
        g.writeStringField("event_type", type);
    }

    private void tuple(String src, int srcPort, String dst, int dstPort, String proto) throws IOException {
        if (src != null) g.writeStringField("src_ip", src);
        if (srcPort >= 0) g.writeNumberField("src_port", srcPort);
        if (dst != null) g.writeStringField("dest_ip", dst);
        if (dstPort >= 0) g.writeNumberField("dest_port", dstPort);
        if (proto != null) g.writeStringField("proto", proto);
    }

    private void end() throws IOException {
        end(pcapFilename.get());
    }

    private void end(String file) throws IOException {
        g.writeStringField("pcap_filename", file);
        g.writeEndObject();
        g.writeRaw('\n');
        lines++;
    }

    /**
     * A flow's {@code flow_id}: 2 × {@code tcp.stream} + 1 for TCP, 2 × {@code udp.stream} + 2 for UDP, so that it is
     * stable across runs and leads back to Wireshark's stream.
     */
    public static long flowId(boolean tcp, int stream) {
        return stream < 0 ? 0 : 2L * stream + (tcp ? 1 : 2);
    }

    // --- event types -------------------------------------------------------------------------------------------

    private void flow(Flow f) throws IOException {
        boolean bClient = f.originatorIsB();
        head(f.startNs, f.firstFrame, "flow", flowId(f.isTcp(), f.stream()));
        tuple(bClient ? f.bAddr() : f.aAddr(), bClient ? f.bPort() : f.aPort(), bClient ? f.aAddr() : f.bAddr(),
                bClient ? f.aPort() : f.bPort(), f.isTcp() ? "TCP" : "UDP");
        g.writeStringField("community_id", f.communityId());
        if (f.app != null) g.writeStringField("app_proto", appProto(f.app.filterName()));
        g.writeObjectFieldStart("flow");
        g.writeNumberField("pkts_toserver", bClient ? f.framesBA : f.framesAB);
        g.writeNumberField("pkts_toclient", bClient ? f.framesAB : f.framesBA);
        g.writeNumberField("bytes_toserver", bClient ? f.bytesBA : f.bytesAB);
        g.writeNumberField("bytes_toclient", bClient ? f.bytesAB : f.bytesBA);
        g.writeStringField("start", EveTime.format(f.startNs));
        g.writeStringField("end", EveTime.format(f.endNs));
        g.writeNumberField("age", Math.max(0, (f.endNs - f.startNs) / 1_000_000_000L));
        String state = f.isTcp() && f.closed() ? "closed" : f.framesAB > 0 && f.framesBA > 0 ? "established" : "new";
        g.writeStringField("state", state);
        g.writeStringField("reason", f.timedOut() ? "timeout" : f.evicted() ? "forced" : "shutdown");
        g.writeBooleanField("alerted", false);
        g.writeEndObject();
        if (f.isTcp()) {
            g.writeObjectFieldStart("tcp");
            g.writeStringField("state", state);
            g.writeStringField("nta_conn_state", f.connState());
            g.writeStringField("nta_history", f.history());
            g.writeEndObject();
        }
        end();
    }

    private void http(HttpTransaction t) throws IOException {
        head(t.timeNs(), t.frame(), "http", t.conn(), true);
        g.writeNumberField("tx_id", t.request() != null ? t.request().index() : t.response().index());
        EveHttp.write(g, t);
        g.writeStringField("app_proto", "http");
        end();
    }

    private void dns(DnsMessage m) throws IOException {
        if (!m.response()) {
            // one line per question; a query without any (a server status request) still gets one
            List<DnsMessage.Question> questions = m.questions().isEmpty() ? java.util.Collections.singletonList(null) : m.questions();
            for (DnsMessage.Question question : questions) {
                head(m.timeNs(), m.frame(), "dns", m.conn(), true);
                g.writeObjectFieldStart("dns");
                EveDns.query(g, m, question);
                g.writeEndObject();
                g.writeStringField("app_proto", "dns");
                end();
            }
            return;
        }
        head(m.timeNs(), m.frame(), "dns", m.conn(), false);
        g.writeObjectFieldStart("dns");
        EveDns.answer(g, m);
        g.writeEndObject();
        g.writeStringField("app_proto", "dns");
        end();
    }

    private void tls(TlsConnection t) throws IOException {
        head(t.lastTimeNs(), t.frame(), "tls", t.conn(), true);
        g.writeObjectFieldStart("tls");
        EveTls.write(g, t);
        g.writeEndObject();
        g.writeStringField("app_proto", "tls");
        end();
    }

    private void ssh(SshBanner b) throws IOException {
        String key = b.conn().filter();
        SshBanner[] pair = ssh.computeIfAbsent(key, k -> new SshBanner[2]);
        int i = b.fromClient() ? 0 : 1;
        if (pair[i] == null) pair[i] = b;
        if (pair[0] != null && pair[1] != null) ssh(ssh.remove(key));
    }

    private void ssh(SshBanner[] pair) throws IOException {
        SshBanner last = pair[0] == null ? pair[1] : pair[1] == null || pair[0].frame() > pair[1].frame() ? pair[0] : pair[1];
        head(last.timeNs(), last.frame(), "ssh", last.conn(), true);
        g.writeObjectFieldStart("ssh");
        for (SshBanner b : pair) {
            if (b == null) continue;
            g.writeObjectFieldStart(b.fromClient() ? "client" : "server");
            g.writeStringField("proto_version", b.protoVersion());
            g.writeStringField("software_version", b.software());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeStringField("app_proto", "ssh");
        end();
    }

    private void fileinfo(ConnInfo c, HttpFileObject.Direction direction, String app, long timeNs, long frame,
                          String name, String magic, long size, String sha256, boolean gaps, String host, String uri,
                          String method) throws IOException {
        boolean upload = direction == HttpFileObject.Direction.UPLOAD;
        head(timeNs, frame, "fileinfo", c, upload);
        if (uri != null) {
            g.writeObjectFieldStart("http");
            if (host != null) g.writeStringField("hostname", host);
            g.writeStringField("url", uri);
            if (method != null) g.writeStringField("http_method", method);
            g.writeEndObject();
        }
        g.writeStringField("app_proto", app);
        g.writeObjectFieldStart("fileinfo");
        g.writeStringField("filename", name == null ? "" : name);
        if (magic != null) g.writeStringField("magic", magic);
        g.writeBooleanField("gaps", gaps);
        g.writeStringField("state", gaps ? "TRUNCATED" : "CLOSED");
        if (sha256 != null) g.writeStringField("sha256", sha256);
        g.writeBooleanField("stored", false);
        g.writeNumberField("size", size);
        g.writeEndObject();
        end();
    }

    private void anomaly(Packet p, Flow flow) throws IOException {
        IpLayer ip = p.innerIp();
        boolean ports = p.l4Proto == 6 || p.l4Proto == 17;
        head(p.frame.epochNanos(), p.frame.number, "anomaly", flow == null ? 0 : flowId(flow.isTcp(), flow.stream()));
        if (ip != null && ip.version != 0) {
            tuple(Addresses.format(ip.version, ip.srcHi, ip.srcLo), ports ? p.srcPort : -1,
                    Addresses.format(ip.version, ip.dstHi, ip.dstLo), ports ? p.dstPort : -1,
                    protoName(p.l4Proto >= 0 ? p.l4Proto : ip.proto));
        }
        if (flow != null) g.writeStringField("community_id", flow.communityId());
        g.writeObjectFieldStart("anomaly");
        g.writeStringField("type", "decode");
        g.writeStringField("event", p.anomaly.id());
        g.writeEndObject();
        end();
    }

    private void alert(int index, Finding f, StreamTuples streams, java.util.function.LongFunction<String> fileOfFrame) throws IOException {
        StreamTuples.Tuple t = streams.of(f);
        String src = f.attacker(), dst = f.victim(), proto = null;
        int srcPort = -1, dstPort = -1;
        if (t != null) {
            boolean aIsSrc = f.attacker() != null ? f.attacker().equals(t.aAddr()) : !t.aAddr().equals(f.victim());
            src = aIsSrc ? t.aAddr() : t.bAddr();
            dst = aIsSrc ? t.bAddr() : t.aAddr();
            srcPort = aIsSrc ? t.aPort() : t.bPort();
            dstPort = aIsSrc ? t.bPort() : t.aPort();
            proto = t.transport().toUpperCase(java.util.Locale.ROOT);
        } else if (f.filter().contains("tcp.") != f.filter().contains("udp.")) {
            proto = f.filter().contains("tcp.") ? "TCP" : "UDP";
        }
        head(f.firstTimeNs(), f.firstFrame(), "alert", t == null ? 0 : flowId("tcp".equals(t.transport()), t.stream()));
        tuple(src, srcPort, dst, dstPort, proto);
        if (t != null) g.writeStringField("community_id", t.communityId());
        EveAlert.write(g, index, f);
        String file = fileOfFrame == null ? null : fileOfFrame.apply(f.firstFrame());
        end(file != null ? file : pcapFilename.get());
    }

    // --- names -------------------------------------------------------------------------------------------------

    /** Suricata's app_proto names where they differ from the display filter names NTA uses. */
    static String appProto(String filterName) {
        return switch (filterName) {
            case "pop" -> "pop3";
            case "kerberos" -> "krb5";
            case "smb2", "nbss" -> "smb";
            case "wg" -> "wireguard";
            default -> filterName;
        };
    }

    private static String protoName(int proto) {
        return switch (proto) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 1 -> "ICMP";
            case 58 -> "IPv6-ICMP";
            case 132 -> "SCTP";
            case 47 -> "GRE";
            case -1 -> null;
            default -> Integer.toString(proto);
        };
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
