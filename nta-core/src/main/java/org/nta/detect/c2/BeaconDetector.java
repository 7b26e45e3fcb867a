package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.Lru;
import org.nta.detect.web.UserAgentCatalog;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TlsHello;
import org.nta.flow.Flow;

/**
 * Beaconing: a client that contacts one destination again and again at a steady rhythm, for a long part of the
 * capture. Contacts are established connections (per server address and port, and per the name behind them: TLS
 * SNI, DNS name) and HTTP requests, kept-alive ones included (per Host). Each series is scored with robust
 * statistics (see {@link BeaconScore}); ordinary periodic software is told apart by what the capture shows of the
 * destination and the client (see {@link BeaconFindings}).
 */
public final class BeaconDetector implements Detector {
    /** UDP services whose periodic chatter is the protocol itself (name lookups, DHCP, discovery, NetBIOS). */
    private static final Set<Integer> CHATTER_PORTS = Set.of(53, 67, 68, 137, 138, 5353, 5355, 1900, 3702);

    private final BeaconConfig config;
    private final UserAgentCatalog catalog = UserAgentCatalog.standard();
    private final LinkedHashMap<String, BeaconSeries> series = new LinkedHashMap<>();
    /** Destination (address or name) → clients seen talking to it, up to {@code popularClients}. */
    private final HashMap<String, Set<String>> clientsOf = new HashMap<>();
    private final LinkedHashMap<Integer, Hello> sniByStream;

    /** A client's first ClientHello with a name on a connection: the beacon's contact is that packet, which shows the name. */
    private record Hello(String sni, long frame, long timeNs) {}
    private final LinkedHashMap<Integer, BeaconSeries> httpByStream = Lru.of(4096);
    private final HashMap<String, ClientKind> kinds = new HashMap<>();
    private final LinkedHashMap<String, String> nameByAddress;
    private final DnsPolls polls;
    /** Registered domain → the server a resolver relayed its lookups to (known at the end). */
    private final HashMap<String, String> authorities = new HashMap<>();
    private long droppedSeries, droppedContacts, keptContacts;
    private long firstTimeNs = Long.MAX_VALUE, lastTimeNs = Long.MIN_VALUE;

