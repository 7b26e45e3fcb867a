package org.nta.detect.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.Event;
import org.nta.event.HttpBody;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TcpSession;

/**
 * What servers give away in their answers, one finding per client, server and kind: database errors (with the
 * credentials and file paths some of them print), data an injected query pulled out (between its markers), system
 * files (/etc/passwd, /etc/shadow, win.ini), private keys, secrets files and version-control metadata, stack traces
 * and phpinfo() pages. System files and keys are also looked for in unrecognised TCP connections (a reverse shell
 * printing /etc/shadow): there the sender is the victim and the receiver the attacker. Version banners (Server,
 * X-Powered-By) and directory listings are weak signals: context inside other findings of the same server, and
 * findings of their own (INFO per server, LOW per listing) unless {@link WebConfig#reportWeakDisclosures()} is off.
 */
public final class InfoDisclosureDetector implements Detector {
    private static final Set<String> BANNER_HEADERS = Set.of("server", "x-powered-by", "x-aspnet-version",
            "x-aspnetmvc-version", "x-generator", "x-runtime", "x-version");

    private final WebConfig config;
    private final RequestInspector inspector;
    private final LinkedHashMap<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Banners> banners = new TreeMap<>();
    private final Map<String, List<Map<String, Object>>> listings = new TreeMap<>();
    private long dropped;

    /** One server's version banners: each distinct header value with the first answer that carried it. */
    private static final class Banners {
        final LinkedHashMap<String, Long> firstFrame = new LinkedHashMap<>();
        final Span span = new Span();
        final EvidenceFrames frames;
        long responses;

        Banners(WebConfig c) {
            frames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
        }

        Set<String> values() {
            return firstFrame.keySet();
        }
    }

    private static final class Group {
        final String kind, client, server;
        boolean attackerKnown;
        long count;
        final Span span = new Span();
        final Set<String> details = new LinkedHashSet<>(), engines = new LinkedHashSet<>(), paths = new LinkedHashSet<>(),
                uris = new LinkedHashSet<>();
        final List<String> extracted = new ArrayList<>();
        final List<Map<String, Object>> samples = new ArrayList<>();
        final EvidenceFrames frames;

        Group(String kind, String client, String server, WebConfig c) {
            this.kind = kind;
            this.client = client;
            this.server = server;
            this.frames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
        }
    }

    public InfoDisclosureDetector(WebConfig config, RequestInspector inspector) {
        this.config = config;
        this.inspector = inspector;
    }

