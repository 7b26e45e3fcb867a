package org.nta.event;

import java.util.Objects;

/**
 * An HTTP/1.x response, reported on the frame that delivered its last byte (for a body delimited by the end of the
 * connection: the frame of the FIN or of the close), as Wireshark shows it.
 *
 * @param index             0-based position among the responses of this connection (interim 1xx included)
 * @param firstFrame        frame that delivered the first byte of the status line
 * @param frame             frame that completed the response
 * @param status            status code, 100..999
 * @param reason            reason phrase as sent (may be empty)
 * @param contentType       Content-Type header, or null
 * @param server            Server header, or null
 * @param location          Location header, or null
 * @param requestFrame      frame that completed the request this answers; 0 when there is none (the capture started
 *                          after it) or it was not yet complete when the response ended
 * @param requestFirstFrame first frame of that request, or 0
 * @param requestMethod     method of that request, or null
 * @param incomplete        bytes of the response are missing (gap, or the connection ended inside it)
 */
public record HttpResponse(ConnInfo conn, int index, long firstFrame, long frame, long firstTimeNs, long timeNs,
                           String version, int status, String reason, HttpHeaders headers, String contentType,
                           String server, String location, HttpBody body, long requestFrame, long requestFirstFrame,
                           String requestMethod, boolean incomplete) implements Event {
    public HttpResponse {
        Objects.requireNonNull(conn);
        Objects.requireNonNull(version);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(headers);
        Objects.requireNonNull(body);
    }

    /** A 1xx response that does not answer its request (100 Continue, 103 Early Hints; not 101). */
    public boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
