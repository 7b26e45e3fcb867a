package org.nta.app.http;

import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

import java.util.ArrayList;
import java.util.List;

/** Records every event in order. */
final class Recorder implements HttpListener {
    final List<Object> events = new ArrayList<>();
    final List<HttpRequest> requests = new ArrayList<>();
    final List<HttpResponse> responses = new ArrayList<>();
    final List<HttpTransaction> transactions = new ArrayList<>();
    final List<HttpFileObject> files = new ArrayList<>();

    @Override
    public void onRequest(HttpRequest r) {
        events.add(r);
        requests.add(r);
    }

    @Override
    public void onResponse(HttpResponse r) {
        events.add(r);
        responses.add(r);
    }

    @Override
    public void onTransaction(HttpTransaction t) {
        events.add(t);
        transactions.add(t);
    }

    @Override
    public void onFile(HttpFileObject f) {
        events.add(f);
        files.add(f);
    }
}
