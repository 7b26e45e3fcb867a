package org.nta.event;

import java.util.List;
import java.util.Objects;

/**
 * An HTTP/1.x request, reported on the frame that delivered its last byte (end of headers without a body, else the
 * last body byte), as Wireshark shows it.
 *
 * @param index         0-based position among the requests of this connection
 * @param firstFrame    frame that delivered the first byte of the request line
 * @param frame         frame that completed the request
 * @param firstTimeNs   capture time of {@code firstFrame}
 * @param timeNs        capture time of {@code frame}
 * @param method        as sent (case kept)
 * @param uri           request-target exactly as sent
 * @param uriDecoded    request-target with the path percent-decoded and the query form-decoded
 * @param path          the path, percent-decoded (for an absolute-form target, without scheme and authority)
 * @param query         the raw query string after the first '?', or null
 * @param queryParams   decoded query parameters in order, duplicates kept
 * @param version       e.g. "HTTP/1.1"
 * @param host          Host header (or the authority of an absolute-form target), or null
 * @param userAgent     User-Agent header, or null
 * @param referer       Referer header, or null
 * @param contentType   Content-Type header, or null
 * @param cookies       Cookie header pairs in order
 * @param formParams    fields of an application/x-www-form-urlencoded body (from the kept bytes)
 * @param parts         parts of a multipart/form-data body (from the kept bytes)
 * @param doubleEncoded the target contains a percent-encoded percent escape such as %2527
 * @param incomplete    bytes of the request are missing (gap, or the connection ended inside it)
 */
public record HttpRequest(ConnInfo conn, int index, long firstFrame, long frame, long firstTimeNs, long timeNs,
                          String method, String uri, String uriDecoded, String path, String query,
                          List<HttpParam> queryParams, String version, HttpHeaders headers, String host,
                          String userAgent, String referer, String contentType, List<HttpParam> cookies,
                          HttpBody body, List<HttpParam> formParams, List<MultipartPart> parts,
                          boolean doubleEncoded, boolean incomplete) implements Event {
    public HttpRequest {
        Objects.requireNonNull(conn);
        Objects.requireNonNull(method);
        Objects.requireNonNull(uri);
        Objects.requireNonNull(headers);
        Objects.requireNonNull(body);
        queryParams = List.copyOf(queryParams);
        cookies = List.copyOf(cookies);
        formParams = List.copyOf(formParams);
        parts = List.copyOf(parts);
    }
}
