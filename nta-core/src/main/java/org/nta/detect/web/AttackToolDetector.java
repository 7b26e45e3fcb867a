package org.nta.detect.web;

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
import org.nta.detect.Severity;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpTransaction;

/**
 * Offensive tools against a web server, one finding per client, server and tool. Named by the User-Agent from the
 * catalog data file, or by behaviour when the User-Agent is a browser's (or unknown): sqlmap by its payload grammar
 * (boundaries with random four-letter tokens, {@code -- abcd} comment suffixes, CHAR() output markers, its heuristic
 * probe), a directory brute forcer by a content-discovery run over wordlist paths. Scripted clients (curl, wget,
 * python-requests, Go-http-client …) are context: INFO, and only when they carry attack payloads (or when
 * {@link WebConfig#reportScriptedClients()} asks for them).
 */
public final class AttackToolDetector implements Detector {
    private final WebConfig config;
    private final UserAgentCatalog catalog;
    private final RequestInspector inspector;
    private final Sessions<Session> sessions;

    private static final class Session {
        final String client, server;
        final Set<String> userAgents = new LinkedHashSet<>();
        final TreeMap<Integer, Long> statusCounts = new TreeMap<>();
        final DiscoveryTally discovery = new DiscoveryTally();
        final EvidenceFrames frames;
        final Map<String, Long> endpoints = new LinkedHashMap<>();
        long requests, grammarHits, payloadRequests, firstGrammarFrame;
        final Span span = new Span();

        Session(String client, String server, WebConfig c) {
            this.client = client;
            this.server = server;
            this.frames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
        }
    }

    public AttackToolDetector(WebConfig config, UserAgentCatalog catalog, RequestInspector inspector) {
        this.config = config;
        this.catalog = catalog;
        this.inspector = inspector;
        this.sessions = new Sessions<>(config.maxSessions(), catalog);
    }

