package org.nta.app.http;

import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

/**
 * Receives what an {@link HttpConnectionParser} observes, in capture order. For one exchange the order is: request,
 * its upload file objects, (interim responses), response, its download file object, transaction.
 */
public interface HttpListener {
    default void onRequest(HttpRequest request) {
    }

    /** Final and interim (1xx) responses. */
    default void onResponse(HttpResponse response) {
    }

    /** A request with its final response, or a side left alone when the connection ended. */
    default void onTransaction(HttpTransaction transaction) {
    }

    default void onFile(HttpFileObject file) {
    }
}