    public InfoDisclosureDetector(WebConfig config) {
        this(config, new RequestInspector(config));
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpTransaction.class, TcpSession.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof HttpTransaction t && t.response() != null) http(t.request(), t.response());
        else if (e instanceof TcpSession s) session(s);
    }

    /**
     * Answers that gave nothing away, to an ordinary request: the same page served again (the bulk of most captures)
     * is not read again. Found by a sampled fingerprint, confirmed byte for byte. Answers to requests with payloads
     * are always read.
     */
    private final java.util.LinkedHashMap<Long, Quiet> quiet = new java.util.LinkedHashMap<>(1024, 0.75f, true);
    private long quietBytes;

    private record Quiet(HttpBody body, String contentType) {}

    private boolean isQuiet(long key, HttpResponse resp) {
        Quiet q = quiet.get(key);
        return q != null && java.util.Objects.equals(q.contentType(), resp.contentType())
                && q.body().samePrefix(resp.body(), config.maxScanChars());
    }

    /** Remembers a quiet answer: at most 1,024 of them and 16 MiB of their bytes, the least recently seen go. */
    private void rememberQuiet(long key, HttpResponse resp) {
        Quiet old = quiet.put(key, new Quiet(resp.body(), resp.contentType()));
        if (old != null) quietBytes -= old.body().keptLength();
        quietBytes += resp.body().keptLength();
        var eldest = quiet.values().iterator();
        while ((quiet.size() > 1024 || quietBytes > 16L << 20) && eldest.hasNext()) {
            quietBytes -= eldest.next().body().keptLength();
            eldest.remove();
        }
    }
    private long added;

    private void http(HttpRequest r, HttpResponse resp) {
        String client = resp.conn().clientAddr(), server = resp.conn().serverAddr();
        banners(server, resp);
        if (resp.body().keptLength() == 0) return;
        RequestInspector.Inspection in = r == null ? null : inspector.inspect(r);
        boolean payload = in != null && in.attack();
        long key = 0;
        if (!payload) {
            key = resp.body().sampleHash(config.maxScanChars()) * 31 + java.util.Objects.hashCode(resp.contentType());
            if (isQuiet(key, resp)) return;
        }
        long before = added;
        scan(r, resp, in, payload, client, server);
        if (!payload && added == before) rememberQuiet(key, resp);
    }

    /**
     * A credential printed in an answer ({@code user:password@host}, {@code password=…}) with its password masked
     * unless {@link WebConfig#revealPasswords()}.
     */
    String shown(String credential) {
        String pw = password(credential);
        if (config.revealPasswords() || pw == null) return credential;
        if (credential.startsWith("password=")) return "password=" + Evidence.mask(pw);
        int colon = credential.indexOf(':');
        return credential.substring(0, colon + 1) + Evidence.mask(pw) + credential.substring(colon + 1 + pw.length());
    }

    /** The password of a printed credential, or null. */
    static String password(String credential) {
        if (credential.startsWith("password=")) return credential.substring(9);
        int colon = credential.indexOf(':'), at = credential.lastIndexOf('@');
        return colon < 0 || at <= colon + 1 ? null : credential.substring(colon + 1, at);
    }

    /** An excerpt of an answer with the printed passwords masked (unless revealed). */
    private String masked(String excerpt, List<ResponseSignals.Signal> printed) {
        if (config.revealPasswords() || excerpt == null) return excerpt;
        for (ResponseSignals.Signal c : printed) {
            String pw = password(c.detail());
            if (pw != null && pw.length() >= 3) excerpt = excerpt.replace(pw, Evidence.mask(pw));
        }
        return excerpt;
    }

    private void scan(HttpRequest r, HttpResponse resp, RequestInspector.Inspection in, boolean payload, String client, String server) {
        String text = ResponseSignals.text(resp.body(), resp.contentType(), config.maxScanChars());
        if (text.isEmpty()) return;
        ResponseSignals.Signal db = ResponseSignals.dbError(text);
        ResponseSignals.Signal trace = db == null ? ResponseSignals.stackTrace(text) : null;
        List<ResponseSignals.Signal> printed = db != null || trace != null ? ResponseSignals.credentials(text) : List.of();
        if (db != null) {
            Group g = add("db_error", client, server, payload, r, resp, masked(db.excerpt(), printed));
            g.engines.add(db.detail());
            for (ResponseSignals.Signal c : printed) g.details.add(shown(c.detail()));
            g.paths.addAll(ResponseSignals.serverPaths(text));
        } else if (trace != null) {
            Group g = add("error_details", client, server, payload, r, resp, masked(trace.excerpt(), printed));
            for (ResponseSignals.Signal c : printed) g.details.add(shown(c.detail()));
            g.paths.addAll(ResponseSignals.serverPaths(text));
        }
        if (in != null && in.kinds().contains(AttackKind.SQLI)) {
            for (RequestInspector.Hit h : in.hits()) {
                if (h.kind() != AttackKind.SQLI) continue;
                List<String> data = SqlStrings.extracted(h.decoded(), text, config.maxSamples());
                if (data.isEmpty()) continue;
                Group g = add("sql_data", client, server, true, r, resp, String.join(" ; ", data));
                for (String d : data) if (g.extracted.size() < config.maxSamples() && !g.extracted.contains(d)) g.extracted.add(Evidence.clip(d, 400));
                break;
            }
        }
        ResponseSignals.Signal f = ResponseSignals.systemFile(text);
        if (f != null) add("system_file", client, server, true, r, resp, f.excerpt()).details.add(f.detail());
        ResponseSignals.Signal k = ResponseSignals.privateKey(text);
        if (k != null) add("private_key", client, server, true, r, resp, k.excerpt()).details.add(k.detail());
        ResponseSignals.Signal sec = ResponseSignals.secrets(text);
        if (sec != null) add("secrets", client, server, payload, r, resp, sec.excerpt()).details.add(Evidence.clip(sec.detail(), 120));
        ResponseSignals.Signal git = ResponseSignals.sourceControl(text);
        if (git != null && resp.status() == 200) add("source_control", client, server, payload, r, resp, git.excerpt());
        ResponseSignals.Signal php = ResponseSignals.phpinfo(text);
        if (php != null) add("phpinfo", client, server, payload, r, resp, php.excerpt());
        ResponseSignals.Signal dir = ResponseSignals.directoryListing(text);
        if (dir != null) {
            added++;
            List<Map<String, Object>> l = listings.computeIfAbsent(server, x -> new ArrayList<>());
            if (l.size() < config.maxSamples()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", r != null ? r.path() : null);
                m.put("frame", resp.frame());
                m.put("client", client);
                l.add(m);
            }
            if (config.reportWeakDisclosures()) add("directory_listing", client, server, false, r, resp, dir.excerpt());
        }
    }

    private void banners(String server, HttpResponse resp) {
        Banners b = null;
        for (org.nta.event.HttpHeader h : resp.headers().list()) {
            if (!isBanner(h.name()) || !hasDigit(h.value())) continue;
            if (b == null) {
                b = banners.get(server);
                if (b == null) {
                    if (banners.size() >= config.maxSessions()) return;
                    banners.put(server, b = new Banners(config));
                }
                b.responses++;
            }
            String value = h.name() + ": " + Evidence.clip(h.value(), 120);
            if (b.firstFrame.size() < 8 && !b.firstFrame.containsKey(value)) {
                b.firstFrame.put(value, resp.frame());
                b.span.add(resp.frame(), resp.timeNs());
                b.frames.add(resp.frame(), "tcp", resp.conn().stream());
            }
        }
    }

    private static boolean isBanner(String name) {
        if (name.isEmpty()) return false;
        char c = name.charAt(0);
        return (c == 's' || c == 'S' || c == 'x' || c == 'X') && BANNER_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean hasDigit(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') return true;
        }
        return false;
    }

    /** System files and keys in an unrecognised connection: whoever sends them gives them away. */
    private void session(TcpSession s) {
        for (boolean fromClient : new boolean[] {true, false}) {
            StringBuilder sb = new StringBuilder();
            List<long[]> offsets = new ArrayList<>(); // start offset, frame, time
            for (TcpSession.Chunk c : s.chunks()) {
                if (c.fromClient() != fromClient || sb.length() >= config.maxScanChars()) continue;
                offsets.add(new long[] {sb.length(), c.frame(), c.timeNs()});
                sb.append(new String(c.data(), StandardCharsets.ISO_8859_1));
            }
            String text = sb.toString();
            String sender = fromClient ? s.conn().clientAddr() : s.conn().serverAddr();
            String receiver = fromClient ? s.conn().serverAddr() : s.conn().clientAddr();
            for (ResponseSignals.Signal sig : new ResponseSignals.Signal[] {ResponseSignals.systemFile(text), ResponseSignals.privateKey(text)}) {
                if (sig == null) continue;
                int at = Math.max(0, sig.offset());
                long[] chunk = offsets.get(0);
                for (long[] o : offsets) if (o[0] <= at) chunk = o;
                Group g = group(sig.kind(), receiver, sender, "tcp");
                g.attackerKnown = true;
                g.count++;
                g.details.add(sig.detail());
                g.frames.add(chunk[1], s.conn().transport(), s.conn().stream());
                g.span.add(chunk[1], chunk[2]);
                if (g.samples.size() < config.maxSamples()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("frame", chunk[1]);
                    m.put("stream", s.conn().stream());
                    m.put("where", "tcp session " + sender + ":" + (fromClient ? s.conn().clientPort() : s.conn().serverPort())
                            + " → " + receiver);
                    m.put("excerpt", Evidence.clip(sig.excerpt(), 300));
                    g.samples.add(m);
                }
            }
        }
    }

    private Group group(String kind, String client, String server) {
        return group(kind, client, server, "http");
    }

    /**
     * @param via "http", or "tcp" for raw TCP sessions: what a shell printed is its own finding, so that the shell
     *            family's account of the same read can replace it without taking the HTTP answers with it
     */
    private Group group(String kind, String client, String server, String via) {
        String key = kind + " " + client + " " + server + " " + via;
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= config.maxSessions()) {
                dropped++;
                groups.remove(groups.keySet().iterator().next());
            }
            g = new Group(kind, client, server, config);
            groups.put(key, g);
        }
        return g;
    }

    private Group add(String kind, String client, String server, boolean attacker, HttpRequest r, HttpResponse resp, String excerpt) {
        added++;
        Group g = group(kind, client, server);
        g.attackerKnown |= attacker;
        g.count++;
        g.frames.add(resp.frame(), resp.conn().transport(), resp.conn().stream());
        if (r != null) g.frames.add(r.frame(), r.conn().transport(), r.conn().stream());
        g.span.add(resp.frame(), resp.timeNs());
        if (r != null && g.uris.size() < config.maxSamples()) g.uris.add(r.method() + " " + Evidence.clip(r.path() != null ? r.path() : r.uri(), 200));
        if (g.samples.size() < Math.min(5, config.maxSamples())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", resp.frame());
            m.put("request_frame", r == null ? null : r.frame());
            m.put("stream", resp.conn().stream());
            m.put("uri", r == null ? null : Evidence.clip(r.uri(), 200));
            m.put("status", resp.status());
            m.put("excerpt", Evidence.clip(excerpt, 300));
            g.samples.add(m);
        }
        return g;
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Group g : groups.values()) out.add(finding(g));
        if (config.reportWeakDisclosures()) {
            for (Map.Entry<String, Banners> b : banners.entrySet()) out.add(bannerFinding(b.getKey(), b.getValue()));
        }
        return out;
    }

    private Finding finding(Group g) {
        boolean creds = !g.details.isEmpty() && (g.kind.equals("db_error") || g.kind.equals("error_details"));
        Severity sev;
        Phase phase = Phase.ENUMERATION;
        List<String> tech;
        String what;
        switch (g.kind) {
            case "db_error" -> {
                sev = creds ? Severity.HIGH : g.attackerKnown ? Severity.MEDIUM : Severity.LOW;
                tech = creds ? List.of("T1552", "T1592") : List.of("T1592");
                what = "database error messages (" + String.join(", ", g.engines) + ")" + (creds ? " that print credentials " + String.join(", ", g.details) : "");
            }
            case "error_details" -> {
                sev = creds ? Severity.HIGH : Severity.LOW;
                tech = creds ? List.of("T1552", "T1592") : List.of("T1592");
                what = "error pages with stack traces or server paths" + (creds ? " and credentials " + String.join(", ", g.details) : "");
            }
            case "sql_data" -> {
                sev = Severity.HIGH;
                phase = Phase.ACTIONS_ON_OBJECTIVES;
                tech = List.of("T1213");
                what = "data returned by injected SQL queries: " + Evidence.clip(String.join(" ; ", g.extracted), 200);
            }
            case "system_file" -> {
                sev = Severity.HIGH;
                phase = Phase.ACTIONS_ON_OBJECTIVES;
                tech = g.details.contains("win.ini") && g.details.size() == 1 ? List.of("T1005") : List.of("T1003.008");
                what = "system file content (" + String.join(", ", g.details) + ")";
            }
            case "private_key" -> {
                sev = Severity.HIGH;
                phase = Phase.ACTIONS_ON_OBJECTIVES;
                tech = List.of("T1552.004");
                what = "a private key";
            }
            case "secrets" -> {
                sev = Severity.HIGH;
                tech = List.of("T1552.001");
                what = "a secrets file (" + String.join(", ", g.details) + ")";
            }
            case "source_control" -> {
                sev = Severity.MEDIUM;
                tech = List.of("T1592");
                what = "version-control metadata";
            }
            case "phpinfo" -> {
                sev = Severity.LOW;
                tech = List.of("T1592.002");
                what = "a phpinfo() page";
            }
            default -> {
                sev = Severity.LOW;
                tech = List.of("T1083");
                what = "a directory listing";
            }
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("kind", g.kind);
        ev.put("what", what);
        ev.put("responses", g.count);
        ev.put("client", g.client);
        if (!g.engines.isEmpty()) ev.put("db_engines", new ArrayList<>(g.engines));
        if (creds) {
            ev.put("credentials", new ArrayList<>(g.details));
            ev.put("passwords_masked", !config.revealPasswords());
        }
        else if (!g.details.isEmpty()) ev.put("details", new ArrayList<>(g.details));
        if (!g.paths.isEmpty()) ev.put("server_paths", new ArrayList<>(g.paths));
        if (!g.extracted.isEmpty()) ev.put("extracted", g.extracted);
        if (!g.uris.isEmpty()) ev.put("uris", new ArrayList<>(g.uris));
        ev.put("samples", g.samples);
        Banners b = banners.get(g.server);
        if (b != null) ev.put("server_banners", new ArrayList<>(b.values()));
        List<Map<String, Object>> l = listings.get(g.server);
        if (l != null) ev.put("directory_listings", l);
        if (dropped > 0) ev.put("groups_dropped", dropped);
        String attacker = g.attackerKnown ? g.client : null;
        String summary = String.format("%s gave away %s to %s: %d %s, first in frame %d", g.server, what, g.client, g.count,
                g.count == 1 ? "answer" : "answers", g.span.firstFrame);
        return new Finding(FindingType.INFO_DISCLOSURE, sev, phase, attacker, g.server, g.span.firstFrame, g.span.lastFrame, g.span.firstNs,
                g.span.lastNs, g.frames.streams(), g.frames.filter(g.client, g.server), summary, attacker != null ? Boolean.TRUE : null, tech, ev);
    }

    /** Context, not an attack: a server that names its software versions to everyone (INFO). */
    private Finding bannerFinding(String server, Banners b) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("kind", "version_banner");
        ev.put("what", "software versions in response headers");
        ev.put("server_banners", new ArrayList<>(b.values()));
        Map<String, Long> first = new LinkedHashMap<>(b.firstFrame);
        ev.put("first_frames", first);
        ev.put("responses", b.responses);
        return new Finding(FindingType.INFO_DISCLOSURE, Severity.INFO, Phase.ENUMERATION, null, server, b.span.firstFrame,
                b.span.lastFrame, b.span.firstNs, b.span.lastNs, b.frames.streams(), b.frames.filter(null, server),
                server + " announces its software versions in " + b.responses + " answers: " + String.join("; ", b.values()),
                null, List.of("T1592.002"), ev);
    }
}
