package org.nta.report;

import org.nta.event.ConnInfo;
import org.nta.flow.CommunityId;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of the {@code http} JSON/CSV contract, one per {@link HttpTransaction}. */
public final class HttpReport {
    public static final List<String> COLUMNS = List.of("request_frame", "request_first_frame", "response_frame",
            "stream", "time", "client_addr", "client_port", "server_addr", "server_port", "method", "host", "uri",
            "uri_decoded", "status", "content_type", "request_body_len", "response_body_len", "user_agent", "referer",
            "server", "request_truncated", "response_truncated", "community_id");

    private HttpReport() {}

    /**
     * Missing sides give nulls. {@code time} is the request's (else the response's) capture time; body lengths are
     * decoded lengths (Zeek's request_body_len/response_body_len); content_type is the response's; the two
     * truncated flags say that fewer body bytes were kept than were decoded (HttpConfig.maxBodyBytes); community_id is
     * the connection's Community ID (flow.CommunityId). New columns
     * go at the end, so that CSV columns keep their positions.
     */
    /** The row's values in {@link #COLUMNS} order (no map: for streaming many rows). */
    public static Object[] values(HttpTransaction t, TimeFormat tf, long captureStartNs) {
        HttpRequest q = t.request();
        HttpResponse r = t.response();
        ConnInfo c = t.conn();
        return new Object[] {
            q != null ? q.frame() : null,
            q != null ? q.firstFrame() : null,
            r != null ? r.frame() : null,
            c.stream(),
            tf.format(t.startTimeNs(), captureStartNs),
            c.clientAddr(), c.clientPort(), c.serverAddr(), c.serverPort(),
            q != null ? q.method() : null,
            q != null ? q.host() : null,
            q != null ? q.uri() : null,
            q != null ? q.uriDecoded() : null,
            r != null ? r.status() : null,
            r != null ? r.contentType() : null,
            q != null ? q.body().decodedLength() : null,
            r != null ? r.body().decodedLength() : null,
            q != null ? q.userAgent() : null,
            q != null ? q.referer() : null,
            r != null ? r.server() : null,
            q != null ? q.body().truncated() : null,
            r != null ? r.body().truncated() : null,
            communityId(c)};
    }

    /** The connection's Community ID v1 (the same for both directions), or null when it cannot be told. */
    public static String communityId(ConnInfo c) {
        int slot = System.identityHashCode(c) & (RECENT.length - 1);
        Recent r = RECENT[slot];
        if (r != null && r.conn == c) return r.id; // the transactions of one connection share its ConnInfo
        int proto = "tcp".equals(c.transport()) ? CommunityId.TCP : "udp".equals(c.transport()) ? CommunityId.UDP : -1;
        String id = proto < 0 ? null : CommunityId.of(proto, c.clientAddr(), c.clientPort(), c.serverAddr(), c.serverPort());
        RECENT[slot] = new Recent(c, id);
        return id;
    }

    /** A connection and its Community ID; one reference per slot, so a reader on another thread sees a whole pair. */
    private record Recent(ConnInfo conn, String id) {}

    private static final Recent[] RECENT = new Recent[256];

    /** The row as a map of {@link #COLUMNS} to {@link #values}. */
    public static Map<String, Object> row(HttpTransaction t, TimeFormat tf, long captureStartNs) {
        Object[] v = values(t, tf, captureStartNs);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) m.put(COLUMNS.get(i), v[i]);
        return m;
    }
}