    public BeaconDetector(BeaconConfig config) {
        this.config = config;
        this.sniByStream = Lru.of(config.maxNames());
        this.nameByAddress = Lru.of(config.maxNames());
        this.polls = new DnsPolls(this, config);
    }


    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(DnsMessage.class, HttpTransaction.class, TlsHello.class);
    }

    @Override
    public void onEvent(Event e) {
        seen(e.timeNs());
        if (e instanceof HttpTransaction t) transaction(t);
        else if (e instanceof TlsHello h) {
            if (h.fromClient() && !h.sni().isEmpty() && "tcp".equals(h.conn().transport())) {
                sniByStream.putIfAbsent(h.conn().stream(), new Hello(h.sni().toLowerCase(java.util.Locale.ROOT), h.frame(), h.timeNs()));
            }
        } else if (e instanceof DnsMessage m) {
            dns(m);
            polls.message(m);
        }
    }

    private void seen(long t) {
        if (t < firstTimeNs) firstTimeNs = t;
        if (t > lastTimeNs) lastTimeNs = t;
    }

    private void dns(DnsMessage m) {
        if (!m.response() || m.answers().isEmpty() || m.questions().isEmpty()) return;
        String q = Hosts.hostOnly(m.qname());
        String client = m.conn().serverAddr().equals(m.conn().clientAddr()) ? null : m.conn().clientAddr();
        if (client == null) return;
        for (DnsMessage.Record r : m.answers()) {
            if (r.type() == 1 || r.type() == 28) nameByAddress.put(client + "|" + r.data(), q);
        }
    }

    private void transaction(HttpTransaction t) {
        HttpRequest rq = t.request();
        if (rq == null || rq.host() == null || rq.method().equals("CONNECT")) return;
        HttpResponse rs = t.response();
        String client = t.conn().clientAddr();
        // requests on a kept-alive connection go to the series of the one before (no key to build)
        BeaconSeries s = httpByStream.get(t.conn().stream());
        if (s == null || !s.client.equals(client) || !s.rawHost.equals(rq.host())) {
            String host = Hosts.hostOnly(rq.host());
            if (host.isEmpty()) return;
            s = series(client, BeaconSeries.Kind.HTTP_HOST, host, "tcp");
            if (s == null) return;
            s.rawHost = rq.host();
            httpByStream.put(t.conn().stream(), s);
        }
        if (s.port < 0) s.port = t.conn().serverPort();
        s.server(t.conn().serverAddr(), config.maxSamples());
        int max = config.maxSamples();
        BeaconSeries.sample(s.uris, rq.uri().length() > 200 ? rq.uri().substring(0, 200) + "…" : rq.uri(), max);
        BeaconSeries.sample(s.userAgents, rq.userAgent() == null ? "" : rq.userAgent(), 4);
        BeaconSeries.sample(s.methods, rq.method(), 4);
        s.requests++;
        switch (kind(rq.userAgent())) {
            case BROWSER -> {
                if (browserShaped(rq)) s.browser++;
                else s.notBrowserShaped++;
            }
            case SCRIPTED -> s.scripted++;
            case NONE -> s.noUa++;
            default -> s.otherUa++;
        }
        long out = rq.body().decodedLength(), in = rs == null ? 0 : rs.body().decodedLength();
        if (rs != null && in > 0 && s.answers.size() < 16 && !s.answers.containsKey(in)) { // (16 sizes at most: no box after)
            s.answers.put(in, new BeaconSeries.Sample(rs.frame(), Bodies.describe(rs.body().prefix(256), (int) Math.min(in, 256))));
        }
        if (out > 0 && s.bodies.size() < 16 && !s.bodies.containsKey(out)) {
            s.bodies.put(out, new BeaconSeries.Sample(rq.frame(), Bodies.describe(rq.body().prefix(256), (int) Math.min(out, 256))));
        }
        contact(s, rq.firstTimeNs(), rq.firstFrame(), t.conn().stream(), out, in);
        popular(s.destination, client);
    }

    /**
     * Whether a request that names a browser in its User-Agent also has a browser's shape: every current browser
     * sends Accept-Language and an Accept-Encoding that offers compression with each navigation and fetch; a script
     * that only borrowed the User-Agent (urllib, requests, curl -A, an implant) rarely sends both.
     */
    static boolean browserShaped(HttpRequest rq) {
        String lang = rq.headers().first("Accept-Language"), enc = rq.headers().first("Accept-Encoding");
        return lang != null && enc != null && (enc.contains("gzip") || enc.contains("br") || enc.contains("deflate"));
    }

    /** The kind of client a User-Agent names, remembered for the few distinct User-Agents of a capture. */
    private ClientKind kind(String ua) {
        if (ua == null) return ClientKind.NONE;
        ClientKind k = kinds.get(ua);
        if (k == null) {
            k = ClientKind.of(ua, catalog);
            if (kinds.size() < 4096) kinds.put(ua, k);
        }
        return k;
    }

    @Override
    public void onFlowEnd(Flow f) {
        seen(f.startNs);
        seen(f.endNs);
        boolean tcp = f.isTcp();
        if (f.proto() != 6 && f.proto() != 17) return;
        boolean aIsServer = tcp && (f.firstTcpFlags & 0x12) == 0x12;
        String client = aIsServer ? f.bAddr() : f.aAddr(), server = aIsServer ? f.aAddr() : f.bAddr();
        int port = aIsServer ? f.aPort() : f.bPort();
        long out = aIsServer ? f.payloadBA : f.payloadAB, in = aIsServer ? f.payloadAB : f.payloadBA;
        polls.connected(client, server);
        Hello hello = tcp ? sniByStream.remove(f.stream()) : null;
        String sni = hello == null ? null : hello.sni();
        if (!tcp && CHATTER_PORTS.contains(port)) return;
        // failed connections are not contacts: nothing answered
        boolean answered = tcp ? in > 0 || f.history().indexOf(aIsServer ? 'H' : 'h') >= 0 && out > 0 : f.framesBA > 0 && f.framesAB > 0;
        if (!answered) return;
        String transport = tcp ? "tcp" : "udp";
        BeaconSeries a = series(client, BeaconSeries.Kind.ADDRESS, server + "|" + port, transport);
        if (a != null) {
            a.port = port;
            a.server(server, config.maxSamples());
            contacts(a, f, out, in, hello);
        }
        popular(server, client);
        String name = sni;
        BeaconSeries.Kind kind = BeaconSeries.Kind.TLS_SNI;
        if (name == null) {
            name = nameByAddress.get(client + "|" + server);
            kind = BeaconSeries.Kind.DNS_NAME;
        }
        if (name != null) {
            BeaconSeries n = series(client, kind, name, transport);
            if (n != null) {
                if (n.port < 0) n.port = port;
                n.server(server, config.maxSamples());
                contacts(n, f, out, in, hello);
            }
            popular(name, client);
        }
    }

    void popular(String destination, String client) {
        Set<String> c = clientsOf.get(destination);
        if (c == null) {
            if (clientsOf.size() >= config.maxSeries() * 2) return;
            clientsOf.put(destination, c = new HashSet<>(4));
        }
        if (c.size() < config.popularClients()) c.add(client);
    }

    BeaconSeries series(String client, BeaconSeries.Kind kind, String destination, String transport) {
        String key = kind.id + " " + transport + " " + client + " " + destination;
        BeaconSeries s = series.get(key);
        if (s != null) return s;
        if (series.size() >= config.maxSeries()) {
            droppedSeries++;
            return null;
        }
        s = new BeaconSeries(client, kind, kind == BeaconSeries.Kind.ADDRESS ? destination.substring(0, destination.lastIndexOf('|')) : destination, transport);
        series.put(key, s);
        return s;
    }

    /**
     * A flow's contacts: the connection, or each answered exchange of a flow that kept one socket or connection for
     * many (a UDP flow's client is always A: UDP has no handshake to say otherwise; a TCP flow's is the side that sent
     * the SYN). A TLS connection's first contact is its ClientHello, which names the destination.
     */
    private void contacts(BeaconSeries s, Flow f, long out, long in, Hello hello) {
        org.nta.flow.Exchanges x = f.exchanges;
        if (x == null) {
            if (hello != null) contact(s, hello.timeNs(), hello.frame(), f.stream(), out, in);
            else contact(s, f.startNs, f.firstFrame, f.stream(), out, in);
            return;
        }
        boolean swap = f.isTcp() && (f.firstTcpFlags & 0x12) == 0x12; // B opened the connection: B is the client
        for (int i = 0; i < x.size(); i++) {
            if (swap ? x.payloadAB(i, f) == 0 : !x.answered(i, f)) continue;
            long t = x.time(i), frame = x.frame(i);
            if (i == 0 && hello != null) {
                t = hello.timeNs();
                frame = hello.frame();
            }
            contact(s, t, frame, f.stream(), swap ? x.payloadBA(i, f) : x.payloadAB(i, f), swap ? x.payloadAB(i, f) : x.payloadBA(i, f));
        }
    }

    void contact(BeaconSeries s, long t, long frame, int stream, long out, long in) {
        if (s.contacts.size >= config.maxContactsPerSeries() || keptContacts >= config.maxContacts()) {
            s.droppedContacts++;
            droppedContacts++;
            return;
        }
        keptContacts++;
        s.contacts.add(t, frame, stream, out, in);
    }

    /** Clients seen talking to a destination (saturates at {@code popularClients}). */
    int clients(String destination) {
        Set<String> c = clientsOf.get(destination);
        return c == null ? 0 : c.size();
    }

    /** Clients that asked names under a domain, the resolvers relaying them left out. */
    int askers(String domain) {
        Set<String> c = clientsOf.get(domain);
        if (c == null) return 0;
        int n = 0;
        for (String a : c) if (!polls.resolver(a)) n++;
        return n;
    }

    @Override
    public List<Finding> finish() {
        List<BeaconScore.Scored> candidates = new ArrayList<>();
        for (BeaconSeries s : series.values()) {
            if (s.kind == BeaconSeries.Kind.DNS_QUERY && polls.resolver(s.client)) {
                // a resolver's relays: they name the domain's authority, the clients' own lookups are the series
                if (s.servers.size() == 1) authorities.putIfAbsent(s.destination, s.servers.first());
            }
        }
        for (BeaconSeries s : series.values()) {
            if (s.contacts.size < config.minContacts()) continue;
            if (s.kind == BeaconSeries.Kind.DNS_QUERY && (s.dns.used || polls.resolver(s.client))) continue;
            if (s.transport.equals("udp") && s.kind == BeaconSeries.Kind.ADDRESS && CHATTER_PORTS.contains(s.port)) continue;
            BeaconScore.Scored sc = BeaconScore.score(s, config, firstTimeNs, lastTimeNs);
            if (sc != null && sc.score() >= config.minScore()) candidates.add(sc);
        }
        // the same contacts seen as a name and as an address are one beacon: the name wins
        candidates.sort((x, y) -> {
            int c = Integer.compare(x.series().kind.ordinal(), y.series().kind.ordinal());
            if (c != 0) return c;
            c = Double.compare(y.score(), x.score());
            return c != 0 ? c : Long.compare(x.contacts().frame[0], y.contacts().frame[0]);
        });
        Map<String, Set<Integer>> reported = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (BeaconScore.Scored sc : candidates) {
            Set<Integer> done = reported.computeIfAbsent(sc.series().client + " " + sc.series().transport, k -> new HashSet<>());
            int covered = 0;
            Contacts c = sc.contacts();
            for (int i = 0; i < c.size; i++) if (done.contains(c.stream[i])) covered++;
            if (covered * 2 >= c.size) continue;
            for (int i = 0; i < c.size; i++) done.add(c.stream[i]);
            out.add(BeaconFindings.finding(sc, this, config));
        }
        return out;
    }

    /** The server the capture shows a resolver asking for a domain's names, or null. */
    String authority(String domain) {
        return authorities.get(domain);
    }

    /** Whether a registered domain is under a public suffix (else a private name: an internal destination). */
    boolean publicDomain(String domain) {
        return polls.publicDomain(domain);
    }

    long droppedSeries() {
        return droppedSeries;
    }

    long droppedContacts() {
        return droppedContacts;
    }
}
