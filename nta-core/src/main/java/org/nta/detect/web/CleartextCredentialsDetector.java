package org.nta.detect.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

/**
 * Credentials sent in clear text over HTTP (login forms, HTTP Basic, JSON and query-string logins): one LOW finding
 * per client, server, login URI and user, whether the login worked (a redirect elsewhere, or for Basic a 2xx/3xx),
 * failed (401/403, or a page saying the login was wrong) or is unknown. Passwords are masked unless
 * {@link WebConfig#revealPasswords()} says otherwise. Automated guessing (as many attempts as a brute force needs,
 * from one client and agent) and injection payloads are left to the brute-force and web-attack detectors; when the
 * same client did guess passwords on that form, its logins are the use of what it found and the client is named
 * as the attacker.
 */
public final class CleartextCredentialsDetector implements Detector {
    private static final Pattern FAILED = Pattern.compile("(?i)\\b(?:invalid|incorrect|wrong|failed|failure|denied|bad (?:user|pass)"
            + "|unknown user|try again|not recognized)\\b");
    private static final int MAX_LOGINS = 64;

    private final WebConfig config;
    private final RequestInspector inspector;
    private final Sessions<Group> groups;
    /** Non-payload login attempts per client, server, agent and URI: many means automated guessing. */
    private final Map<String, Long> perAgent = new HashMap<>();

    private static final class Group {
        final String client, server, uri, method, username, usernameField, passwordField, agentKey;
        String userAgent, transport = "tcp";
        final List<String> passwords = new ArrayList<>();
        final List<Map<String, Object>> logins = new ArrayList<>();
        final EvidenceFrames frames;
        long attempts, successes, failures, firstSuccess;
        final Span span = new Span();

        Group(HttpRequest r, LoginForms.Login l, String uri, String agentKey, WebConfig c) {
            client = r.conn().clientAddr();
            server = r.conn().serverAddr();
            this.uri = uri;
            method = l.method();
            username = l.username();
            usernameField = l.usernameField();
            passwordField = l.passwordField();
            this.agentKey = agentKey;
            frames = new EvidenceFrames(c.maxFilterFrames(), c.maxFilterStreams());
        }
    }

    public CleartextCredentialsDetector(WebConfig config, UserAgentCatalog catalog, RequestInspector inspector) {
        this.config = config;
        this.inspector = inspector;
        this.groups = new Sessions<>(config.maxSessions(), catalog);
    }

