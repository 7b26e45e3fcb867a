package org.nta.detect.c2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.nta.app.http.UrlCodec;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.HttpBody;
import org.nta.event.HttpHeader;
import org.nta.event.HttpHeaders;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TlsHello;

/** Hand-built events at chosen times for the c2 detectors' tests. */
final class C2Ev {
    private C2Ev() {}

    static ConnInfo tcp(int stream, String client, String server, int port) {
        return new ConnInfo("tcp", stream, client.indexOf(':') >= 0 ? 6 : 4, client, 40000 + stream % 20000, server, port);
    }

    static ConnInfo udp(int stream, String client, String server, int port) {
        return new ConnInfo("udp", stream, client.indexOf(':') >= 0 ? 6 : 4, client, 40000 + stream % 20000, server, port);
    }

    static HttpBody body(byte[] b) {
        if (b.length == 0) return HttpBody.EMPTY;
        return new HttpBody(b.length, b.length, "", b, false, null, HttpBody.Decoding.IDENTITY, false);
    }

    /** A request; one with a browser's User-Agent carries the headers a browser sends with it. */
    static HttpRequest request(ConnInfo c, long frame, long t, String method, String host, String uri, String ua, byte[] body) {
        return request(c, frame, t, method, host, uri, ua, body, ua != null && ua.startsWith("Mozilla/"));
    }

    static HttpRequest request(ConnInfo c, long frame, long t, String method, String host, String uri, String ua, byte[] body,
                               boolean browserHeaders) {
        UrlCodec.Target target = UrlCodec.splitTarget(uri);
        List<HttpHeader> hs = new ArrayList<>();
        hs.add(new HttpHeader("Host", host));
        if (ua != null) hs.add(new HttpHeader("User-Agent", ua));
        if (browserHeaders) {
            hs.add(new HttpHeader("Accept-Language", "en-US,en;q=0.9"));
            hs.add(new HttpHeader("Accept-Encoding", "gzip, deflate, br"));
        }
        HttpHeaders headers = new HttpHeaders(hs);
        return new HttpRequest(c, 0, frame, frame, t, t, method, uri, UrlCodec.decodeTarget(uri),
                UrlCodec.decodePath(target.path()), target.query(), UrlCodec.parseParams(target.query()), "HTTP/1.1", headers,
                host, ua, null, null, List.of(), body(body), List.of(), List.of(), false, false);
    }

    static HttpResponse response(ConnInfo c, long frame, long t, int status, String contentType, byte[] body) {
        return new HttpResponse(c, 0, frame, frame, t, t, "HTTP/1.1", status, "OK", HttpHeaders.EMPTY, contentType, null, null,
                body(body), 0, 0, null, false);
    }

    static HttpTransaction tx(ConnInfo c, long frame, long t, String method, String host, String uri, String ua, String reqBody,
                              String answer) {
        HttpRequest rq = request(c, frame, t, method, host, uri, ua, bytes(reqBody));
        HttpResponse rs = response(c, frame + 1, t + 1_000_000, 200, "text/plain", bytes(answer));
        return new HttpTransaction(c, rq, rs, List.of());
    }

    /** A transaction whose request has a browser's User-Agent and nothing else a browser sends (a script dressed up). */
    static HttpTransaction dressedTx(ConnInfo c, long frame, long t, String host, String uri, String ua, String answer) {
        HttpRequest rq = request(c, frame, t, "GET", host, uri, ua, bytes(null), false);
        HttpResponse rs = response(c, frame + 1, t + 1_000_000, 200, "text/plain", bytes(answer));
        return new HttpTransaction(c, rq, rs, List.of());
    }

    static TlsHello clientHello(ConnInfo c, long frame, long t, String sni) {
        return new TlsHello(frame, t, c, true, false, false, 0x0301, 0x0303, List.of(), 0x0303, List.of(), List.of(), sni,
                List.of(), List.of(), List.of(), List.of(), "771,,,,", "00000000000000000000000000000000", "t13d000000_000000000000_000000000000");
    }

    static DnsMessage query(ConnInfo c, long frame, long t, int id, String name, int type) {
        return new DnsMessage(frame, t, c, c.transport(), false, id, 0, 0, 0x0100, List.of(new DnsMessage.Question(name, type, 1)),
                List.of(), List.of(), List.of(), false);
    }

    static DnsMessage answer(ConnInfo c, long frame, long t, int id, String name, int type, int rcode, List<DnsMessage.Record> answers) {
        return new DnsMessage(frame, t, c, c.transport(), true, id, 0, rcode, 0x8180 | rcode, List.of(new DnsMessage.Question(name, type, 1)),
                answers, List.of(), List.of(), false);
    }

    static DnsMessage.Record rr(String name, int type, String data) {
        return new DnsMessage.Record(name, type, 1, 60, data, "");
    }

    static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