    public AttackToolDetector(WebConfig config) {
        this(config, UserAgentCatalog.standard(), new RequestInspector(config));
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpTransaction.class);
    }

    @Override
    public void onEvent(Event e) {
        if (!(e instanceof HttpTransaction t) || t.request() == null) return;
        HttpRequest r = t.request();
        RequestInspector.Inspection in = inspector.inspect(r);
        String agent = sessions.agent(r, in);
        Session s = sessions.get(r, agent, k -> new Session(r.conn().clientAddr(), r.conn().serverAddr(), config));
        s.requests++;
        if (r.userAgent() != null && s.userAgents.size() < 8) s.userAgents.add(r.userAgent());
        if (in.sqlmapGrammar() > 0) {
            if (s.grammarHits++ == 0) s.firstGrammarFrame = r.frame();
        }
        if (in.attack()) s.payloadRequests++;
        if (t.response() != null) s.statusCounts.merge(t.response().status(), 1L, Long::sum);
        s.discovery.add(t, in);
        String ep = r.method() + " " + Evidence.clip(r.path() != null ? r.path() : r.uri(), 200);
        if (s.endpoints.containsKey(ep) || s.endpoints.size() < config.maxSamples()) s.endpoints.merge(ep, 1L, Long::sum);
        s.frames.add(r.frame(), r.conn().transport(), r.conn().stream());
        if (t.response() != null) s.frames.add(t.response().frame(), r.conn().transport(), r.conn().stream());
        s.span.add(r.frame(), r.timeNs());
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Session s : sessions.all()) {
            Finding f = assess(s);
            if (f != null) out.add(f);
        }
        return out;
    }

    private Finding assess(Session s) {
        String ua = s.userAgents.isEmpty() ? null : s.userAgents.iterator().next();
        UserAgentCatalog.ToolMatch byUa = catalog.match(ua);
        DiscoveryTally.Assessment disc = s.discovery.assess(config);
        boolean grammar = s.grammarHits >= config.toolMinGrammarHits();
        boolean wordlist = disc.discovery() && s.discovery.wordlistShare() >= config.wordlistMinShare();
        List<String> behaviour = new ArrayList<>();
        if (grammar) behaviour.add("sqlmap_payload_grammar");
        if (wordlist) behaviour.add("wordlist_brute_force");
        String tool, version = null, detectedBy, notes;
        ToolCategory category;
        if (byUa != null && (byUa.category().offensive() || s.payloadRequests > 0 || config.reportScriptedClients()
                || !behaviour.isEmpty())) {
            tool = byUa.tool();
            version = byUa.version();
            category = byUa.category();
            detectedBy = "user_agent";
            notes = byUa.notes();
            if (!category.offensive() && grammar) {
                // a scripted client that speaks sqlmap's grammar is sqlmap with a custom User-Agent
                tool = "sqlmap";
                version = null;
                category = ToolCategory.SQL_INJECTION;
                detectedBy = "behaviour";
                notes = "sqlmap payload grammar behind the User-Agent " + ua;
            }
        } else if (byUa == null && grammar) {
            tool = "sqlmap";
            category = ToolCategory.SQL_INJECTION;
            detectedBy = "behaviour";
            notes = "sqlmap's payload grammar (boundaries, markers, heuristic probe) behind a "
                    + (catalog.isBrowser(ua) ? "browser" : "non-tool") + " User-Agent";
        } else if (byUa == null && wordlist) {
            tool = "directory brute forcer";
            category = ToolCategory.CONTENT_DISCOVERY;
            detectedBy = "behaviour";
            notes = "wordlist paths at a brute-force rate behind a " + (catalog.isBrowser(ua) ? "browser" : "non-tool") + " User-Agent";
        } else {
            return null;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tool", tool);
        ev.put("version", version);
        ev.put("category", category.id());
        ev.put("detected_by", detectedBy);
        ev.put("user_agent", ua);
        if (s.userAgents.size() > 1) ev.put("user_agents", new ArrayList<>(s.userAgents));
        ev.put("requests", s.requests);
        ev.put("status_counts", Evidence.statusMap(s.statusCounts));
        ev.put("payload_requests", s.payloadRequests);
        if (!behaviour.isEmpty()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("signals", behaviour);
            b.put("sqlmap_grammar_requests", s.grammarHits);
            if (s.grammarHits > 0) b.put("first_grammar_frame", s.firstGrammarFrame);
            b.put("distinct_paths", s.discovery.distinctPaths());
            b.put("not_found_share", disc.notFoundShare());
            b.put("wordlist_hits", s.discovery.wordlistHits);
            b.put("alphabetical_share", Evidence.round(s.discovery.alphabeticalShare()));
            ev.put("behaviour", b);
        }
        ev.put("endpoints", s.endpoints);
        ev.put("notes", notes);
        ev.put("rate_per_s", s.span.rate(s.requests));
        ev.put("duration_s", s.span.seconds());
        ev.put("first_request_frame", s.span.firstFrame);
        ev.put("last_request_frame", s.span.lastFrame);
        ev.put("connections", s.frames.streamCount());
        Severity sev = category.severity();
        String summary = String.format("%s%s %s against %s by %s: %d requests%s", category.offensive() ? "" : "Scripted client ",
                tool, version != null ? version : "", s.server, s.client, s.requests,
                detectedBy.equals("user_agent") ? " (User-Agent " + Evidence.clip(ua, 80) + ")" : " (recognised by behaviour: "
                        + String.join(", ", behaviour) + ")");
        // a scripted client reported because it carried payloads is part of the exploitation attempts
        org.nta.detect.Phase phase = !category.offensive() && s.payloadRequests > 0 ? org.nta.detect.Phase.EXPLOITATION : category.phase();
        return new Finding(FindingType.ATTACK_TOOL, sev, phase, s.client, s.server, s.span.firstFrame, s.span.lastFrame,
                s.span.firstNs, s.span.lastNs, s.frames.streams(), s.frames.filter(s.client, s.server), summary.replace("  ", " "),
                null, category.techniques(), ev);
    }
}
