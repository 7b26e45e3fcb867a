package org.nta.filter;

import static org.nta.filter.FieldType.BOOLEAN;
import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import org.nta.decode.Proto;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.HttpHeader;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.SshBanner;
import org.nta.event.TlsHello;

/**
 * Application-layer fields with Wireshark's names, read from the events the parsers completed on the frame (an
 * HTTP message on the frame that completes it, as Wireshark shows it). TLS and SSH presence follow the
 * connection's recognised protocol.
 */
public final class AppFields {
    private AppFields() {}

    /** The packet fields plus every application field. */
    public static FieldRegistry all() {
        return register(FieldRegistry.packetFields());
    }

    public static FieldRegistry register(FieldRegistry r) {
        http(r);
        dns(r);
        r.registerProtocol("tls", v -> v.flow() != null && v.flow().app == Proto.TLS && v.packet().payloadLen > 0
                || hasEvent(v, TlsHello.class));
        r.registerEventField("tls.handshake.extensions_server_name", STRING, TlsHello.class, (e, out) -> {
            if (e.sni() != null && !e.sni().isEmpty()) out.addString(e.sni()); // "" : the hello names no server
        });
        r.registerEventField("tls.handshake.type", UINT, TlsHello.class, (e, out) -> out.add(e.fromClient() ? 1 : 2));
        r.registerEventField("tls.handshake.ja3_full", STRING, TlsHello.class, (e, out) -> {
            if (e.fromClient() && e.ja3() != null) out.addString(e.ja3());
        });
        r.registerEventField("tls.handshake.ja3", STRING, TlsHello.class, (e, out) -> {
            if (e.fromClient() && e.ja3Hash() != null) out.addString(e.ja3Hash());
        });
        r.registerProtocol("ssh", v -> v.flow() != null && v.flow().app == Proto.SSH && v.packet().payloadLen > 0);
        r.registerEventField("ssh.protocol", STRING, SshBanner.class, (e, out) -> out.addString(e.line()));
        AuthFields.register(r);
        WinFields.register(r);
        MailFields.register(r);
        FtpFields.register(r);
        TlsCertFields.register(r);
        DceRpcFields.register(r);
        return r;
    }

    /** A DNS message on the frame whose multicast-resolution port is {@code port} (0: neither 5353 nor 5355). */
    private static boolean dnsOn(FrameView v, int port) {
        var events = v.events();
        for (int i = 0, n = events.size(); i < n; i++) {
            if (!(events.get(i) instanceof DnsMessage m)) continue;
            ConnInfo c = m.conn();
            boolean udp = "udp".equals(m.transport()) || c != null && "udp".equals(c.transport());
            int special = !udp || c == null ? 0 : resolverPort(c.clientPort(), c.serverPort());
            if (special == port) return true;
        }
        return false;
    }

    private static int resolverPort(int a, int b) {
        if (a == 5353 || b == 5353) return 5353;
        if (a == 5355 || b == 5355) return 5355;
        return 0;
    }

    private static boolean hasEvent(FrameView v, Class<?> type) {
        var events = v.events();
        for (int i = 0, n = events.size(); i < n; i++) if (type.isInstance(events.get(i))) return true;
        return false;
    }

    private static void http(FieldRegistry r) {
        r.registerProtocol("http", v -> hasEvent(v, HttpRequest.class) || hasEvent(v, HttpResponse.class));
        r.registerEventField("http.request", BOOLEAN, HttpRequest.class, (e, out) -> out.add(true));
        r.registerEventField("http.response", BOOLEAN, HttpResponse.class, (e, out) -> out.add(true));
        r.registerEventField("http.request.method", STRING, HttpRequest.class, (e, out) -> out.addString(e.method()));
        r.registerEventField("http.request.uri", STRING, HttpRequest.class, (e, out) -> out.addString(e.uri()));
        r.registerEventField("http.request.version", STRING, HttpRequest.class, (e, out) -> out.addString(e.version()));
        r.registerEventField("http.request.full_uri", STRING, HttpRequest.class, (e, out) -> {
            String u = e.uri();
            if (u.regionMatches(true, 0, "http://", 0, 7) || u.regionMatches(true, 0, "https://", 0, 8)) out.addString(u);
            else if (e.host() != null && u.startsWith("/")) out.addString("http://" + e.host() + u);
        });
        r.register("http.file_data", STRING, (v, out) -> { // the body as kept (decoded), a string in Wireshark too
            for (var e : v.events()) {
                org.nta.event.HttpBody b = e instanceof HttpRequest q ? q.body() : e instanceof HttpResponse s ? s.body() : null;
                if (b != null && b.keptLength() > 0) out.addString(b.text());
            }
        });
        r.registerEventField("http.host", STRING, HttpRequest.class, (e, out) -> {
            if (e.host() != null) out.addString(e.host());
        });
        r.registerEventField("http.user_agent", STRING, HttpRequest.class, (e, out) -> {
            if (e.userAgent() != null) out.addString(e.userAgent());
        });
        r.registerEventField("http.referer", STRING, HttpRequest.class, (e, out) -> {
            if (e.referer() != null) out.addString(e.referer());
        });
        r.registerEventField("http.cookie", STRING, HttpRequest.class, (e, out) -> header(e.headers().list(), "cookie", out));
        r.registerEventField("http.authorization", STRING, HttpRequest.class, (e, out) -> header(e.headers().list(), "authorization", out));
        r.registerEventField("http.response.code", UINT, HttpResponse.class, (e, out) -> out.add(e.status()));
        r.registerEventField("http.response.phrase", STRING, HttpResponse.class, (e, out) -> out.addString(e.reason()));
        r.registerEventField("http.server", STRING, HttpResponse.class, (e, out) -> {
            if (e.server() != null) out.addString(e.server());
        });
        r.registerEventField("http.set_cookie", STRING, HttpResponse.class, (e, out) -> header(e.headers().list(), "set-cookie", out));
        r.registerEventField("http.location", STRING, HttpResponse.class, (e, out) -> header(e.headers().list(), "location", out));
        r.register("http.content_type", STRING, (v, out) -> {
            for (var e : v.events()) {
                if (e instanceof HttpRequest q) header(q.headers().list(), "content-type", out);
                else if (e instanceof HttpResponse s) header(s.headers().list(), "content-type", out);
            }
        });
        r.register("http.content_length", UINT, (v, out) -> {
            for (var e : v.events()) {
                java.util.List<HttpHeader> hs = e instanceof HttpRequest q ? q.headers().list() : e instanceof HttpResponse s ? s.headers().list() : null;
                if (hs == null) continue;
                for (HttpHeader h : hs) {
                    if (!h.name().equalsIgnoreCase("content-length")) continue;
                    try {
                        out.add(Long.parseLong(h.value().trim()));
                    } catch (NumberFormatException x) {
                        // not a number: Wireshark shows no value either
                    }
                }
            }
        });
    }

