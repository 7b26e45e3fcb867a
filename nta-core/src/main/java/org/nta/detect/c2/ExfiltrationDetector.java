package org.nta.detect.c2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Lru;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.detect.web.UserAgentCatalog;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.TcpSession;
import org.nta.event.TransferredFile;
import org.nta.flow.Flow;

/**
 * Data leaving: uploads (HTTP POST/PUT bodies and parts, FTP STOR, mail attachments, the client side of a raw TCP
 * session that mostly sends) of sensitive content (account files, private keys, database dumps), archives or
 * encrypted-looking data, to a destination the sender rarely or never used; and the outbound volume of a host pair
 * that mostly sends. Uploads that look ordinary are kept as candidates (info, no attacker) so that
 * {@link C2Correlation} can raise any upload to a host already known as the attacker.
 */
public final class ExfiltrationDetector implements Detector {
    private final ExfilConfig config;
    private final UserAgentCatalog catalog = UserAgentCatalog.standard();
    private final LinkedHashMap<String, Pair> pairs = new LinkedHashMap<>();
    private final HashMap<String, Set<String>> clientsOf = new HashMap<>();
    private final List<Upload> uploads = new ArrayList<>();
    /** User-Agent of each HTTP request by stream and frame, to know who sent an uploaded body. */
    private final LinkedHashMap<Long, String> agents = Lru.of(4096);
    private long droppedPairs, droppedUploads;

    /** Bytes and connections between a client and a server. */
    static final class Pair {
        final String client, server;
        long out, in, firstFrame = Long.MAX_VALUE, lastFrame, firstTime = Long.MAX_VALUE, lastTime;
        int flows;
        int[] streams = new int[4];
        final String transport;

        Pair(String client, String server, String transport) {
            this.client = client;
            this.server = server;
            this.transport = transport;
        }

        /** Connections opened before the given stream. */
        int before(int stream) {
            int n = 0;
            for (int i = 0; i < Math.min(flows, streams.length); i++) if (streams[i] < stream) n++;
            return flows > streams.length && n == streams.length ? flows : n;
        }
    }

    /** An upload seen, with where it went and what it was. */
    record Upload(ConnInfo conn, String protocol, String command, String uri, String host, String name, long size, String sha256,
                  String mime, String declared, Contents.Kind kind, double entropy, byte[] head, long firstFrame, long frame,
                  long timeNs, String source, String userAgent) {
        /** Judges the bytes at once and keeps only the first of them (for the excerpt). */
        static Upload of(ConnInfo conn, String protocol, String command, String uri, String host, String name, long size,
                         String sha256, String mime, String declared, byte[] bytes, long firstFrame, long frame, long timeNs,
                         String source, String userAgent) {
            return new Upload(conn, protocol, command, uri, host, name, size, sha256, mime, declared, Contents.of(bytes, bytes.length),
                    RobustStats.entropy(bytes, 0, bytes.length), Arrays.copyOf(bytes, Math.min(bytes.length, 512)), firstFrame,
                    frame, timeNs, source, userAgent);
        }
    }

