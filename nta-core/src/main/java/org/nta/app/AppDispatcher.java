package org.nta.app;

import org.nta.app.http.HttpConnectionParser;
import org.nta.app.http.HttpListener;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Proto;
import org.nta.engine.AppLayer;
import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.flow.Flow;
import org.nta.reassembly.StreamHandler;
import org.nta.reassembly.StreamHandlerFactory;

/**
 * The application layer: recognises each TCP connection's protocol from its first bytes (any port) and hands its
 * streams to the matching parser, whose events go to the engine's event sink.
 */
public final class AppDispatcher implements AppLayer {
    private final AppConfig config;
    private EventSink events;
    private AnomalyCounter anomalies;

    public AppDispatcher(AppConfig config) {
        this.config = config;
    }

    @Override
    public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
        this.events = events;
        this.anomalies = anomalies;
        return this::connection;
    }

    private StreamHandler connection(Flow flow, ConnInfo conn) {
        Dispatcher.Chooser chooser = (fromClient, b, off, len, last) -> {
            if (config.http() && Dispatcher.isHttp(fromClient, b, off, len)) {
                flow.app = Proto.HTTP;
                return new HttpConnectionParser(conn, config.httpConfig(), httpListener(), anomalies);
            }
            return null;
        };
        StreamHandler fallback = config.opaque() ? new SessionCollector(conn, events, 64 << 10, 1024) : null;
        return new Dispatcher(chooser, fallback, config.detectBytes());
    }

    private HttpListener httpListener() {
        EventSink out = events;
        return new HttpListener() {
            @Override
            public void onRequest(HttpRequest request) {
                out.emit(request);
            }

            @Override
            public void onResponse(HttpResponse response) {
                out.emit(response);
            }

            @Override
            public void onTransaction(HttpTransaction transaction) {
                out.emit(transaction);
            }

            @Override
            public void onFile(HttpFileObject file) {
                out.emit(file);
            }
        };
    }
}
