package org.nta.app.tls;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.reassembly.StreamHandler;

/**
 * The start of a TLS connection: reads records (RFC 8446 5.1) and reassembles handshake messages across records
 * until the ClientHello and the ServerHello have been seen and, when the server chose TLS 1.2 or earlier, the
 * server's Certificate message (its chain is in clear only then: TLS 1.3 encrypts it), then stops
 * ({@link #isDone()}); nothing encrypted is looked at. The server's flight is followed up to its Certificate,
 * ServerHelloDone or ChangeCipherSpec, whichever comes first. A TLS 1.3 HelloRetryRequest is reported and the second ClientHello and the real ServerHello are read
 * too. An SSL 2.0-format ClientHello is recognised from the first bytes of the client stream. Buffers grow with the
 * data actually received, never with what a length field claims.
 */
public final class TlsHandler implements StreamHandler {
    /** Largest TLSCiphertext fragment (RFC 8446 5.2), a little generous for older implementations. */
    static final int MAX_RECORD = (1 << 14) + 2048;
    private static final int HANDSHAKE = 22, ALERT = 21, APPLICATION_DATA = 23, CLIENT_HELLO = 1,
            SERVER_HELLO = 2, HELLO_REQUEST = 0, CHANGE_CIPHER_SPEC = 20, CERTIFICATE = 11, SERVER_HELLO_DONE = 14,
            TLS12 = 0x0303;
    /** Messages a TLS 1.2 server may send between its ServerHello and its ServerHelloDone besides Certificate. */
    private static final java.util.Set<Integer> FLIGHT = java.util.Set.of(4, 12, 13, 22);

    private final ConnInfo conn;
    private final TlsConfig config;
    private final AnomalyCounter anomalies;
    private final Consumer<? super TlsHello> sink;
    private final Consumer<? super TlsCertificate> certSink;
    private final HelloParser parser;
    private final CertificateParser certParser;
    private final Direction client = new Direction(true), server = new Direction(false);
    private boolean retryRequested;

    public TlsHandler(ConnInfo conn, TlsConfig config, AnomalyCounter anomalies, Consumer<? super TlsHello> sink) {
        this(conn, config, anomalies, sink, c -> { });
    }

