package org.nta.app;

import org.nta.app.dns.DnsConfig;
import org.nta.app.dns.DnsDecoder;
import org.nta.app.dns.DnsDetect;
import org.nta.app.dns.DnsTcpHandler;
import org.nta.app.http.HttpConnectionParser;
import org.nta.app.ssh.SshConfig;
import org.nta.app.ssh.SshDetect;
import org.nta.app.ssh.SshHandler;
import org.nta.app.tls.TlsConfig;
import org.nta.app.tls.TlsDetect;
import org.nta.app.tls.TlsHandler;
import org.nta.decode.Packet;
import org.nta.reassembly.TcpStreams;
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
import org.nta.reassembly.Opener;
import org.nta.reassembly.StreamHandlerFactory;

/**
 * The application layer: recognises each TCP connection's protocol from its first bytes (any port) and hands its
 * streams to the matching parser, whose events go to the engine's event sink.
 */
public final class AppDispatcher implements AppLayer {
    private final AppConfig config;
    private EventSink events;
    private AnomalyCounter anomalies;
    private DnsDecoder dns;
    private HoldBudget searchBudget;

    public AppDispatcher(AppConfig config) {
        this.config = config;
    }

    @Override
    public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
        this.events = events;
        this.anomalies = anomalies;
        this.dns = new DnsDecoder(DnsConfig.DEFAULTS, anomalies);
        this.searchBudget = new HoldBudget(config.searchMemcap());
        return StreamHandlerFactory.withOpener(this::connection, AppDispatcher::opener);
    }

    /**
     * Which side sent the first bytes of a line, for connections picked up without their handshake: an HTTP request
     * line comes from the client, a status line from the server.
     */
    public static int opener(byte[] b, int off, int len) {
        if (HttpConnectionParser.looksLikeRequest(b, off, len)) return Opener.CLIENT;
        if (HttpConnectionParser.looksLikeResponse(b, off, len)) return Opener.SERVER;
        return Opener.UNKNOWN;
    }

    /** DNS over UDP on its ports (53, mDNS 5353, LLMNR 5355), or on another port when the content is clearly DNS. */
    @Override
    public void onDatagram(Packet p, Flow flow, boolean fromA) {
        if (!config.dns() || p.payloadLen == 0) return;
        boolean port = isDnsPort(flow.aPort()) || isDnsPort(flow.bPort());
        if (!port && (isNetbios(flow.aPort()) || isNetbios(flow.bPort()) || !DnsDetect.looksLikeDns(p.payload, p.payloadOff, p.payloadLen))) return;
        ConnInfo conn = TcpStreams.conn(flow, clientIsA(flow));
        dns.decode(p.payload, p.payloadOff, p.payloadLen, conn, p.frame.number, p.frame.epochNanos()).ifPresent(m -> {
            flow.app = flow.bPort() == 5353 || flow.aPort() == 5353 ? Proto.MDNS : flow.bPort() == 5355 || flow.aPort() == 5355 ? Proto.LLMNR : Proto.DNS;
            events.emit(m);
        });
    }

    /** NetBIOS name and datagram services use DNS's wire format but are not DNS. */
    private static boolean isNetbios(int port) {
        return port == 137 || port == 138;
    }

    private static boolean isDnsPort(int port) {
        return port == 53 || port == 5353 || port == 5355;
    }

    /** The DNS client: the side on a non-DNS port, or A. */
    private static boolean clientIsA(Flow flow) {
        return !(isDnsPort(flow.aPort()) && !isDnsPort(flow.bPort()));
    }

    private StreamHandler connection(Flow flow, ConnInfo initialConn) {
        boolean midStream = !TcpStreams.handshakeSeen(flow);
        Dispatcher.Chooser chooser = (conn, fromClient, b, off, len, last) -> {
            if (config.http() && Dispatcher.isHttp(fromClient, b, off, len)) {
                flow.app = Proto.HTTP;
                HttpConnectionParser http = new HttpConnectionParser(conn, config.httpConfig(), httpListener(), anomalies);
                if (midStream) http.startMidStream();
                return http;
            }
            if (config.tls() && TlsDetect.looksLikeTls(b, off, len, fromClient)) {
                flow.app = Proto.TLS;
                return new TlsHandler(conn, TlsConfig.DEFAULTS, anomalies, events::emit);
            }
            if (config.ssh() && SshDetect.looksLikeSsh(b, off, len, fromClient)) {
                flow.app = Proto.SSH;
                return new SshHandler(conn, SshConfig.DEFAULTS, anomalies, events::emit);
            }
            if (config.dns() && (conn.serverPort() == 53 || conn.clientPort() == 53) && DnsDetect.looksLikeDnsOverTcp(b, off, len)) {
                flow.app = Proto.DNS;
                return new DnsTcpHandler(conn, dns, anomalies, events::emit);
            }
            return null;
        };
        StreamHandler fallback = config.opaque() ? new SessionCollector(initialConn, events, 64 << 10, 1024) : null;
        Dispatcher.Search search = config.http() && config.searchBytes() > 0
                ? new Dispatcher.Search(config.searchBytes(), searchBudget, anomalies, midStream) : Dispatcher.Search.NONE;
        return new Dispatcher(initialConn, chooser, fallback, config.detectBytes(), search);
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
