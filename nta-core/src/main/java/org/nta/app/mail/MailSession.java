package org.nta.app.mail;

import java.util.function.Consumer;

import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.reassembly.StreamHandler;

/**
 * What SMTP, POP and IMAP sessions share: the connection (updated when roles swap), the limits, the sinks, one
 * {@link LineReader} per direction and the feeding of bytes to them until the session turns to TLS. Each protocol
 * names its two line sinks with {@link #lines} in its constructor and says when it stopped reading with {@link #reading}.
 */
abstract class MailSession implements StreamHandler {
    protected ConnInfo conn;
    protected final MailConfig config;
    protected final AnomalyCounter anomalies;
    protected final Consumer<? super Event> sink;
    protected final MailOutput out;
    protected final LineReader client, server;
    private LineReader.Sink clientSink, serverSink;

    MailSession(ConnInfo conn, String protocol, MailConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
        this.out = new MailOutput(protocol, config, anomalies, sink);
        this.client = new LineReader(config.maxLineBytes());
        this.server = new LineReader(config.maxLineBytes());
    }

    /** The sinks of the client's and the server's lines (called once, from the subclass constructor). */
    protected final void lines(LineReader.Sink fromClient, LineReader.Sink fromServer) {
        this.clientSink = fromClient;
        this.serverSink = fromServer;
    }

    /** False once the session turned to TLS (or closed): its bytes are then not read. */
    protected abstract boolean reading();

    @Override
    public final void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (!reading()) return;
        if (fromClient) client.feed(data, off, len, frame, timeNs, clientSink);
        else server.feed(data, off, len, frame, timeNs, serverSink);
    }

    @Override
    public final void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
    }

    /** Hands both directions' unfinished last lines to their sinks (at close). */
    protected final void flushLines(long frame, long timeNs) {
        if (!reading()) return;
        client.flush(frame, timeNs, clientSink);
        server.flush(frame, timeNs, serverSink);
    }
}
