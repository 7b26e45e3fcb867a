package org.nta.detect.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * Password guessing against one login form or Basic-auth realm: many attempts by one client (and agent) on one
 * URI with varying passwords (or, for spraying, varying users), most of them answered with the same failure page.
 * An attempt answered differently (a redirect, another status, a clearly different page) is a success, and its
 * credentials are reported. Attempts that carry injection payloads are web attacks, not guesses: they are not
 * counted, and a session where they are common is an injection scan (sqlmap on a login form), not a brute force.
 * A user mistyping a password a few times stays below the thresholds.
 */
public final class LoginBruteforceDetector implements Detector {
    private static final int MAX_ATTEMPTS = 50_000;

    private final WebConfig config;
    private final UserAgentCatalog catalog;
    private final RequestInspector inspector;
    private final Sessions<Group> groups;

    record Attempt(long frame, long responseFrame, long timeNs, int stream, String username, String password, int status,
                   long size, String location) {
    }

    private static final class Group {
        final String client, server, path;
        String userAgent, method, usernameField, passwordField, transport = "tcp";
        final List<Attempt> attempts = new ArrayList<>();
        final List<long[]> fetches = new ArrayList<>(); // frame, time, stream, response frame
        long posts, payloadPosts, dropped;

        Group(String client, String server, String path) {
            this.client = client;
            this.server = server;
            this.path = path;
        }
    }

    public LoginBruteforceDetector(WebConfig config, UserAgentCatalog catalog, RequestInspector inspector) {
        this.config = config;
        this.catalog = catalog;
        this.inspector = inspector;
        this.groups = new Sessions<>(config.maxSessions(), catalog);
    }

