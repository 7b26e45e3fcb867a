package org.nta.app.http;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.reassembly.StreamHandler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * HTTP/1.x over one TCP connection: a {@link HttpMessageReader} per direction, requests paired with responses in
 * order (pipelining, keep-alive), interim 1xx responses that do not consume their request, HEAD/204/304 without
 * body, CONNECT (a 2xx turns the connection into an opaque tunnel) and 101 Switching Protocols (parsing stops).
 * Responses whose request was not captured are still reported; an HTTP/2 connection preface stops parsing.
 * Never throws on any input.
 *
 * <p>Wiring: create one per TCP connection whose first client bytes pass {@link #looksLikeRequest} (or first server
 * bytes pass {@link #looksLikeResponse}), feed it the reassembled streams; it calls the {@link HttpListener} in
 * capture order and counts anomalies into the given counter.
 */
public final class HttpConnectionParser implements StreamHandler {
    private final ConnInfo conn;
    private final HttpConfig config;
    private final HttpListener listener;
    private final AnomalyCounter anomalies;
    private final HttpEventFactory factory;
    private final HttpMessageReader client;
    private final HttpMessageReader server;
    /** Requests whose head was seen and whose final response head was not, oldest first. */
    private final ArrayDeque<Pending> unanswered = new ArrayDeque<>();
    private Pending clientCurrent;
    private Pending serverCurrent;
    private boolean serverInterim;
    private int requestIndex;
    private int responseIndex;
    /** Client bytes after a CONNECT request, held until its response tells tunnel from next request. */
    private List<Held> held;
    private int heldBytes;
    private boolean stopped;

    public HttpConnectionParser(ConnInfo conn, HttpConfig config, HttpListener listener, AnomalyCounter anomalies) {
        this.conn = Objects.requireNonNull(conn);
        this.config = Objects.requireNonNull(config);
        this.listener = Objects.requireNonNull(listener);
        this.anomalies = Objects.requireNonNull(anomalies);
        this.factory = new HttpEventFactory(conn, config, anomalies);
        this.client = new HttpMessageReader(true, config, anomalies, new ClientSink());
        this.server = new HttpMessageReader(false, config, anomalies, new ServerSink());
    }

    /**
     * True when the first bytes a client sent look like an HTTP/1.x request: a known method, a space, and (if the
     * first line is complete within them) a valid request line. Decides from at most one line; binary data and
     * other text protocols (SMTP, FTP, RTSP, SIP) are rejected. False also when too few bytes are given to decide.
     */
    public static boolean looksLikeRequest(byte[] b, int off, int len) {
        return StartLine.looksLikeRequest(b, off, len);
    }

    /** True when the first bytes a server sent start with an HTTP/1.0 or 1.1 status line ({@code HTTP/1.1 200}). */
    public static boolean looksLikeResponse(byte[] b, int off, int len) {
        return StartLine.looksLikeResponse(b, off, len);
    }

    /**
     * The connection was picked up without its start: in each direction, bytes before the first request or status
     * line are skipped silently (they end a message whose start was not captured), as after a gap.
     */
    public void startMidStream() {
        client.skipToStartLine();
        server.skipToStartLine();
    }

    /** True once both directions stopped being parsed (tunnel, upgrade, or both ended). */
    public boolean isStopped() {
        return stopped || client.state() == HttpMessageReader.State.STOPPED
                && server.state() == HttpMessageReader.State.STOPPED;
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (len <= 0) return;
        if (fromClient && held != null) {
            hold(new Held(Arrays.copyOfRange(data, off, off + len), 0, frame, timeNs));
            return;
        }
        (fromClient ? client : server).feed(data, off, len, frame, timeNs);
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        if (len <= 0) return;
        if (fromClient && held != null) {
            hold(new Held(null, len, frame, timeNs));
            return;
        }
        (fromClient ? client : server).gap(len, frame, timeNs);
    }

    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        if (reset) {
            finishBoth(frame, timeNs);
            return;
        }
        if (fromClient) held = null;
        (fromClient ? client : server).finish(frame, timeNs);
    }

    @Override
    public void onClose(long frame, long timeNs) {
        finishBoth(frame, timeNs);
        while (!unanswered.isEmpty()) {
            Pending p = unanswered.poll();
            if (p.request != null) emit(p.request, null, p.interim);
        }
        serverCurrent = null;
        clientCurrent = null;
    }

    private void finishBoth(long frame, long timeNs) {
        held = null;
        client.finish(frame, timeNs);
        server.finish(frame, timeNs);
    }

    private void hold(Held h) {
        long size = h.data != null ? h.data.length : 0;
        if (heldBytes + size > config.maxTunnelHoldBytes()) {
            // more than a request's worth before the answer: tunnel data, not HTTP
            held = null;
            client.stop();
            return;
        }
        heldBytes += (int) size;
        held.add(h);
    }

    private void release() {
        List<Held> h = held;
        held = null;
        heldBytes = 0;
        if (h == null) return;
        for (Held x : h) {
            if (x.data != null) client.feed(x.data, 0, x.data.length, x.frame, x.timeNs);
            else client.gap(x.gap, x.frame, x.timeNs);
        }
    }

    private void stopAll() {
        held = null;
        stopped = true;
        client.stop();
        server.stop();
    }

    private void emit(HttpRequest req, HttpResponse resp, List<HttpResponse> interim) {
        listener.onTransaction(new HttpTransaction(conn, req, resp, interim));
    }

    private final class ClientSink implements HttpMessageReader.Sink {
        @Override
        public Framing onHead(HttpHead head, long frame) {
            if ("PRI".equals(head.method()) && "HTTP/2.0".equals(head.start().version())) {
                stopAll(); // the HTTP/2 connection preface (prior knowledge): not HTTP/1.x from here on
                return Framing.NONE;
            }
            if (unanswered.size() >= config.maxPendingRequests()) {
                anomalies.add(Anomaly.HTTP_PIPELINE_LIMIT, frame);
                Pending old = unanswered.poll();
                old.dropped = true;
                if (old.request != null) emit(old.request, null, old.interim);
            }
            Pending p = new Pending(head);
            unanswered.add(p);
            clientCurrent = p;
            return Framing.of(head, null, anomalies, frame);
        }

        @Override
        public void onMessage(HttpHead head, BodyCollector.Collected body, long frame, long timeNs,
                              boolean incomplete) {
            HttpEventFactory.BuiltRequest built = factory.request(requestIndex++, head, body, frame, timeNs, incomplete);
            Pending p = clientCurrent;
            clientCurrent = null;
            p.request = built.request();
            listener.onRequest(built.request());
            for (HttpFileObject f : built.files()) listener.onFile(f);
            if (p.response != null) emit(p.request, p.response, p.interim);
            else if (p.dropped && !p.answered) emit(p.request, null, p.interim);
            if ("CONNECT".equalsIgnoreCase(head.method()) && !p.answered && !incomplete
                    && client.state() != HttpMessageReader.State.STOPPED) {
                held = new ArrayList<>();
                heldBytes = 0;
            }
        }
    }

    private final class ServerSink implements HttpMessageReader.Sink {
        @Override
        public Framing onHead(HttpHead head, long frame) {
            int status = head.status();
            serverInterim = status >= 100 && status < 200 && status != 101;
            Pending p = serverInterim ? unanswered.peek() : unanswered.poll();
            if (p != null && !serverInterim) p.answered = true;
            serverCurrent = p;
            return Framing.of(head, p != null ? p.head.method() : null, anomalies, frame);
        }

        @Override
        public void onMessage(HttpHead head, BodyCollector.Collected body, long frame, long timeNs,
                              boolean incomplete) {
            Pending p = serverCurrent;
            serverCurrent = null;
            HttpEventFactory.BuiltResponse built = factory.response(responseIndex++, head, body, frame, timeNs,
                    incomplete, p != null ? p.request : null, p != null ? p.head : null);
            HttpResponse resp = built.response();
            listener.onResponse(resp);
            if (built.file() != null) listener.onFile(built.file());
            if (serverInterim) {
                if (p != null) p.interim.add(resp);
                return;
            }
            if (p == null) emit(null, resp, List.of());
            else if (p.request != null) emit(p.request, resp, p.interim);
            else p.response = resp;
            int status = head.status();
            String method = p != null ? p.head.method() : null;
            if (status == 101 || "CONNECT".equalsIgnoreCase(method) && status >= 200 && status < 300) {
                stopAll();
            } else if ("CONNECT".equalsIgnoreCase(method)) {
                release();
            }
        }
    }

    /** A request from its head on, until its transaction is delivered. */
    private static final class Pending {
        final HttpHead head;
        final List<HttpResponse> interim = new ArrayList<>(0);
        HttpRequest request;
        HttpResponse response;
        boolean answered;
        boolean dropped;

        Pending(HttpHead head) {
            this.head = head;
        }
    }

    /** Client data or a gap held after a CONNECT request. */
    private record Held(byte[] data, long gap, long frame, long timeNs) {
    }
}
