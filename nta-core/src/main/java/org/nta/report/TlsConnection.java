package org.nta.report;

import org.nta.event.ConnInfo;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;

/**
 * What one TLS connection showed, as the EVE {@code tls} event and the Parquet {@code tls} table report it: its
 * first ClientHello, its final ServerHello (past a HelloRetryRequest), the server's first certificate message.
 */
public final class TlsConnection {
    private TlsHello client, server;
    private TlsCertificate certificate;

    public void add(TlsHello h) {
        if (h.fromClient()) {
            if (client == null) client = h;
        } else if (server == null || server.helloRetryRequest()) {
            server = h;
        }
    }

    public void add(TlsCertificate c) {
        if (certificate == null) certificate = c;
    }

    /** The first ClientHello, or null. */
    public TlsHello client() {
        return client;
    }

    /** The final ServerHello, or null. */
    public TlsHello server() {
        return server;
    }

    /** The server's first certificate message, or null. */
    public TlsCertificate certificate() {
        return certificate;
    }

    public ConnInfo conn() {
        return client != null ? client.conn() : server != null ? server.conn() : certificate.conn();
    }

    /** The last frame of the handshake seen: where the EVE event is logged. */
    public long frame() {
        long f = 0;
        if (client != null) f = Math.max(f, client.frame());
        if (server != null) f = Math.max(f, server.frame());
        if (certificate != null) f = Math.max(f, certificate.frame());
        return f;
    }

    /** The time of {@link #frame()}. */
    public long lastTimeNs() {
        long f = frame();
        if (certificate != null && certificate.frame() == f) return certificate.timeNs();
        if (server != null && server.frame() == f) return server.timeNs();
        return client.timeNs();
    }

    /** When the handshake began: its first message seen. */
    public long firstTimeNs() {
        long t = Long.MAX_VALUE;
        if (client != null) t = Math.min(t, client.timeNs());
        if (server != null) t = Math.min(t, server.timeNs());
        if (certificate != null) t = Math.min(t, certificate.timeNs());
        return t;
    }
}