    /** A handler that also reports the server's certificate chain (TLS 1.2 and earlier) to {@code certSink}. */
    public TlsHandler(ConnInfo conn, TlsConfig config, AnomalyCounter anomalies, Consumer<? super TlsHello> sink,
                      Consumer<? super TlsCertificate> certSink) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
        this.certSink = certSink;
        this.parser = new HelloParser(anomalies);
        this.certParser = new CertificateParser(anomalies);
    }

    /** Both hellos were seen, or cannot come any more: the rest of the connection need not be delivered. */
    public boolean isDone() {
        return client.state == State.DONE && server.state == State.DONE;
    }

    private enum State { START, HEADER, BODY, SSL2, DONE }

    private final class Direction {
        final boolean fromClient;
        State state = State.START;
        /** Hellos still expected; 0 while the client waits to learn whether the server asks for a retry. */
        int wanted = 1;
        final byte[] hdr = new byte[5];
        int hdrHave;
        int recType, recVersion, recLeft;
        // handshake message being reassembled
        final byte[] hsHdr = new byte[4];
        int hsHdrHave, hsType, hsLen, hsRecordVersion, msgHave;
        long hsFirstFrame;
        boolean collecting;
        /** The server chose TLS 1.2 or earlier: the rest of its flight is read for the Certificate message. */
        boolean certs;
        byte[] msg = new byte[0];

        Direction(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void done() {
            state = State.DONE;
            msg = new byte[0];
        }

        /** Some bytes of an awaited hello (or of the record that should carry it) have arrived. */
        boolean midHello() {
            if (state == State.SSL2 || (state == State.START && hdrHave > 0)) return true;
            if (wanted == 0) return false;
            return hdrHave > 0 || hsHdrHave > 0 || (state == State.BODY && recType == HANDSHAKE);
        }
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        int p = off, end = off + len;
        while (p < end && d.state != State.DONE) {
            switch (d.state) {
                case START, HEADER -> {
                    int take = Math.min(5 - d.hdrHave, end - p);
                    System.arraycopy(data, p, d.hdr, d.hdrHave, take);
                    d.hdrHave += take;
                    p += take;
                    if (d.hdrHave == 5) {
                        d.hdrHave = 0;
                        if (d.state == State.START && (d.hdr[0] & 0x80) != 0) sslv2Start(d, frame);
                        else recordHeader(d, frame);
                    }
                }
                case BODY -> {
                    int n = Math.min(d.recLeft, end - p);
                    if (d.recType == HANDSHAKE && d.wanted > 0) handshake(d, data, p, n, frame, timeNs);
                    p += n;
                    d.recLeft -= n;
                    if (d.recLeft == 0 && d.state == State.BODY) d.state = State.HEADER;
                }
                case SSL2 -> {
                    int n = Math.min(d.hsLen - d.msgHave, end - p);
                    append(d, data, p, n);
                    p += n;
                    if (d.msgHave == d.hsLen) {
                        parser.sslv2ClientHello(d.msg, 0, d.hsLen, conn, frame, timeNs).ifPresent(sink);
                        d.done();
                    }
                }
                case DONE -> {
                    return;
                }
            }
        }
    }

    /** First bytes with the high bit set: an SSL 2.0 record with a 2-byte header. Only a CLIENT-HELLO is read. */
    private void sslv2Start(Direction d, long frame) {
        int len = ((d.hdr[0] & 0x7f) << 8) | (d.hdr[1] & 0xff);
        if (!d.fromClient || d.hdr[2] != CLIENT_HELLO || len < 9) {
            if (d.fromClient) anomalies.add(Anomaly.TLS_MALFORMED, frame);
            finish(d);
            return;
        }
        d.hsLen = len - 1; // the body after the message type
        d.msgHave = 0;
        append(d, d.hdr, 3, 2);
        d.state = State.SSL2;
    }

    private void recordHeader(Direction d, long frame) {
        int type = d.hdr[0] & 0xff, len = Bytes.u16(d.hdr, 3);
        if (type < 20 || type > 24 || d.hdr[1] != 3 || (d.hdr[2] & 0xff) > 4) {
            anomalies.add(Anomaly.TLS_MALFORMED, frame);
            finish(d);
            return;
        }
        if (len > MAX_RECORD) {
            anomalies.add(Anomaly.TLS_RECORD_TOO_LARGE, frame);
            finish(d);
            return;
        }
        if (type == ALERT || type == APPLICATION_DATA || (d.certs && type == CHANGE_CIPHER_SPEC)) {
            // an alert instead of a hello, or encrypted data: no (further) hello will come this way
            finish(d);
            return;
        }
        if (len == 0) {
            if (type == HANDSHAKE) {
                anomalies.add(Anomaly.TLS_MALFORMED, frame);
                finish(d);
                return;
            }
            d.state = State.HEADER;
            return;
        }
        d.recType = type;
        d.recVersion = Bytes.u16(d.hdr, 1);
        d.recLeft = len;
        d.state = State.BODY;
    }

    /** Handshake fragment bytes data[p, p + n): reassembles messages, keeps only the expected hello. */
    private void handshake(Direction d, byte[] data, int p, int n, long frame, long timeNs) {
        int end = p + n;
        while (p < end && d.wanted > 0 && d.state == State.BODY) {
            if (d.hsHdrHave < 4) {
                if (d.hsHdrHave == 0) {
                    d.hsRecordVersion = d.recVersion;
                    d.hsFirstFrame = frame;
                }
                int take = Math.min(4 - d.hsHdrHave, end - p);
                System.arraycopy(data, p, d.hsHdr, d.hsHdrHave, take);
                d.hsHdrHave += take;
                p += take;
                if (d.hsHdrHave < 4) return;
                if (!messageHeader(d, frame)) return;
            }
            int take = Math.min(d.hsLen - d.msgHave, end - p);
            if (d.collecting) append(d, data, p, take);
            else d.msgHave += take;
            p += take;
            if (d.msgHave == d.hsLen) {
                d.hsHdrHave = 0;
                if (d.collecting && d.certs) certificate(d, frame, timeNs);
                else if (d.collecting) hello(d, frame, timeNs);
            }
        }
    }

    /** Decides what to do with the message whose 4-byte header is complete; false when the direction stops. */
    private boolean messageHeader(Direction d, long frame) {
        d.hsType = d.hsHdr[0] & 0xff;
        d.hsLen = Bytes.u24(d.hsHdr, 1);
        d.msgHave = 0;
        if (d.certs) return flightMessage(d, frame);
        int expected = d.fromClient ? CLIENT_HELLO : SERVER_HELLO;
        if (d.hsType == expected) {
            if (d.hsLen > config.maxHandshakeBytes()) {
                anomalies.add(Anomaly.TLS_HANDSHAKE_TOO_LARGE, frame);
                finish(d);
                return false;
            }
            d.collecting = true;
            return true;
        }
        if (!d.fromClient && d.hsType == HELLO_REQUEST && d.hsLen == 0) {
            d.collecting = false;
            return true;
        }
        anomalies.add(Anomaly.TLS_MALFORMED, frame);
        finish(d);
        return false;
    }

    /** A message of the server's TLS 1.2 flight after its ServerHello: Certificate is read, the others skipped. */
    private boolean flightMessage(Direction d, long frame) {
        if (d.hsType == CERTIFICATE) {
            if (d.hsLen > config.maxCertificateBytes()) {
                anomalies.add(Anomaly.TLS_CERTIFICATE_TOO_LARGE, frame);
                finish(d);
                return false;
            }
            d.collecting = true;
            return true;
        }
        if (d.hsType == SERVER_HELLO_DONE || !FLIGHT.contains(d.hsType)) {
            // the flight ends without a certificate (anonymous or PSK suites), or what follows is not plaintext
            finish(d);
            return false;
        }
        d.collecting = false;
        return true;
    }

    private void certificate(Direction d, long frame, long timeNs) {
        d.collecting = false;
        certParser.parse(d.msg, 0, d.hsLen, conn, !d.fromClient, d.hsFirstFrame, frame, timeNs).ifPresent(certSink);
        finish(d);
    }

    private void hello(Direction d, long frame, long timeNs) {
        d.collecting = false;
        Optional<TlsHello> h = d.fromClient
                ? parser.clientHello(d.msg, 0, d.hsLen, d.hsRecordVersion, conn, frame, timeNs)
                : parser.serverHello(d.msg, 0, d.hsLen, d.hsRecordVersion, conn, frame, timeNs);
        d.msg = new byte[0];
        if (h.isEmpty()) {
            finish(d);
            return;
        }
        sink.accept(h.get());
        if (d.fromClient) {
            d.wanted = 0; // keep following records until the server says whether it wants a retry
            if (server.state == State.DONE) client.done();
        } else if (h.get().helloRetryRequest() && !retryRequested) {
            retryRequested = true;
            if (client.state != State.DONE) client.wanted = 1;
        } else {
            client.done();
            if (h.get().version() <= TLS12 && config.maxCertificateBytes() > 0) {
                server.certs = true; // the server's Certificate, if any, follows in clear
            } else {
                server.done();
            }
        }
    }

    /** The direction stops; a client that already sent its hello has nothing left to say either. */
    private void finish(Direction d) {
        d.done();
        if (!d.fromClient && client.wanted == 0) client.done();
    }

    private static void append(Direction d, byte[] data, int p, int n) {
        int need = d.msgHave + n;
        if (d.msg.length < need) {
            d.msg = Arrays.copyOf(d.msg, Math.min(d.hsLen, Math.max(need, Math.max(256, d.msg.length * 2))));
        }
        System.arraycopy(data, p, d.msg, d.msgHave, n);
        d.msgHave += n;
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        finish(fromClient ? client : server);
    }

    /** A sender that ends its stream in the middle of a hello sent a malformed one. */
    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        if (d.state != State.DONE && d.midHello()) anomalies.add(Anomaly.TLS_MALFORMED, frame);
        finish(d);
        if (reset) finish(fromClient ? server : client);
    }

    @Override
    public void onClose(long frame, long timeNs) {
        client.done();
        server.done();
    }
}