    public CleartextCredentialsDetector(WebConfig config) {
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
        LoginForms.Login l = LoginForms.of(r);
        if (l == null || l.password() == null || l.password().isEmpty()) return;
        RequestInspector.Inspection in = inspector.inspect(r);
        if (in.attack()) return;
        String uri = l.method().equals("basic") ? "basic:" + (r.path() != null ? r.path() : r.uri()) : r.path() != null ? r.path() : r.uri();
        String agent = groups.agent(r, in);
        String agentKey = r.conn().clientAddr() + " " + r.conn().serverAddr() + " " + agent + " " + uri;
        if (perAgent.size() < config.maxSessions() || perAgent.containsKey(agentKey)) perAgent.merge(agentKey, 1L, Long::sum);
        Group g = groups.get(r, agent + " " + uri + " " + l.username(), k -> new Group(r, l, uri, agentKey, config));
        if (g.userAgent == null) g.userAgent = r.userAgent();
        g.transport = r.conn().transport();
        HttpResponse resp = t.response();
        Boolean ok = outcome(l, r, resp);
        g.attempts++;
        if (Boolean.TRUE.equals(ok)) {
            if (g.successes++ == 0) g.firstSuccess = r.frame();
        } else if (Boolean.FALSE.equals(ok)) {
            g.failures++;
        }
        if (!g.passwords.contains(l.password()) && g.passwords.size() < 8) g.passwords.add(l.password());
        g.frames.add(r.frame(), r.conn().transport(), r.conn().stream());
        if (resp != null) g.frames.add(resp.frame(), r.conn().transport(), r.conn().stream());
        g.span.add(r.frame(), r.timeNs());
        if (g.logins.size() < MAX_LOGINS) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", r.frame());
            m.put("response_frame", resp == null ? null : resp.frame());
            m.put("stream", r.conn().stream());
            m.put("status", resp == null ? null : resp.status());
            m.put("success", ok);
            g.logins.add(m);
        }
    }

    /** Did this login work: TRUE, FALSE, or null when the answer does not say. */
    static Boolean outcome(LoginForms.Login l, HttpRequest r, HttpResponse resp) {
        if (resp == null) return null;
        int s = resp.status();
        if (s == 401 || s == 403) return Boolean.FALSE;
        if (l.method().equals("basic")) return s < 400 ? Boolean.TRUE : null;
        if (s >= 300 && s < 400 && resp.location() != null) {
            String loc = resp.location().toLowerCase(Locale.ROOT);
            String path = r.path() == null ? "" : r.path().toLowerCase(Locale.ROOT);
            if (loc.contains("error") || loc.contains("fail") || loc.endsWith(path) && !path.isEmpty()) return Boolean.FALSE;
            return Boolean.TRUE;
        }
        if (s == 200) {
            String text = ResponseSignals.text(resp.body(), resp.contentType(), 16 * 1024);
            if (FAILED.matcher(text).find()) return Boolean.FALSE;
        }
        return null;
    }

    @Override
    public List<Finding> finish() {
        Map<String, Boolean> guessed = new HashMap<>(); // client server uri → guessing seen
        for (Map.Entry<String, Long> e : perAgent.entrySet()) {
            if (e.getValue() < config.bruteMinAttempts()) continue;
            String[] p = e.getKey().split(" ", 3);
            String uri = e.getKey().substring(e.getKey().lastIndexOf(' ') + 1);
            guessed.put(p[0] + " " + p[1] + " " + uri, true);
        }
        List<Finding> out = new ArrayList<>();
        for (Group g : groups.all()) {
            if (perAgent.getOrDefault(g.agentKey, 0L) >= config.bruteMinAttempts()) continue; // a brute force
            boolean useOfGuess = guessed.containsKey(g.client + " " + g.server + " " + g.uri);
            out.add(finding(g, useOfGuess));
        }
        return out;
    }

    private Finding finding(Group g, boolean useOfGuess) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("protocol", "http");
        ev.put("method", g.method);
        ev.put("uri", g.uri.startsWith("basic:") ? g.uri.substring(6) : g.uri);
        ev.put("username_field", g.usernameField);
        ev.put("password_field", g.passwordField);
        ev.put("username", g.username);
        List<String> pw = new ArrayList<>();
        for (String p : g.passwords) pw.add(config.revealPasswords() ? p : Evidence.mask(p));
        ev.put("passwords", pw);
        ev.put("passwords_masked", !config.revealPasswords());
        ev.put("attempts", g.attempts);
        ev.put("successes", g.successes);
        ev.put("failures", g.failures);
        if (g.successes > 0) ev.put("success_frame", g.firstSuccess);
        ev.put("logins", g.logins);
        ev.put("client", g.client);
        ev.put("user_agent", g.userAgent);
        if (useOfGuess) ev.put("after_guessing", true);
        Boolean ok = g.successes > 0 ? Boolean.TRUE : g.failures == g.attempts ? Boolean.FALSE : null;
        String user = g.username == null ? "(no user name)" : g.username;
        String summary = String.format("Clear-text %s credentials for %s sent by %s to %s%s: %d %s, %s",
                g.method.equals("basic") ? "HTTP Basic" : "HTTP login", user, g.client, g.server, ev.get("uri"), g.attempts,
                g.attempts == 1 ? "login" : "logins", g.successes > 0 ? "accepted (frame " + g.firstSuccess + ")"
                        : g.failures == g.attempts ? "all rejected" : "outcome unknown");
        return new Finding(FindingType.CLEARTEXT_CREDENTIALS, Severity.LOW, useOfGuess ? Phase.EXPLOITATION : Phase.ENUMERATION,
                useOfGuess ? g.client : null, g.server, g.span.firstFrame, g.span.lastFrame, g.span.firstNs, g.span.lastNs, g.frames.streams(),
                g.frames.filter(g.client, g.server), summary, ok, useOfGuess ? List.of("T1078") : List.of("T1040"), ev);
    }
}
