package org.nta.detect.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.flow.Flow;

/**
 * Web attack payloads (SQL injection, XSS, path traversal / file inclusion, command injection, template injection,
 * JNDI lookups) in any part of a request, after recursive decoding; one finding per client, server and agent (the
 * tool or User-Agent that sent them). The answers tell whether it worked: database errors or injected output
 * markers for SQL injection, a login form that redirects after an injected login, the script reflected unescaped,
 * /etc/passwd or win.ini content, command output, an evaluated template expression, or the victim connecting to
 * the host a JNDI lookup named. Without such a sign the attempt counts as failed (or unknown when answers are
 * missing), and its severity stays MEDIUM.
 */
public final class WebAttackDetector implements Detector {
    private final WebConfig config;
    private final UserAgentCatalog catalog;
    private final RequestInspector inspector;
    private final Sessions<Session> sessions;
    /** JNDI lookups waiting for the victim to call back. */
    private final List<Callback> callbacks = new ArrayList<>();

    private record Callback(Session session, String victim, String host, int port, long afterFrame, long requestFrame) {
    }

    private static final class Session {
        final String client, server;
        String userAgent;
        final EnumMap<AttackKind, Long> counts = new EnumMap<>(AttackKind.class);
        final Map<String, Long> locations = new TreeMap<>(), encodings = new TreeMap<>(), endpoints = new LinkedHashMap<>(),
                indicatorCounts = new TreeMap<>();
        final Set<String> parameters = new TreeSet<>(), sampleKeys = new HashSet<>();
        final TreeMap<Integer, Long> statusCounts = new TreeMap<>();
        final List<Map<String, Object>> samples = new ArrayList<>(), indicators = new ArrayList<>();
        final EvidenceFrames payloadFrames, allFrames;
        long requests, payloadRequests, unanswered, strong, loginTries, loginRedirects;
        final List<long[]> redirectFrames = new ArrayList<>();
        final Span span = new Span();
        long firstPayload = Long.MAX_VALUE, lastPayload, firstPayloadNs = Long.MAX_VALUE, lastPayloadNs = Long.MIN_VALUE;

        Session(String client, String server, WebConfig c) {
            this.client = client;
            this.server = server;
            payloadFrames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
            allFrames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
        }
    }

    public WebAttackDetector(WebConfig config, UserAgentCatalog catalog, RequestInspector inspector) {
        this.config = config;
        this.catalog = catalog;
        this.inspector = inspector;
        this.sessions = new Sessions<>(config.maxSessions(), catalog);
    }

