package org.nta.event;

import java.util.List;
import java.util.Objects;

/**
 * A request and the final response that answers it, delivered when both are complete or when the connection ends.
 * Either side may be null (a request never answered; a response whose request was not captured), never both.
 *
 * @param interim 1xx interim responses (100 Continue ...) that came before the final response
 */
public record HttpTransaction(ConnInfo conn, HttpRequest request, HttpResponse response, List<HttpResponse> interim)
        implements Event {
    public HttpTransaction {
        Objects.requireNonNull(conn);
        if (request == null && response == null) throw new IllegalArgumentException("empty transaction");
        interim = List.copyOf(interim);
    }

    /** The response's frame if there is one, else the request's. */
    @Override
    public long frame() {
        return response != null ? response.frame() : request.frame();
    }

    @Override
    public long timeNs() {
        return response != null ? response.timeNs() : request.timeNs();
    }

    /** The request's capture time if there is one, else the response's: when the exchange started. */
    public long startTimeNs() {
        return request != null ? request.timeNs() : response.timeNs();
    }
}