    public ExfiltrationDetector(ExfilConfig config) {
        this.config = config;
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (f.proto() != 6 && f.proto() != 17) return;
        boolean aIsServer = f.isTcp() && (f.firstTcpFlags & 0x12) == 0x12;
        String client = aIsServer ? f.bAddr() : f.aAddr(), server = aIsServer ? f.aAddr() : f.bAddr();
        long out = aIsServer ? f.payloadBA : f.payloadAB, in = aIsServer ? f.payloadAB : f.payloadBA;
        String key = client + " " + server;
        Pair p = pairs.get(key);
        if (p == null) {
            if (pairs.size() >= config.maxPairs()) {
                droppedPairs++;
                return;
            }
            pairs.put(key, p = new Pair(client, server, f.isTcp() ? "tcp" : "udp"));
        }
        p.out += out;
        p.in += in;
        if (p.flows < 64) {
            if (p.flows == p.streams.length) p.streams = Arrays.copyOf(p.streams, p.streams.length * 2);
            p.streams[p.flows] = f.stream();
        }
        p.flows++;
        p.firstFrame = Math.min(p.firstFrame, f.firstFrame);
        p.lastFrame = Math.max(p.lastFrame, f.lastFrame);
        p.firstTime = Math.min(p.firstTime, f.startNs);
        p.lastTime = Math.max(p.lastTime, f.endNs);
        if (out > 0) {
            Set<String> c = clientsOf.computeIfAbsent(server, k -> new HashSet<>(4));
            if (c.size() < config.popularClients()) c.add(client);
        }
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpFileObject.class, HttpRequest.class, TcpSession.class, TransferredFile.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof HttpRequest r) {
            if (r.body().isEmpty()) return; // only requests that carry something can be uploads
            agents.put((long) r.conn().stream() << 32 | (r.frame() & 0xffffffffL), r.userAgent() == null ? "" : r.userAgent());
        } else if (e instanceof HttpFileObject f) {
            if (f.direction() != HttpFileObject.Direction.UPLOAD) return;
            byte[] b = f.bytes();
            if (f.source() == HttpFileObject.Source.FORM) b = formDecoded(b);
            String ua = agents.get((long) f.conn().stream() << 32 | (f.frame() & 0xffffffffL));
            add(Upload.of(f.conn(), "http", f.method(), f.uri(), f.host(), f.originalName(), f.size(), f.sha256(), f.mimeType(),
                    f.declaredType(), b, f.firstFrame(), f.frame(), f.timeNs(), f.source().name().toLowerCase(), ua));
        } else if (e instanceof TransferredFile f) {
            if (f.direction() != HttpFileObject.Direction.UPLOAD || "listing".equals(f.source())) return;
            add(Upload.of(f.conn(), f.protocol(), f.command(), null, null, f.originalName(), f.size(), f.sha256(), f.mimeType(),
                    f.declaredType(), f.bytes(), f.firstFrame(), f.frame(), f.timeNs(), f.source(), null));
        } else if (e instanceof TcpSession s) {
            session(s);
        }
    }

    /** The client side of a raw TCP session that only sends (a file piped into a socket). */
    private void session(TcpSession s) {
        // a push (the server says next to nothing); a shell whose operator types commands is the shell family's
        if (s.bytesClient() < 64 || s.bytesServer() > 8) return;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = 0, last = 0;
        for (TcpSession.Chunk c : s.chunks()) {
            if (!c.fromClient()) continue;
            if (first == 0) first = c.frame();
            last = c.frame();
            out.write(c.data(), 0, Math.min(c.data().length, config.maxSessionBytes() - out.size()));
            if (out.size() >= config.maxSessionBytes()) break;
        }
        if (first == 0) return;
        byte[] b = out.toByteArray();
        Contents.Kind k = Contents.of(b, b.length);
        if (!k.sensitive() && !k.kind().equals("archive") && !k.kind().equals("encrypted")) return;
        // the whole client side kept: its hash is the file's (a file piped into a socket)
        String sha = !s.truncated() && b.length == s.bytesClient() ? org.nta.bytes.Digests.sha256Hex(b) : "";
        add(Upload.of(s.conn(), "tcp", null, null, null, "", s.bytesClient(), sha, k.kind(), null, b, first, last,
                s.timeNs(), "session", null));
    }

    private void add(Upload u) {
        if (uploads.size() >= config.maxUploads()) {
            droppedUploads++;
            return;
        }
        uploads.add(u);
    }

    /** An urlencoded body as the sender's bytes: '+' and %XX undone. */
    static byte[] formDecoded(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '+') out.write(' ');
            else if (c == '%' && i + 2 < b.length && Character.digit(b[i + 1], 16) >= 0 && Character.digit(b[i + 2], 16) >= 0) {
                out.write(Character.digit(b[i + 1], 16) << 4 | Character.digit(b[i + 2], 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Upload u : uploads) {
            Finding f = upload(u);
            if (f == null) continue;
            out.add(f);
            if (f.severity().atLeast(Severity.MEDIUM)) reported.add(u.conn().clientAddr() + " " + u.conn().serverAddr());
        }
        for (Pair p : pairs.values()) {
            if (p.out < config.minVolumeBytes() || reported.contains(p.client + " " + p.server)) continue;
            double pcr = (double) (p.out - p.in) / (p.out + p.in);
            if (pcr < config.minProducerRatio() || Hosts.internal(p.server) || clients(p.server) >= config.popularClients()) continue;
            out.add(volume(p, pcr));
        }
        return out;
    }

    private int clients(String server) {
        Set<String> c = clientsOf.get(server);
        return c == null ? 0 : c.size();
    }

    private Finding upload(Upload u) {
        Contents.Kind k = u.kind();
        ClientKind who = u.protocol().equals("http") ? ClientKind.of(u.userAgent(), catalog) : ClientKind.OTHER;
        String client = u.conn().clientAddr(), server = u.conn().serverAddr();
        Pair p = pairs.get(client + " " + server);
        int before = p == null ? 0 : p.before(u.conn().stream());
        int clients = clients(server);
        boolean rare = before <= config.rarelyUsed() && clients < config.popularClients();
        boolean packed = k.kind().equals("archive") || k.kind().equals("encrypted") || k.kind().equals("archive_with_executable");
        boolean userForm = who == ClientKind.BROWSER && "multipart_part".equals(u.source());
        List<String> signals = new ArrayList<>();
        Severity sev;
        // a file written to a share of an internal file server is kept there (a backup, a report), not taken away;
        // it stays a candidate, raised if that server is the attacker's (impacket's smbserver) by what else it did
        boolean internalShare = u.protocol().startsWith("smb") && Hosts.internal(server);
        if (k.sensitive() && !internalShare) {
            sev = Severity.HIGH;
            signals.add("sensitive content: " + k.kind());
        } else if (k.sensitive()) {
            sev = Severity.INFO;
            signals.add("sensitive content: " + k.kind() + ", written to an internal file share");
        } else if (packed && !userForm && rare && !Hosts.internal(server)) {
            sev = Severity.MEDIUM;
            signals.add(k.kind() + " content");
        } else {
            sev = Severity.INFO;
        }
        if (rare) signals.add(before == 0 ? "first contact with the destination" : "destination rarely used before (" + before + " connections)");
        if (who != ClientKind.OTHER) signals.add(who.id() + " client");
        if (!Hosts.internal(server)) signals.add("external destination");
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", client);
        ev.put("destination", server + ":" + u.conn().serverPort());
        ev.put("server_address", server);
        ev.put("protocol", u.protocol());
        ev.put("command", u.command());
        if (u.uri() != null) ev.put("uri", u.uri());
        if (u.host() != null) ev.put("host", u.host());
        ev.put("file", u.name());
        ev.put("bytes", u.size());
        ev.put("sha256", u.sha256() == null || u.sha256().isEmpty() ? null : u.sha256());
        ev.put("content", k.kind());
        if (k.detail() != null) ev.put("content_detail", k.detail());
        ev.put("mime_type", u.mime());
        ev.put("declared_type", u.declared());
        ev.put("entropy", RobustStats.round3(u.entropy()));
        if (k.sensitive()) ev.put("excerpt", Bodies.text(u.head(), u.head().length, 300));
        ev.put("prior_connections", before);
        ev.put("destination_clients", clients);
        ev.put("client_kind", who.id());
        ev.put("signals", signals);
        ev.put("candidate", sev == Severity.INFO);
        String filter = Filters.and(u.conn().filter(), Filters.frames(u.firstFrame(), u.frame()));
        String what = k.sensitive() ? k.kind().replace('_', ' ') + " content" : k.kind() + " data";
        String summary = String.format(java.util.Locale.ROOT, "%s sent %s (%,d bytes%s) to %s over %s%s", client, what, u.size(),
                u.name() == null || u.name().isEmpty() ? "" : ", " + u.name(), server, u.protocol().toUpperCase(java.util.Locale.ROOT),
                u.command() == null ? "" : " " + u.command());
        List<String> tech = u.protocol().equals("http") ? List.of(Hosts.bareAddress(u.host()) || u.host() == null ? "T1041" : "T1567")
                : List.of("T1048");
        StreamSet streams = new StreamSet();
        streams.add(u.conn().stream());
        String attacker = sev == Severity.INFO ? null : server;
        return new Finding(FindingType.EXFILTRATION, sev, Phase.ACTIONS_ON_OBJECTIVES, attacker, client, u.firstFrame(), u.frame(),
                u.timeNs(), u.timeNs(), streams, filter, summary, sev == Severity.INFO ? null : Boolean.TRUE, tech, ev);
    }

    private Finding volume(Pair p, double pcr) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", p.client);
        ev.put("destination", p.server);
        ev.put("server_address", p.server);
        ev.put("protocol", p.transport);
        ev.put("bytes", p.out);
        ev.put("bytes_in", p.in);
        ev.put("producer_consumer_ratio", RobustStats.round3(pcr));
        ev.put("connections", p.flows);
        ev.put("content", "volume");
        ev.put("signals", List.of("mostly sends", "external destination"));
        ev.put("candidate", false);
        StreamSet streams = new StreamSet();
        for (int i = 0; i < Math.min(p.flows, p.streams.length); i++) streams.add(p.streams[i]);
        String filter = Filters.and(Filters.between(p.client, p.server), Filters.frames(p.firstFrame, p.lastFrame));
        String summary = String.format(java.util.Locale.ROOT, "%s sent %,d bytes to %s and received %,d (producer/consumer ratio %.2f) over %d connections",
                p.client, p.out, p.server, p.in, pcr, p.flows);
        return new Finding(FindingType.EXFILTRATION, Severity.MEDIUM, Phase.ACTIONS_ON_OBJECTIVES, p.server, p.client, p.firstFrame,
                p.lastFrame, p.firstTime, p.lastTime, streams, filter, summary, null, List.of("T1048"), ev);
    }

    long droppedPairs() {
        return droppedPairs;
    }

    long droppedUploads() {
        return droppedUploads;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