    public WebAttackDetector(WebConfig config) {
        this(config, UserAgentCatalog.standard(), new RequestInspector(config));
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpRequest.class, HttpTransaction.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof HttpRequest r) {
            RequestInspector.Inspection in = inspector.inspect(r);
            if (!in.jndiTargets().isEmpty()) {
                Session s = session(r, in);
                for (String[] t : in.jndiTargets()) {
                    if (callbacks.size() < 1024) {
                        callbacks.add(new Callback(s, r.conn().serverAddr(), t[1], Integer.parseInt(t[2]), r.firstFrame(), r.frame()));
                    }
                }
            }
            return;
        }
        if (!(e instanceof HttpTransaction t) || t.request() == null) return;
        HttpRequest r = t.request();
        RequestInspector.Inspection in = inspector.inspect(r);
        Session s = session(r, in);
        s.requests++;
        String tr = r.conn().transport();
        int stream = r.conn().stream();
        HttpResponse resp = t.response();
        s.allFrames.add(r.frame(), tr, stream);
        if (resp != null) s.allFrames.add(resp.frame(), tr, stream);
        s.span.add(r.frame(), r.timeNs());
        if (!in.attack()) return;
        record(s, r, resp, in);
    }

    private Session session(HttpRequest r, RequestInspector.Inspection in) {
        String agent = sessions.agent(r, in);
        Session s = sessions.get(r, agent, k -> new Session(r.conn().clientAddr(), r.conn().serverAddr(), config));
        if (s.userAgent == null && !agent.equals("ua:")) s.userAgent = r.userAgent();
        return s;
    }

    private void record(Session s, HttpRequest r, HttpResponse resp, RequestInspector.Inspection in) {
        s.payloadRequests++;
        s.payloadFrames.add(r.frame(), r.conn().transport(), r.conn().stream());
        if (resp != null) s.payloadFrames.add(resp.frame(), r.conn().transport(), r.conn().stream());
        s.firstPayload = Math.min(s.firstPayload, r.frame());
        s.lastPayload = Math.max(s.lastPayload, r.frame());
        s.firstPayloadNs = Math.min(s.firstPayloadNs, r.timeNs());
        s.lastPayloadNs = Math.max(s.lastPayloadNs, r.timeNs());
        for (AttackKind k : in.kinds()) s.counts.merge(k, 1L, Long::sum);
        Set<String> locs = new HashSet<>(), encs = new HashSet<>();
        for (RequestInspector.Hit h : in.hits()) {
            locs.add(h.location());
            encs.addAll(h.encodings());
            if (h.parameter() != null && s.parameters.size() < config.maxSamples() * 2) s.parameters.add(h.location() + ":" + h.parameter());
        }
        samples(s, r, resp, in);
        for (String l : locs) s.locations.merge(l, 1L, Long::sum);
        for (String x : encs) s.encodings.merge(x, 1L, Long::sum);
        String ep = r.method() + " " + Evidence.clip(r.path() != null ? r.path() : r.uri(), 200);
        if (s.endpoints.containsKey(ep) || s.endpoints.size() < config.maxSamples()) s.endpoints.merge(ep, 1L, Long::sum);
        if (resp == null) {
            s.unanswered++;
            return;
        }
        s.statusCounts.merge(resp.status(), 1L, Long::sum);
        successSigns(s, r, resp, in);
    }

    /** One sample per kind, location and parameter of a request, while the kind has few samples or shows a new rule. */
    private void samples(Session s, HttpRequest r, HttpResponse resp, RequestInspector.Inspection in) {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (RequestInspector.Hit h : in.hits()) {
            String g = h.kind().id() + "|" + h.location() + "|" + h.parameter();
            Map<String, Object> m = groups.get(g);
            if (m == null) {
                m = new LinkedHashMap<>();
                m.put("kind", h.kind().id());
                m.put("rules", new ArrayList<String>());
                m.put("location", h.location());
                m.put("parameter", h.parameter());
                m.put("decoded", Evidence.clip(h.decoded(), 400));
                if (!h.raw().equals(h.decoded())) m.put("raw", Evidence.clip(h.raw(), 400));
                m.put("encodings", h.encodings());
                m.put("method", r.method());
                m.put("uri", Evidence.clip(r.uri(), 200));
                m.put("frame", r.frame());
                m.put("stream", r.conn().stream());
                m.put("status", resp == null ? null : resp.status());
                m.put("response_frame", resp == null ? null : resp.frame());
                groups.put(g, m);
            }
            @SuppressWarnings("unchecked")
            List<String> rules = (List<String>) m.get("rules");
            if (!rules.contains(h.rule())) rules.add(h.rule());
        }
        for (Map<String, Object> m : groups.values()) {
            if (s.samples.size() >= config.maxSamples() * 2) return;
            String kind = (String) m.get("kind");
            long perKind = 0;
            for (Map<String, Object> x : s.samples) if (kind.equals(x.get("kind"))) perKind++;
            boolean newRule = false;
            @SuppressWarnings("unchecked")
            List<String> rules = (List<String>) m.get("rules");
            for (String rule : rules) newRule |= s.sampleKeys.add(rule);
            if (perKind < 3 || newRule && perKind < 8) s.samples.add(m);
        }
    }

    private void successSigns(Session s, HttpRequest r, HttpResponse resp, RequestInspector.Inspection in) {
        String text = ResponseSignals.text(resp.body(), resp.contentType(), config.maxScanChars());
        Set<AttackKind> kinds = in.kinds();
        if (kinds.contains(AttackKind.SQLI)) {
            ResponseSignals.Signal db = ResponseSignals.dbError(text);
            if (db != null) indicator(s, "db_error", AttackKind.SQLI, r, resp, db.detail() + ": " + db.excerpt(), true);
            String marker = unionMarker(in, text);
            if (marker != null) indicator(s, "union_output", AttackKind.SQLI, r, resp, "injected marker " + marker + " in the answer", true);
            if (resp.status() >= 500) indicator(s, "server_error", AttackKind.SQLI, r, resp, "HTTP " + resp.status(), false);
            LoginForms.Login login = LoginForms.of(r);
            if (login != null && login.passwordField() != null && sqliInLogin(in, login)) {
                s.loginTries++;
                if (resp.status() >= 300 && resp.status() < 400 && resp.location() != null && !sameTarget(resp.location(), r.path())) {
                    s.loginRedirects++;
                    if (s.redirectFrames.size() < config.maxSamples()) s.redirectFrames.add(new long[] {r.frame(), resp.frame(), resp.status()});
                }
            }
        }
        if (kinds.contains(AttackKind.XSS) && resp.status() < 400 && reflected(in, text)) {
            indicator(s, "reflected", AttackKind.XSS, r, resp, "payload reflected unescaped", true);
        }
        if (kinds.contains(AttackKind.PATH_TRAVERSAL)) {
            ResponseSignals.Signal f = ResponseSignals.systemFile(text);
            if (f != null) indicator(s, "file_content", AttackKind.PATH_TRAVERSAL, r, resp, f.detail() + ": " + f.excerpt(), true);
        }
        if (kinds.contains(AttackKind.CMD_INJECTION)) {
            ResponseSignals.Signal c = ResponseSignals.commandOutput(text);
            if (c != null) indicator(s, "command_output", AttackKind.CMD_INJECTION, r, resp, c.excerpt(), true);
        }
        if (kinds.contains(AttackKind.TEMPLATE_INJECTION) && resp.status() < 400 && evaluated(in, text)) {
            indicator(s, "template_evaluated", AttackKind.TEMPLATE_INJECTION, r, resp, "expression result in the answer", true);
        }
    }

    private void indicator(Session s, String name, AttackKind kind, HttpRequest r, HttpResponse resp, String detail, boolean strong) {
        s.indicatorCounts.merge(name, 1L, Long::sum);
        if (strong) s.strong++;
        long same = 0;
        for (Map<String, Object> m : s.indicators) if (name.equals(m.get("indicator"))) same++;
        if (same >= 3 || s.indicators.size() >= config.maxSamples()) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indicator", name);
        m.put("kind", kind.id());
        m.put("strong", strong);
        m.put("frame", resp.frame());
        m.put("request_frame", r.frame());
        m.put("status", resp.status());
        m.put("detail", Evidence.clip(detail, 300));
        s.indicators.add(m);
    }

    private static boolean sqliInLogin(RequestInspector.Inspection in, LoginForms.Login l) {
        for (RequestInspector.Hit h : in.hits()) {
            if (h.kind() == AttackKind.SQLI && (h.parameter() != null)
                    && (h.parameter().equals(l.usernameField()) || h.parameter().equals(l.passwordField()))) return true;
        }
        return false;
    }

    private static boolean sameTarget(String location, String path) {
        if (path == null) return false;
        String loc = location;
        int scheme = loc.indexOf("://");
        if (scheme > 0) {
            int slash = loc.indexOf('/', scheme + 3);
            loc = slash < 0 ? "/" : loc.substring(slash);
        }
        int q = loc.indexOf('?');
        if (q >= 0) loc = loc.substring(0, q);
        return loc.equals(path);
    }

    /** A string the request built with CHAR()/hex (sqlmap's output markers) that comes back in the answer. */
    private static String unionMarker(RequestInspector.Inspection in, String text) {
        if (text.isEmpty()) return null;
        for (RequestInspector.Hit h : in.hits()) {
            if (h.kind() != AttackKind.SQLI) continue;
            for (String m : SqlStrings.literals(h.decoded())) if (m.length() >= 5 && text.contains(m)) return m;
        }
        return null;
    }

    private static boolean reflected(RequestInspector.Inspection in, String text) {
        if (text.isEmpty()) return false;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (RequestInspector.Hit h : in.hits()) {
            if (h.kind() != AttackKind.XSS) continue;
            String d = h.decoded().toLowerCase(java.util.Locale.ROOT);
            int lt = d.indexOf('<');
            String probe;
            if (lt >= 0) {
                int gt = d.indexOf('>', lt);
                probe = gt > lt ? d.substring(lt, gt + 1) : d.substring(lt);
            } else {
                probe = d;
            }
            if (probe.length() >= 6 && lower.contains(probe)) return true;
        }
        return false;
    }

    private static final java.util.regex.Pattern ARITH = java.util.regex.Pattern.compile("(-?\\d{1,6})\\s*([*+])\\s*(-?\\d{1,6})");

    private static boolean evaluated(RequestInspector.Inspection in, String text) {
        for (RequestInspector.Hit h : in.hits()) {
            if (h.kind() != AttackKind.TEMPLATE_INJECTION) continue;
            java.util.regex.Matcher m = ARITH.matcher(h.snippet());
            if (!m.find()) continue;
            long a = Long.parseLong(m.group(1)), b = Long.parseLong(m.group(3));
            String result = String.valueOf(m.group(2).equals("*") ? a * b : a + b);
            if (text.contains(result) && !text.contains(m.group())) return true;
        }
        return false;
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (callbacks.isEmpty()) return;
        for (Callback c : callbacks) {
            if (f.firstFrame <= c.afterFrame() || !f.aAddr().equals(c.victim()) || !f.bAddr().equals(c.host())) continue;
            if (c.port() >= 0 && f.bPort() != c.port()) continue;
            Session s = c.session();
            s.indicatorCounts.merge("jndi_callback", 1L, Long::sum);
            s.strong++;
            s.payloadFrames.add(f.firstFrame, f.isTcp() ? "tcp" : "udp", f.stream());
            if (s.indicators.size() < config.maxSamples()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("indicator", "jndi_callback");
                m.put("kind", AttackKind.JNDI.id());
                m.put("strong", true);
                m.put("frame", f.firstFrame);
                m.put("request_frame", c.requestFrame());
                m.put("detail", "the victim connected to " + c.host() + ":" + f.bPort() + " (stream " + f.stream() + ")");
                s.indicators.add(m);
            }
        }
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Session s : sessions.all()) if (s.payloadRequests > 0) out.add(finding(s));
        return out;
    }

    private Finding finding(Session s) {
        // an injected login that redirects, where the same form otherwise answers without redirecting: a bypass
        if (s.loginRedirects > 0 && s.loginRedirects < s.loginTries) {
            s.indicatorCounts.put("login_bypass", s.loginRedirects);
            s.strong++;
            for (long[] x : s.redirectFrames) {
                if (s.indicators.size() >= config.maxSamples() + 3) break;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("indicator", "login_bypass");
                m.put("kind", AttackKind.SQLI.id());
                m.put("strong", true);
                m.put("frame", x[1]);
                m.put("request_frame", x[0]);
                m.put("status", (int) x[2]);
                m.put("detail", "injected login answered with a redirect (" + s.loginRedirects + " of " + s.loginTries + " injected logins)");
                s.indicators.add(m);
                if (s.indicators.stream().filter(i -> "login_bypass".equals(i.get("indicator"))).count() >= 3) break;
            }
        }
        UserAgentCatalog.ToolMatch tool = catalog.match(s.userAgent);
        boolean wholeSession = tool != null && tool.category().offensive();
        EvidenceFrames frames = wholeSession ? s.allFrames : s.payloadFrames;
        if (wholeSession) frames.addAll(s.payloadFrames);
        long first = wholeSession ? s.span.firstFrame : s.firstPayload, last = wholeSession ? s.span.lastFrame : s.lastPayload;
        long firstNs = wholeSession ? s.span.firstNs : s.firstPayloadNs, lastNs = wholeSession ? s.span.lastNs : s.lastPayloadNs;
        Boolean succeeded = s.strong > 0 ? Boolean.TRUE : s.unanswered > 0 ? null : Boolean.FALSE;
        List<String> kinds = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<AttackKind, Long> k : s.counts.entrySet()) {
            kinds.add(k.getKey().id());
            counts.put(k.getKey().id(), k.getValue());
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tool", tool != null ? tool.tool() : null);
        ev.put("user_agent", s.userAgent);
        ev.put("kinds", kinds);
        ev.put("counts", counts);
        ev.put("requests", wholeSession ? s.requests : s.payloadRequests);
        ev.put("payload_requests", s.payloadRequests);
        ev.put("endpoints", s.endpoints);
        ev.put("parameters", new ArrayList<>(s.parameters));
        ev.put("locations", s.locations);
        ev.put("encodings", s.encodings);
        ev.put("status_counts", Evidence.statusMap(s.statusCounts));
        s.samples.sort((a, b) -> Long.compare((Long) a.get("frame"), (Long) b.get("frame")));
        ev.put("samples", s.samples);
        s.indicators.sort((a, b) -> Long.compare((Long) a.get("frame"), (Long) b.get("frame")));
        ev.put("success_indicators", s.indicators);
        ev.put("indicator_counts", s.indicatorCounts);
        ev.put("unanswered", s.unanswered);
        ev.put("first_payload_frame", s.firstPayload);
        ev.put("last_payload_frame", s.lastPayload);
        ev.put("rate_per_s", Evidence.rate(wholeSession ? s.requests : s.payloadRequests, firstNs, lastNs));
        ev.put("duration_s", Evidence.seconds(firstNs, lastNs));
        ev.put("connections", frames.streamCount());
        List<String> titles = new ArrayList<>();
        for (AttackKind k : s.counts.keySet()) titles.add(k.title());
        String outcome = Boolean.TRUE.equals(succeeded) ? "succeeded (" + String.join(", ", s.indicatorCounts.keySet().stream()
                .filter(k -> !k.equals("server_error")).toList()) + ")" : Boolean.FALSE.equals(succeeded) ? "no sign of success" : "outcome unknown";
        String summary = String.format("%s against %s by %s%s: %d requests with payloads; %s", capital(String.join(", ", titles)),
                s.server, s.client, tool != null ? " with " + tool.tool() : "", s.payloadRequests, outcome);
        Severity sev = Boolean.TRUE.equals(succeeded) ? Severity.HIGH : Severity.MEDIUM;
        return new Finding(FindingType.WEB_ATTACK, sev, Phase.EXPLOITATION, s.client, s.server, first, last, firstNs, lastNs,
                frames.streams(), frames.filter(s.client, s.server), summary, succeeded, List.of("T1190"), ev);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
