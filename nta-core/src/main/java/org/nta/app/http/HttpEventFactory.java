package org.nta.app.http;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.HttpBody;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpHeaders;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.MultipartPart;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns parsed heads and collected bodies into event records: URL and form decoding, cookies, multipart parts,
 * file objects. Counts double encoding, truncation and malformed multipart bodies.
 */
final class HttpEventFactory {
    private final ConnInfo conn;
    private final HttpConfig config;
    private final AnomalyCounter anomalies;

    HttpEventFactory(ConnInfo conn, HttpConfig config, AnomalyCounter anomalies) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
    }

    /** A request and the files it uploads. */
    record BuiltRequest(HttpRequest request, List<HttpFileObject> files) {
    }

    BuiltRequest request(int index, HttpHead head, BodyCollector.Collected c, long frame, long timeNs,
                         boolean incomplete) {
        StartLine.Parsed s = head.start();
        HttpHeaders h = head.headers();
        String uri = s.target();
        UrlCodec.Target t = UrlCodec.splitTarget(uri);
        boolean doubleEncoded = UrlCodec.isDoubleEncoded(uri);
        if (doubleEncoded) anomalies.add(Anomaly.HTTP_DOUBLE_ENCODING, frame);
        String host = h.first("Host");
        if (host == null) host = t.authority();
        String contentType = h.first("Content-Type");
        String mainType = HeaderParams.mainValue(contentType);
        HttpBody body = eventBody(c, frame);
        boolean bodyWhole = !c.incomplete() && c.kept().length == c.decodedLength();

        List<HttpParam> form = List.of();
        List<MultipartPart> parts = List.of();
        List<HttpFileObject> files = new ArrayList<>(0);
        String boundary = MultipartParser.boundary(contentType);
        if (mainType.equals("application/x-www-form-urlencoded")) {
            byte[] kept = c.prefix(config.maxBodyBytes());
            form = UrlCodec.parseParams(UrlCodec.utf8OrLatin1(kept, 0, kept.length));
            // the form as sent is an object too, as in Wireshark's File > Export Objects > HTTP
            if (c.decodedLength() > 0) {
                addIfHashed(files, file(c, head, frame, timeNs, HttpFileObject.Direction.UPLOAD, HttpFileObject.Source.FORM,
                        lastSegment(t.path()), contentType, s.method(), uri, host));
            }
        } else if (boundary != null && c.decodedLength() > 0) {
            MultipartParser.Result r = MultipartParser.parse(c.kept(), c.kept().length, boundary, bodyWhole,
                    config.maxMultipartParts(), config.maxHeaderBytes(), config.maxHeaders());
            if (r.malformed()) anomalies.add(Anomaly.HTTP_MULTIPART_MALFORMED, frame);
            parts = new ArrayList<>(r.parts().size());
            for (int i = 0; i < r.parts().size(); i++) {
                MultipartParser.Part p = r.parts().get(i);
                byte[] kept = c.kept();
                int size = p.end() - p.start();
                String sha = sha256(kept, p.start(), size);
                byte[] partBytes = Arrays.copyOfRange(kept, p.start(), p.start() + Math.min(size, config.maxBodyBytes()));
                boolean partIncomplete = p.incomplete() || (incomplete && i == r.parts().size() - 1);
                parts.add(new MultipartPart(i, p.name(), p.filename(), p.contentType(), p.headers(), size, sha,
                        partBytes, partBytes.length < size, partIncomplete));
                if (p.filename() != null) {
                    byte[] fileBytes = Arrays.copyOfRange(kept, p.start(), p.start() + Math.min(size, config.maxFileBytes()));
                    if (fileBytes.length < size && config.maxFileBytes() > 0) anomalies.add(Anomaly.HTTP_FILE_TRUNCATED, frame);
                    files.add(new HttpFileObject(conn, frame, head.firstFrame(), timeNs, HttpFileObject.Direction.UPLOAD,
                            HttpFileObject.Source.MULTIPART_PART, p.filename(), size, sha,
                            MimeSniffer.sniff(kept, p.start(), size), p.contentType(), fileBytes,
                            fileBytes.length < size, partIncomplete, s.method(), uri, host, i));
                }
            }
        } else if (c.decodedLength() > 0) {
            String name = dispositionName(h);
            if (name == null) name = lastSegment(t.path());
            addIfHashed(files, file(c, head, frame, timeNs, HttpFileObject.Direction.UPLOAD, HttpFileObject.Source.REQUEST_BODY,
                    name, contentType, s.method(), uri, host));
        }
        HttpRequest req = new HttpRequest(conn, index, head.firstFrame(), frame, head.firstTimeNs(), timeNs, s.method(),
                uri, UrlCodec.decodeTarget(uri), UrlCodec.decodePath(t.path()), t.query(), UrlCodec.parseParams(t.query()),
                s.version(), h, host, h.first("User-Agent"), h.first("Referer"), contentType, cookies(h), body, form,
                parts, doubleEncoded, incomplete || c.incomplete());
        return new BuiltRequest(req, files);
    }

    /** A response and the file it downloads (null when the body is empty). */
    record BuiltResponse(HttpResponse response, HttpFileObject file) {
    }

    /**
     * @param request     the request answered, if complete (else null)
     * @param requestHead the head of the request answered, if any
     */
    BuiltResponse response(int index, HttpHead head, BodyCollector.Collected c, long frame, long timeNs,
                           boolean incomplete, HttpRequest request, HttpHead requestHead) {
        StartLine.Parsed s = head.start();
        HttpHeaders h = head.headers();
        String contentType = h.first("Content-Type");
        HttpResponse resp = new HttpResponse(conn, index, head.firstFrame(), frame, head.firstTimeNs(), timeNs,
                s.version(), s.status(), s.reason(), h, contentType, h.first("Server"), h.first("Location"),
                eventBody(c, frame), request != null ? request.frame() : 0,
                requestHead != null ? requestHead.firstFrame() : 0,
                requestHead != null ? requestHead.method() : null, incomplete || c.incomplete());
        HttpFileObject file = null;
        if (c.decodedLength() > 0) {
            String uri = requestHead != null ? requestHead.start().target() : null;
            String name = dispositionName(h);
            if (name == null) name = uri != null ? lastSegment(UrlCodec.splitTarget(uri).path()) : "";
            String host = request != null ? request.host()
                    : requestHead != null ? requestHead.headers().first("Host") : null;
            file = file(c, head, frame, timeNs, HttpFileObject.Direction.DOWNLOAD, HttpFileObject.Source.RESPONSE_BODY,
                    name, contentType, requestHead != null ? requestHead.method() : null, uri, host);
        }
        return new BuiltResponse(resp, file);
    }

    /** {@link #file} is null when this direction is not hashed: no file objects are wanted then. */
    private static void addIfHashed(List<HttpFileObject> files, HttpFileObject f) {
        if (f != null) files.add(f);
    }

    private HttpBody eventBody(BodyCollector.Collected c, long frame) {
        HttpBody b = c.toBody(config.maxBodyBytes());
        if (b.truncated()) anomalies.add(Anomaly.HTTP_BODY_TRUNCATED, frame);
        return b;
    }

    private HttpFileObject file(BodyCollector.Collected c, HttpHead head, long frame, long timeNs,
                                HttpFileObject.Direction dir, HttpFileObject.Source source, String name,
                                String declaredType, String method, String uri, String host) {
        if (c.sha256().isEmpty()) return null; // this direction is not hashed: no file objects wanted
        byte[] bytes = c.prefix(config.maxFileBytes());
        // a run keeping no file bytes (maxFileBytes 0) asked for none: that is not a limit reached
        if (bytes.length < c.decodedLength() && config.maxFileBytes() > 0) anomalies.add(Anomaly.HTTP_FILE_TRUNCATED, frame);
        byte[] kept = c.kept();
        boolean incomplete = c.incomplete() || c.decoding() == HttpBody.Decoding.LIMIT
                || c.decoding() == HttpBody.Decoding.ERROR || c.decoding() == HttpBody.Decoding.GAP;
        return new HttpFileObject(conn, frame, head.firstFrame(), timeNs, dir, source, name, c.decodedLength(),
                c.sha256(), MimeSniffer.sniff(kept, 0, kept.length), declaredType, bytes,
                bytes.length < c.decodedLength(), incomplete, method, uri, host, -1);
    }

    /** filename* or filename of a Content-Disposition header, or null. */
    static String dispositionName(HttpHeaders h) {
        String d = h.first("Content-Disposition");
        if (d == null) return null;
        String ext = HeaderParams.param(d, "filename*");
        if (ext != null) return HeaderParams.decodeExtended(ext);
        return HeaderParams.param(d, "filename");
    }

    /** The last non-empty segment of a raw path, percent-decoded; "" for "/". */
    static String lastSegment(String rawPath) {
        String p = rawPath;
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        int slash = p.lastIndexOf('/');
        return UrlCodec.decodePath(p.substring(slash + 1));
    }

    /** Cookie header pairs, in order, values as sent. */
    static List<HttpParam> cookies(HttpHeaders h) {
        List<HttpParam> out = new ArrayList<>();
        for (String header : h.all("Cookie")) {
            for (String pair : header.split(";")) {
                String p = pair.trim();
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                out.add(eq < 0 ? new HttpParam(p, "") : new HttpParam(p.substring(0, eq).trim(), p.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    static String sha256(byte[] b, int off, int len) {
        MessageDigest md = BodyCollector.sha256();
        md.update(b, off, len);
        return HexFormat.of().formatHex(md.digest());
    }
}
