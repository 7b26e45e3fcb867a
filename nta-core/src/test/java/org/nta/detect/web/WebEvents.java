package org.nta.detect.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.nta.app.http.UrlCodec;
import org.nta.event.ConnInfo;
import org.nta.event.HttpBody;
import org.nta.event.HttpHeader;
import org.nta.event.HttpHeaders;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.MultipartPart;

/** Hand-built HTTP events for detector unit tests: frames and times advance with every message. */
final class WebEvents {
    static final String ATTACKER = "10.0.0.66", SERVER = "10.0.0.5", USER = "10.0.0.9";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0";
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    long frame = 100;
    long timeNs = 1_700_000_000_000_000_000L;
    int stream;

    Req req(String method, String uri) {
        return new Req(method, uri);
    }

    static HttpBody body(byte[] b) {
        if (b.length == 0) return HttpBody.EMPTY;
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            return new HttpBody(b.length, b.length, sha, b, false, null, HttpBody.Decoding.IDENTITY, false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final class Req {
        final String method, uri;
        String client = ATTACKER, server = SERVER, ua = FIREFOX, contentType;
        byte[] body = new byte[0];
        final List<HttpHeader> headers = new ArrayList<>();
        final List<HttpParam> cookies = new ArrayList<>();
        final List<MultipartPart> parts = new ArrayList<>();
        int status = 404, conn = -1;
        String respType = "text/html; charset=UTF-8", location;
        byte[] respBody = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
        boolean answered = true;
        final List<HttpHeader> respHeaders = new ArrayList<>(List.of(new HttpHeader("Server", "Apache/2.4.71 (Debian)")));

        Req(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        Req from(String c) { client = c; return this; }
        Req to(String s) { server = s; return this; }
        Req ua(String u) { ua = u; return this; }
        Req conn(int s) { conn = s; return this; }
        Req header(String n, String v) { headers.add(new HttpHeader(n, v)); return this; }
        Req cookie(String n, String v) { cookies.add(new HttpParam(n, v)); return this; }
        Req form(String b) {
            contentType = "application/x-www-form-urlencoded";
            body = b.getBytes(StandardCharsets.UTF_8);
            return this;
        }
        Req json(String b) {
            contentType = "application/json";
            body = b.getBytes(StandardCharsets.UTF_8);
            return this;
        }
        Req typed(String type, String b) {
            contentType = type;
            body = b.getBytes(StandardCharsets.UTF_8);
            return this;
        }
        Req part(String name, String value) {
            contentType = "multipart/form-data; boundary=x";
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            body = "multipart".getBytes(StandardCharsets.UTF_8);
            parts.add(new MultipartPart(parts.size(), name, null, null, HttpHeaders.EMPTY, v.length, "0", v, false, false));
            return this;
        }
        Req status(int s) { status = s; return this; }
        Req answer(int s, String text) { status = s; respBody = text.getBytes(StandardCharsets.UTF_8); return this; }
        Req answerType(String t) { respType = t; return this; }
        Req location(String l) { location = l; return this; }
        Req respHeader(String n, String v) { respHeaders.add(new HttpHeader(n, v)); return this; }
        Req unanswered() { answered = false; return this; }

        HttpRequest request() {
            List<HttpHeader> hs = new ArrayList<>();
            hs.add(new HttpHeader("Host", server));
            if (ua != null) hs.add(new HttpHeader("User-Agent", ua));
            hs.addAll(headers);
            if (contentType != null) hs.add(new HttpHeader("Content-Type", contentType));
            UrlCodec.Target t = UrlCodec.splitTarget(uri);
            List<HttpParam> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                    ? UrlCodec.parseParams(new String(body, StandardCharsets.UTF_8)) : List.of();
            int s = conn >= 0 ? conn : stream++;
            ConnInfo ci = new ConnInfo("tcp", s, server.indexOf(':') >= 0 ? 6 : 4, client, 40000 + s, server, 80);
            long f = frame;
            frame += 2;
            timeNs += 10_000_000L;
            String referer = null;
            for (HttpHeader h : headers) if (h.name().equalsIgnoreCase("Referer")) referer = h.value();
            return new HttpRequest(ci, 0, f, f, timeNs, timeNs, method, uri, UrlCodec.decodeTarget(uri),
                    UrlCodec.decodePath(t.path()), t.query(), UrlCodec.parseParams(t.query()), "HTTP/1.1", new HttpHeaders(hs),
                    server, ua, referer, contentType, cookies, body(body), form, parts, UrlCodec.isDoubleEncoded(uri), false);
        }

        HttpTransaction tx() {
            HttpRequest r = request();
            if (!answered) return new HttpTransaction(r.conn(), r, null, List.of());
            List<HttpHeader> hs = new ArrayList<>(respHeaders);
            hs.add(new HttpHeader("Content-Type", respType));
            if (location != null) hs.add(new HttpHeader("Location", location));
            long f = r.frame() + 1;
            HttpResponse resp = new HttpResponse(r.conn(), 0, f, f, r.timeNs() + 1000, r.timeNs() + 1000, "HTTP/1.1", status, "",
                    new HttpHeaders(hs), respType, "Apache/2.4.71 (Debian)", location, body(respBody), r.frame(), r.frame(),
                    method, false);
            return new HttpTransaction(r.conn(), r, resp, List.of());
        }
    }
}