    private static void header(java.util.List<HttpHeader> headers, String name, Values out) {
        for (HttpHeader h : headers) if (h.name().equalsIgnoreCase(name)) out.addString(h.value());
    }

    private static void dns(FieldRegistry r) {
        // Wireshark's DNS dissector also reads mDNS (UDP 5353) and LLMNR (UDP 5355) but names them mdns and llmnr:
        // their frames are not "dns", though the dns.* fields are filled
        r.registerProtocol("dns", v -> dnsOn(v, 0));
        r.registerProtocol("mdns", v -> dnsOn(v, 5353));
        r.registerProtocol("llmnr", v -> dnsOn(v, 5355));
        r.registerEventField("dns.id", UINT, DnsMessage.class, (e, out) -> out.add(e.id()));
        r.registerEventField("dns.flags.response", BOOLEAN, DnsMessage.class, (e, out) -> out.add(e.response()));
        r.registerEventField("dns.flags.rcode", UINT, DnsMessage.class, (e, out) -> {
            if (e.response()) out.add(e.rcode()); // Wireshark shows the reply code on responses only
        });
        r.registerEventField("dns.qry.name", STRING, DnsMessage.class, (e, out) -> {
            for (DnsMessage.Question q : e.questions()) out.addString(q.name());
        });
        r.registerEventField("dns.qry.type", UINT, DnsMessage.class, (e, out) -> {
            for (DnsMessage.Question q : e.questions()) out.add(q.type());
        });
        r.registerEventField("dns.resp.name", STRING, DnsMessage.class, (e, out) -> {
            for (DnsMessage.Record rec : e.answers()) out.addString(rec.name());
        });
        r.registerEventField("dns.resp.ttl", UINT, DnsMessage.class, (e, out) -> {
            for (DnsMessage.Record rec : e.answers()) out.add(rec.ttl());
        });
        recordField(r, "dns.cname", 5);
        recordField(r, "dns.ns", 2);
        recordField(r, "dns.ptr.domain_name", 12);
        recordField(r, "dns.mx.mail_exchange", 15);
        // one value per character-string, as Wireshark's dns.txt (the record's data joins them with ",")
        r.registerEventField("dns.txt", STRING, DnsMessage.class, (e, out) -> records(e, 16, rec -> {
            for (String s : rec.strings()) out.addString(s);
        }));
        r.registerEventField("dns.a", FieldType.IPV4, DnsMessage.class, (e, out) -> records(e, 1, rec -> {
            long v = 0;
            for (String part : rec.data().split("\\.")) v = (v << 8) | Integer.parseInt(part);
            out.add(v);
        }));
        r.registerEventField("dns.aaaa", FieldType.IPV6, DnsMessage.class, (e, out) -> records(e, 28, rec -> {
            byte[] b = org.nta.decode.IpLayer.toInet(6, 0, 0).getAddress();
            try {
                b = java.net.InetAddress.getByName(rec.data()).getAddress();
            } catch (java.net.UnknownHostException x) {
                return;
            }
            out.addIpv6(org.nta.bytes.Bytes.i64(b, 0), org.nta.bytes.Bytes.i64(b, 8));
        }));
    }

    private static void recordField(FieldRegistry r, String name, int type) {
        r.registerEventField(name, STRING, DnsMessage.class, (e, out) -> records(e, type, rec -> out.addString(rec.data())));
    }

    private static void records(DnsMessage e, int type, java.util.function.Consumer<DnsMessage.Record> f) {
        for (java.util.List<DnsMessage.Record> section : java.util.List.of(e.answers(), e.authority(), e.additional())) {
            for (DnsMessage.Record rec : section) if (rec.type() == type && rec.data() != null) f.accept(rec);
        }
    }
}
