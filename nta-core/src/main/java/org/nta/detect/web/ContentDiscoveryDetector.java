package org.nta.detect.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpTransaction;

/**
 * Directory brute force (web content discovery): one client asking one server for many distinct paths, most of
 * which do not exist. Sessions are per client, server and agent (tool or User-Agent), so a brute forcer and the
 * attacker's own browser are told apart. Reports what was found (every answer but the "not found" one, including
 * 2xx, 3xx, 401, 403), answers that stand out by size, the rate, and the tool when the User-Agent names it.
 */
public final class ContentDiscoveryDetector implements Detector {
    private final WebConfig config;
    private final UserAgentCatalog catalog;
    private final RequestInspector inspector;
    private final Sessions<Session> sessions;

    private static final class Session {
        final String client, server, agent;
        final DiscoveryTally tally = new DiscoveryTally();
        final EvidenceFrames frames;
        String userAgent;
        final Span span = new Span();

        Session(String client, String server, String agent, WebConfig c) {
            this.client = client;
            this.server = server;
            this.agent = agent;
            this.frames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
        }
    }

    public ContentDiscoveryDetector(WebConfig config, UserAgentCatalog catalog, RequestInspector inspector) {
        this.config = config;
        this.catalog = catalog;
        this.inspector = inspector;
        this.sessions = new Sessions<>(config.maxSessions(), catalog);
    }

    public ContentDiscoveryDetector(WebConfig config) {
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
        Session s = sessions.get(r, agent, k -> new Session(r.conn().clientAddr(), r.conn().serverAddr(), agent, config));
        if (s.userAgent == null) s.userAgent = r.userAgent();
        s.tally.add(t, in);
        s.frames.add(r.frame(), r.conn().transport(), r.conn().stream());
        if (t.response() != null) s.frames.add(t.response().frame(), r.conn().transport(), r.conn().stream());
        s.span.add(r.frame(), r.timeNs());
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Session s : sessions.all()) {
            DiscoveryTally.Assessment a = s.tally.assess(config);
            if (a.discovery()) out.add(finding(s, a));
        }
        return out;
    }

    private Finding finding(Session s, DiscoveryTally.Assessment a) {
        UserAgentCatalog.ToolMatch tool = catalog.match(s.userAgent);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tool", tool != null ? tool.tool() : null);
        ev.put("tool_version", tool != null ? tool.version() : null);
        ev.put("user_agent", s.userAgent);
        ev.put("requests", s.tally.requests);
        ev.put("distinct_paths", s.tally.distinctPaths());
        ev.put("status_counts", Evidence.statusMap(s.tally.statusCounts));
        ev.put("not_found", a.notFound());
        ev.put("not_found_share", a.notFoundShare());
        if (a.softNotFound() != null) ev.put("soft_not_found", a.softNotFound());
        List<Map<String, Object>> found = new ArrayList<>();
        for (DiscoveryTally.Answer x : a.found()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", x.path());
            m.put("status", x.status());
            m.put("size", x.size());
            m.put("frame", x.responseFrame());
            m.put("request_frame", x.requestFrame());
            if (x.location() != null) m.put("location", x.location());
            found.add(m);
        }
        ev.put("found", found);
        ev.put("found_total", a.foundTotal());
        ev.put("size_outliers", a.outliers());
        ev.put("wordlist_hits", s.tally.wordlistHits);
        ev.put("alphabetical_share", Evidence.round(s.tally.alphabeticalShare()));
        ev.put("rate_per_s", s.span.rate(s.tally.requests));
        ev.put("duration_s", s.span.seconds());
        ev.put("first_request_frame", s.span.firstFrame);
        ev.put("last_request_frame", s.span.lastFrame);
        ev.put("connections", s.frames.streamCount());
        if (sessions.dropped() > 0) ev.put("sessions_dropped", sessions.dropped());
        StringBuilder what = new StringBuilder();
        for (int i = 0; i < Math.min(6, a.found().size()); i++) {
            DiscoveryTally.Answer x = a.found().get(i);
            what.append(i > 0 ? ", " : "").append(x.path()).append(" (").append(x.status()).append(')');
        }
        if (a.foundTotal() > 6) what.append(", …");
        String summary = String.format("Directory brute force of %s by %s%s: %d requests for %d paths, %.1f%% not found; found %s",
                s.server, s.client, tool != null ? " with " + tool.tool() + (tool.version() != null ? " " + tool.version() : "") : "",
                s.tally.requests, s.tally.distinctPaths(), a.notFoundShare() * 100,
                a.found().isEmpty() ? "nothing" : what.toString());
        return new Finding(FindingType.CONTENT_DISCOVERY, Severity.MEDIUM, Phase.ENUMERATION, s.client, s.server, s.span.firstFrame,
                s.span.lastFrame, s.span.firstNs, s.span.lastNs, s.frames.streams(), s.frames.filter(s.client, s.server), summary,
                !a.found().isEmpty(), List.of("T1595.003"), ev);
    }
}
