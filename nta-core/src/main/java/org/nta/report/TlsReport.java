package org.nta.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nta.app.tls.TlsVersions;
import org.nta.event.ConnInfo;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.X509Certificate;

/**
 * {@code nta tls}: one row per TLS connection, pairing its ClientHello with its ServerHello (the final one after a
 * HelloRetryRequest). JSON fields: frame (of the ClientHello, else of the ServerHello), time, stream, client_addr,
 * client_port, server_addr, server_port, sni, alpn (offered), alpn_selected, version (negotiated, else the client's
 * highest), ja3, ja3_hash, ja4, ja3s, ja3s_hash, cipher (selected, hex), server_frame; null where a hello was not
 * seen; then the server's leaf certificate (TLS 1.2 and earlier): cert_frame, cert_subject, cert_issuer,
 * cert_not_before, cert_not_after, cert_san (dNSNames and addresses), cert_self_signed (issuer equals subject; no
 * signature is checked), cert_sha256, and cert_note ("encrypted (TLS 1.3)" when the server chose TLS 1.3, whose
 * certificates are never in clear; null otherwise); last community_id (of the connection). CSV has the same columns,
 * alpn and cert_san joined with ",".
 */
public final class TlsReport {
    public static final List<String> COLUMNS = List.of("frame", "time", "stream", "client_addr", "client_port",
            "server_addr", "server_port", "sni", "alpn", "alpn_selected", "version", "ja3", "ja3_hash", "ja4", "ja3s",
            "ja3s_hash", "cipher", "server_frame", "cert_frame", "cert_subject", "cert_issuer", "cert_not_before",
            "cert_not_after", "cert_san", "cert_self_signed", "cert_sha256", "cert_note", "community_id");

    private TlsReport() {}

    /** A connection's hellos, either null when not captured or not parsable, and the server's certificate or null. */
    public record Row(TlsHello client, TlsHello server, TlsCertificate certificate) {
        public Row(TlsHello client, TlsHello server) {
            this(client, server, null);
        }

        public TlsHello first() {
            return client != null ? client : server;
        }

        public ConnInfo conn() {
            return first().conn();
        }
    }

    /** Pairs hellos by connection, in the order connections were first seen. */
    public static List<Row> rows(List<TlsHello> hellos) {
        return rows(hellos, List.of());
    }

    /** Hellos and the servers' certificates by connection (a certificate joins the row of its connection). */
    public static List<Row> rows(List<TlsHello> hellos, List<TlsCertificate> certificates) {
        Map<String, TlsCertificate> certs = new LinkedHashMap<>();
        for (TlsCertificate c : certificates) if (c.fromServer()) certs.putIfAbsent(c.conn().filter(), c);
        Map<String, TlsHello[]> byConn = new LinkedHashMap<>();
        for (TlsHello h : hellos) {
            TlsHello[] pair = byConn.computeIfAbsent(h.conn().filter(), k -> new TlsHello[2]);
            if (h.fromClient()) {
                if (pair[0] == null) pair[0] = h;
            } else if (pair[1] == null || pair[1].helloRetryRequest()) {
                pair[1] = h;
            }
        }
        List<Row> rows = new ArrayList<>(byConn.size());
        for (Map.Entry<String, TlsHello[]> e : byConn.entrySet()) {
            rows.add(new Row(e.getValue()[0], e.getValue()[1], certs.get(e.getKey())));
        }
        return rows;
    }

    public static Map<String, Object> json(Row r, int digits) {
        TlsHello c = r.client(), s = r.server(), f = r.first();
        ConnInfo conn = r.conn();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("frame", f.frame());
        o.put("time", TimeFormat.isoUtc(f.timeNs(), digits));
        o.put("stream", conn.stream());
        o.put("client_addr", conn.clientAddr());
        o.put("client_port", conn.clientPort());
        o.put("server_addr", conn.serverAddr());
        o.put("server_port", conn.serverPort());
        o.put("sni", c == null ? null : c.sni());
        o.put("alpn", c == null ? null : c.alpn());
        o.put("alpn_selected", s == null || s.alpn().isEmpty() ? null : s.alpn().get(0));
        o.put("version", TlsVersions.name(s != null ? s.version() : c.version()));
        o.put("ja3", c == null ? null : c.ja3());
        o.put("ja3_hash", c == null ? null : c.ja3Hash());
        o.put("ja4", c == null ? null : c.ja4());
        o.put("ja3s", s == null ? null : s.ja3());
        o.put("ja3s_hash", s == null ? null : s.ja3Hash());
        o.put("cipher", s == null ? null : String.format(Locale.ROOT, "0x%04x", s.selectedCipher()));
        o.put("server_frame", s == null ? null : s.frame());
        TlsCertificate cert = r.certificate();
        X509Certificate leaf = cert == null ? null : cert.leaf();
        boolean read = leaf != null && !leaf.malformed();
        o.put("cert_frame", cert == null ? null : cert.frame());
        o.put("cert_subject", read ? leaf.subject().text() : null);
        o.put("cert_issuer", read ? leaf.issuer().text() : null);
        o.put("cert_not_before", read ? Instant.ofEpochSecond(leaf.notBefore()).toString() : null);
        o.put("cert_not_after", read ? Instant.ofEpochSecond(leaf.notAfter()).toString() : null);
        List<String> san = new ArrayList<>();
        if (read) {
            san.addAll(leaf.dnsNames());
            san.addAll(leaf.ipAddresses());
        }
        o.put("cert_san", read ? san : null);
        o.put("cert_self_signed", read ? leaf.selfIssued() : null);
        o.put("cert_sha256", leaf == null ? null : leaf.sha256());
        o.put("cert_note", cert == null && s != null && s.version() >= 0x0304 ? "encrypted (TLS 1.3)" : null);
        o.put("community_id", HttpReport.communityId(conn));
        return o;
    }

    public static String csv(List<Row> rows, int digits) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = json(r, digits);
            if (r.client() != null) m.put("alpn", String.join(",", r.client().alpn()));
            if (m.get("cert_san") instanceof List<?> l) {
                m.put("cert_san", String.join(",", l.stream().map(String::valueOf).toList()));
            }
            out.add(m);
        }
        return Csv.write(COLUMNS, out);
    }

    public static String text(List<Row> rows, TimeFormat tf, long captureStartNs) {
        TextTable t = new TextTable("Frame", tf.mode() == TimeFormat.Mode.ABSOLUTE ? "Time" : "Rel Time", "Stream",
                "Client", "Server", "SNI", "ALPN", "Version", "JA3", "JA4", "JA3S");
        t.rightAlign(0, 2);
        for (Row r : rows) {
            TlsHello c = r.client(), s = r.server(), f = r.first();
            ConnInfo conn = r.conn();
            t.add(f.frame(), tf.format(f.timeNs(), captureStartNs), conn.stream(),
                    endpoint(conn.clientAddr(), conn.clientPort()), endpoint(conn.serverAddr(), conn.serverPort()),
                    c == null ? "" : c.sni(), c == null ? "" : String.join(",", c.alpn()),
                    TlsVersions.name(s != null ? s.version() : c.version()), c == null || c.ja3Hash() == null ? ""
                            : c.ja3Hash(), c == null || c.ja4() == null ? "" : c.ja4(),
                    s == null ? "" : s.ja3Hash());
        }
        return t.render();
    }

    private static String endpoint(String addr, int port) {
        return addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }
}