    public LoginBruteforceDetector(WebConfig config) {
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
        String path = r.path() != null ? r.path() : r.uri();
        LoginForms.Login login = LoginForms.of(r);
        String agent = groups.agent(r, in);
        if (login == null) {
            if (!r.method().equals("GET")) return;
            Group g = groups.get(r, agent + " " + path, k -> new Group(r.conn().clientAddr(), r.conn().serverAddr(), path));
            if (g.fetches.size() < MAX_ATTEMPTS) {
                g.fetches.add(new long[] {r.frame(), r.timeNs(), r.conn().stream(), t.response() == null ? 0 : t.response().frame()});
            }
            return;
        }
        Group g = groups.get(r, agent + " " + path, k -> new Group(r.conn().clientAddr(), r.conn().serverAddr(), path));
        if (g.userAgent == null) g.userAgent = r.userAgent();
        g.transport = r.conn().transport();
        g.posts++;
        if (in.attack()) {
            g.payloadPosts++;
            return;
        }
        if (g.method == null) {
            g.method = login.method();
            g.usernameField = login.usernameField();
            g.passwordField = login.passwordField();
        }
        HttpResponse resp = t.response();
        if (g.attempts.size() >= MAX_ATTEMPTS) {
            g.dropped++;
            return;
        }
        g.attempts.add(new Attempt(r.frame(), resp == null ? 0 : resp.frame(), r.timeNs(), r.conn().stream(), login.username(),
                login.password(), resp == null ? 0 : resp.status(), resp == null ? -1 : resp.body().decodedLength(),
                resp == null ? null : resp.location()));
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Group g : groups.all()) {
            if (g.attempts.size() < config.bruteMinAttempts()) continue;
            if (g.posts > 0 && (double) g.payloadPosts / g.posts > config.bruteMaxPayloadShare()) continue;
            List<Attempt> sorted = new ArrayList<>(g.attempts);
            sorted.sort((a, b) -> Long.compare(a.timeNs(), b.timeNs()));
            List<Attempt> burst = new ArrayList<>();
            for (Attempt a : sorted) {
                if (!burst.isEmpty() && a.timeNs() - burst.get(burst.size() - 1).timeNs() > config.bruteMaxGapSec() * 1_000_000_000L) {
                    Finding f = assess(g, burst);
                    if (f != null) out.add(f);
                    burst = new ArrayList<>();
                }
                burst.add(a);
            }
            Finding f = assess(g, burst);
            if (f != null) out.add(f);
        }
        return out;
    }

    /** The answer most attempts got: the failure page. {status, size}. */
    static long[] baseline(List<Attempt> burst) {
        Map<Long, Integer> counts = new HashMap<>();
        long best = -1;
        int bestN = 0;
        for (Attempt a : burst) {
            if (a.status() == 0) continue;
            long key = ((long) a.status() << 40) | Math.max(0, a.size());
            int n = counts.merge(key, 1, Integer::sum);
            if (n > bestN) {
                bestN = n;
                best = key;
            }
        }
        return best < 0 ? null : new long[] {best >>> 40, best & ((1L << 40) - 1)};
    }

    /** An attempt whose answer differs from the failure page in status or clearly in size, and is not an error. */
    static boolean success(Attempt a, long[] base, boolean basic) {
        if (a.status() == 0) return false;
        if (basic) return a.status() < 400;
        if (a.status() >= 400 && base[0] < 400) return false;
        if (a.status() != base[0]) return true;
        long diff = Math.abs(a.size() - base[1]);
        return diff > Math.max(64, base[1] / 4);
    }

    private Finding assess(Group g, List<Attempt> burst) {
        if (burst.size() < config.bruteMinAttempts()) return null;
        Set<String> passwords = new LinkedHashSet<>(), users = new LinkedHashSet<>();
        for (Attempt a : burst) {
            passwords.add(String.valueOf(a.password()));
            users.add(String.valueOf(a.username()));
        }
        boolean spraying = users.size() > passwords.size();
        if (passwords.size() < config.bruteMinDistinctPasswords() && users.size() < config.bruteMinDistinctPasswords()) return null;
        long[] base = baseline(burst);
        boolean basic = "basic".equals(g.method);
        List<Attempt> wins = new ArrayList<>();
        long failures = 0, unanswered = 0;
        for (Attempt a : burst) {
            if (a.status() == 0) unanswered++;
            else if (base != null && success(a, base, basic)) wins.add(a);
            else failures++;
        }
        if (failures < config.bruteMinFailures() || wins.size() * 2 > burst.size()) return null;
        Attempt first = burst.get(0), last = burst.get(burst.size() - 1);
        EvidenceFrames frames = new EvidenceFrames(config.maxFilterFrames(), config.maxFilterStreams());
        long firstFrame = Long.MAX_VALUE, lastFrame = 0, fetches = 0, firstNs = first.timeNs();
        long window = config.bruteMaxGapSec() * 1_000_000_000L;
        for (long[] f : g.fetches) {
            if (f[1] < first.timeNs() - Math.min(window, 10_000_000_000L) || f[1] > last.timeNs()) continue;
            fetches++;
            frames.add(f[0], g.transport, (int) f[2]);
            frames.add(f[3], g.transport, (int) f[2]);
            firstFrame = Math.min(firstFrame, f[0]);
            firstNs = Math.min(firstNs, f[1]);
        }
        for (Attempt a : burst) {
            frames.add(a.frame(), g.transport, a.stream());
            frames.add(a.responseFrame(), g.transport, a.stream());
            firstFrame = Math.min(firstFrame, a.frame());
            lastFrame = Math.max(lastFrame, a.frame());
        }
        UserAgentCatalog.ToolMatch tool = catalog.match(g.userAgent);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("uri", g.path);
        ev.put("method", g.method);
        ev.put("username_field", g.usernameField);
        ev.put("password_field", g.passwordField);
        ev.put("usernames", Evidence.head(new ArrayList<>(users), config.maxSamples()));
        ev.put("usernames_total", users.size());
        ev.put("attempts", burst.size());
        ev.put("distinct_passwords", passwords.size());
        ev.put("failures", failures);
        ev.put("unanswered", unanswered);
        if (base != null) {
            Map<String, Object> answer = new java.util.LinkedHashMap<>(); // in this order: Map.of's changes from run to run
            answer.put("status", base[0]);
            answer.put("size", base[1]);
            ev.put("failure_answer", answer);
        }
        List<Map<String, Object>> succ = new ArrayList<>();
        for (Attempt a : wins) {
            if (succ.size() >= config.maxSamples()) break;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", a.frame());
            m.put("response_frame", a.responseFrame());
            m.put("stream", a.stream());
            m.put("username", a.username());
            m.put("password", config.revealPasswords() ? a.password() : Evidence.mask(a.password()));
            m.put("status", a.status());
            m.put("size", a.size());
            if (a.location() != null) m.put("location", a.location());
            succ.add(m);
        }
        ev.put("successes", succ);
        if (!wins.isEmpty()) {
            Attempt w = wins.get(0);
            ev.put("success_frame", w.frame());
            ev.put("success_response_frame", w.responseFrame());
            ev.put("success_stream", w.stream());
            ev.put("username", w.username());
            ev.put("password", config.revealPasswords() ? w.password() : Evidence.mask(w.password()));
        }
        ev.put("passwords_masked", !config.revealPasswords());
        ev.put("protocol", "http");
        ev.put("pattern", spraying ? "spraying" : "brute_force");
        ev.put("tool", tool != null ? tool.tool() : null);
        ev.put("user_agent", g.userAgent);
        ev.put("form_fetches", fetches);
        ev.put("payload_posts_excluded", g.payloadPosts);
        ev.put("first_attempt_frame", first.frame());
        ev.put("last_attempt_frame", last.frame());
        ev.put("rate_per_s", Evidence.rate(burst.size(), first.timeNs(), last.timeNs()));
        ev.put("duration_s", Evidence.seconds(first.timeNs(), last.timeNs()));
        if (g.dropped > 0) ev.put("attempts_dropped", g.dropped);
        Boolean ok = !wins.isEmpty() ? Boolean.TRUE : unanswered > 0 ? null : Boolean.FALSE;
        String who = users.size() == 1 ? "user " + users.iterator().next() : users.size() + " users";
        String summary = String.format("%s against %s%s on %s by %s%s: %d attempts (%d passwords, %s), %d failed; %s",
                spraying ? "Password spraying" : "Login brute force", basic ? "HTTP Basic auth " : "", g.path, g.server, g.client,
                tool != null ? " with " + tool.tool() : "", burst.size(), passwords.size(), who, failures,
                wins.isEmpty() ? "no success" : "SUCCESS for " + wins.get(0).username() + " (frame " + wins.get(0).frame() + ")");
        return new Finding(FindingType.LOGIN_BRUTEFORCE, wins.isEmpty() ? Severity.MEDIUM : Severity.HIGH, Phase.EXPLOITATION,
                g.client, g.server, firstFrame, lastFrame, firstNs, last.timeNs(), frames.streams(),
                frames.filter(g.client, g.server), summary, ok, List.of(spraying ? "T1110.003" : "T1110.001"), ev);
    }
}
