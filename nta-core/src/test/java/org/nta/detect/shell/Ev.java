package org.nta.detect.shell;

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
import org.nta.event.TcpSession;

/** Hand-built events for detector unit tests: frame N happens at BASE + N milliseconds. */
final class Ev {
    static final long BASE = 1_800_000_000_000_000_000L;

    private Ev() {}

    static long t(long frame) {
        return BASE + frame * 1_000_000L;
    }

    static ConnInfo conn(int stream, String client, String server, int serverPort) {
        return new ConnInfo("tcp", stream, client.indexOf(':') >= 0 ? 6 : 4, client, 40000 + stream, server, serverPort);
    }

    static ConnInfo web(int stream) {
        return conn(stream, "10.0.0.66", "10.0.0.5", 80);
    }

    static HttpBody body(byte[] b) {
        if (b.length == 0) return HttpBody.EMPTY;
        return new HttpBody(b.length, b.length, sha256(b), b, false, null, HttpBody.Decoding.IDENTITY, false);
    }

    static HttpRequest request(ConnInfo c, long frame, String method, String uri, List<HttpHeader> extra, String contentType,
                               byte[] body, List<HttpParam> form, List<MultipartPart> parts) {
        UrlCodec.Target target = UrlCodec.splitTarget(uri);
        List<HttpHeader> hs = new ArrayList<>();
        hs.add(new HttpHeader("Host", c.serverAddr()));
        hs.add(new HttpHeader("User-Agent", "Mozilla/5.0 test"));
        if (contentType != null) hs.add(new HttpHeader("Content-Type", contentType));
        hs.addAll(extra);
        HttpHeaders headers = new HttpHeaders(hs);
        return new HttpRequest(c, 0, frame, frame, t(frame), t(frame), method, uri, UrlCodec.decodeTarget(uri),
                UrlCodec.decodePath(target.path()), target.query(), UrlCodec.parseParams(target.query()), "HTTP/1.1", headers,
                c.serverAddr(), "Mozilla/5.0 test", headers.first("Referer"), contentType, List.of(), body(body), form, parts,
                false, false);
    }

    static HttpRequest get(ConnInfo c, long frame, String uri) {
        return request(c, frame, "GET", uri, List.of(), null, new byte[0], List.of(), List.of());
    }

    static HttpRequest post(ConnInfo c, long frame, String uri, String formBody) {
        return request(c, frame, "POST", uri, List.of(), "application/x-www-form-urlencoded",
                formBody.getBytes(StandardCharsets.UTF_8), UrlCodec.parseParams(formBody), List.of());
    }

    static HttpRequest upload(ConnInfo c, long frame, String uri, String field, String filename, String type, byte[] content) {
        MultipartPart file = new MultipartPart(0, field, filename, type, HttpHeaders.EMPTY, content.length, sha256(content),
                content, false, false);
        byte[] submit = "Upload".getBytes(StandardCharsets.UTF_8);
        MultipartPart button = new MultipartPart(1, "submit", null, null, HttpHeaders.EMPTY, submit.length, sha256(submit), submit,
                false, false);
        return request(c, frame, "POST", uri, List.of(new HttpHeader("Referer", "http://" + c.serverAddr() + "/editprofile.php")),
                "multipart/form-data; boundary=x", new byte[] {1}, List.of(), List.of(file, button));
    }

    static HttpResponse response(ConnInfo c, long frame, int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(c, 0, frame, frame, t(frame), t(frame), "HTTP/1.1", status, "", HttpHeaders.EMPTY,
                "text/html; charset=UTF-8", "Apache", null, body(b), 0, 0, null, false);
    }

    static HttpTransaction tx(HttpRequest r, HttpResponse s) {
        return new HttpTransaction(r.conn(), r, s, List.of());
    }

    /** A transaction answered {@code frame + 2} with this status and body. */
    static HttpTransaction tx(HttpRequest r, int status, String body) {
        return tx(r, response(r.conn(), r.frame() + 2, status, body));
    }

    /** A chunk: from the client or not, frame, text. */
    static TcpSession.Chunk chunk(boolean fromClient, long frame, String text) {
        return new TcpSession.Chunk(fromClient, frame, t(frame), text.getBytes(StandardCharsets.UTF_8));
    }

    static TcpSession session(ConnInfo c, TcpSession.Chunk... chunks) {
        long client = 0, server = 0;
        for (TcpSession.Chunk ch : chunks) {
            if (ch.fromClient()) client += ch.data().length;
            else server += ch.data().length;
        }
        long last = chunks[chunks.length - 1].frame() + 1;
        return new TcpSession(c, chunks[0].frame(), last, t(last), List.of(chunks), client, server, false);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
