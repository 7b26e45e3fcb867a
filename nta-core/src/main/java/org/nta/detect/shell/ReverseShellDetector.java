package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.TcpSession;
import org.nta.flow.Flow;

/**
 * Reverse and bind shells: (a) payloads in HTTP requests (or typed in another shell) that open a shell to an
 * address and port; (b) the connection that follows — the victim connecting out to that address (reverse) or the
 * attacker connecting in to that port (bind); (c) interactive shell traffic on any connection no parser recognised,
 * even without a payload: typed command lines one way, prompts and command output the other. Reports the transcript:
 * each typed line with its frame, time and output.
 */
public final class ReverseShellDetector implements Detector {
    private final ShellConfig config;
    private final ShellConnections connections;
    private final List<PayloadSighting> payloads = new ArrayList<>();
    /** Text sessions that may be shells, by stream: both readings (client types, server types). */
    private final LinkedHashMap<Integer, Readings> sessions = new LinkedHashMap<>();
    private long droppedPayloads, droppedSessions, lastTimeNs = Long.MIN_VALUE;

    /** A payload and where it was seen. {@code via}: http or shell. */
    record PayloadSighting(ShellPayloads.Payload payload, long frame, long timeNs, int stream, String sender,
                           String target, String via, String where) {
    }

    private record Readings(TcpSession session, ShellTranscript.Transcript clientTypes, ShellTranscript.Transcript serverTypes) {
        ShellTranscript.Transcript best() {
            return ShellTranscript.better(clientTypes, serverTypes);
        }
    }

    public ReverseShellDetector(ShellConfig config) {
        this.config = config;
        this.connections = new ShellConnections(config.maxConnections());
    }

    @Override
    public void onFlowEnd(Flow flow) {
        if (flow.endNs > lastTimeNs) lastTimeNs = flow.endNs;
        connections.onFlow(flow);
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpRequest.class, TcpSession.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e.timeNs() > lastTimeNs) lastTimeNs = e.timeNs();
        if (e instanceof HttpRequest r) request(r);
        else if (e instanceof TcpSession s) session(s);
    }

    /** Requests already read that named no shell payload (the same request again needs no reading). */
    private final org.nta.detect.RequestFingerprint.Cache<Boolean> clean = new org.nta.detect.RequestFingerprint.Cache<>(4096);

    private void request(HttpRequest r) {
        long key = org.nta.detect.RequestFingerprint.of(r);
        if (clean.get(key) != null) return;
        long before = payloads.size() + droppedPayloads;
        requestTexts(r);
        if (payloads.size() + droppedPayloads == before) clean.put(key, Boolean.TRUE);
    }

    private void requestTexts(HttpRequest r) {
        List<String[]> texts = RequestTexts.of(r, config.maxScanChars());
        Set<String> seen = new HashSet<>();
        for (String[] t : texts) {
            for (ShellPayloads.Payload p : ShellPayloads.find(t[1])) {
                if (!seen.add(p.host() + " " + p.port() + " " + p.bind())) continue;
                addPayload(new PayloadSighting(p, r.frame(), r.timeNs(), r.conn().stream(), r.conn().clientAddr(),
                        r.conn().serverAddr(), "http", t[0]));
            }
        }
    }

    private void addPayload(PayloadSighting s) {
        if (payloads.size() >= config.maxPayloads()) {
            droppedPayloads++;
            return;
        }
        payloads.add(s);
        connections.arm(s.timeNs());
    }

    private void session(TcpSession s) {
        connections.onSession(s);
        if (!ShellTranscript.isText(s, config.minTextRatio())) return;
        ShellTranscript.Transcript c = ShellTranscript.read(s.chunks(), true, config);
        ShellTranscript.Transcript v = ShellTranscript.read(s.chunks(), false, config);
        if (c.totalCommands() == 0 && v.totalCommands() == 0) return;
        if (sessions.size() >= config.maxSessions()) {
            droppedSessions++;
            return;
        }
        // keep the readings, not the bytes
        sessions.put(s.conn().stream(), new Readings(new TcpSession(s.conn(), s.firstFrame(), s.frame(), s.timeNs(), List.of(),
                s.bytesClient(), s.bytesServer(), s.truncated()), c, v));
    }

    @Override
    public List<Finding> finish() {
        // payloads typed in shells open further shells
        for (Readings r : sessions.values()) {
            ShellTranscript.Transcript t = r.best();
            if (!ReverseShellFindings.looksLikeShell(t, config)) continue;
            for (ShellTranscript.Typed c : t.commands()) {
                for (ShellPayloads.Payload p : ShellPayloads.find(c.command())) {
                    var conn = r.session().conn();
                    String typist = t.clientTypes() ? conn.clientAddr() : conn.serverAddr();
                    String shellHost = t.clientTypes() ? conn.serverAddr() : conn.clientAddr();
                    addPayload(new PayloadSighting(p, c.frame(), c.timeNs(), conn.stream(), typist, shellHost, "shell",
                            "typed in the shell of tcp.stream " + conn.stream()));
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        Map<String, List<PayloadSighting>> groups = new LinkedHashMap<>();
        List<PayloadSighting> ordered = new ArrayList<>(payloads);
        ordered.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        for (PayloadSighting s : ordered) {
            ShellPayloads.Payload p = s.payload();
            String host = p.host() == null ? "*" : IpText.canonical(p.host()) != null ? IpText.canonical(p.host()) : p.host();
            groups.computeIfAbsent(s.target() + " " + host + " " + p.port() + " " + p.bind(), k -> new ArrayList<>()).add(s);
        }
        for (List<PayloadSighting> g : groups.values()) {
            // each connection belongs to the sightings sent since the previous one (a payload sent again opens a new shell)
            int next = 0;
            for (ShellConnections.Conn c : candidates(g, used)) {
                int end = next;
                while (end < g.size() && g.get(end).frame() < c.firstFrame) end++;
                if (end == next) continue; // no new payload before this connection
                List<PayloadSighting> run = g.subList(next, end);
                next = end;
                if (c.startNs > run.get(run.size() - 1).timeNs() + config.triggerWindowNs()) {
                    out.add(finding(run, null));
                    continue;
                }
                used.add(c.stream);
                out.add(finding(run, c));
            }
            if (next < g.size()) out.add(finding(g.subList(next, g.size()), null));
        }
        for (Map.Entry<Integer, Readings> e : sessions.entrySet()) {
            if (used.contains(e.getKey())) continue;
            ShellTranscript.Transcript t = e.getValue().best();
            if (!ReverseShellFindings.looksLikeShell(t, config)) continue;
            Map<String, Object> d = drops();
            if (e.getValue().session().truncated()) d.put("session_truncated", true);
            out.add(ReverseShellFindings.untriggered(e.getValue().session(), connections.get(e.getKey()), t, config, d));
        }
        return out;
    }

    private Map<String, Object> drops() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (droppedPayloads > 0) d.put("dropped_payloads", droppedPayloads);
        if (droppedSessions > 0) d.put("dropped_sessions", droppedSessions);
        if (connections.dropped() > 0) d.put("dropped_connections", connections.dropped());
        return d;
    }

    private Finding finding(List<PayloadSighting> run, ShellConnections.Conn c) {
        Readings r = c == null ? null : sessions.get(c.stream);
        ShellTranscript.Transcript t = r == null ? null : run.get(0).payload().bind() ? r.clientTypes : r.serverTypes;
        Map<String, Object> d = drops();
        if (r != null && r.session().truncated()) d.put("session_truncated", true);
        return ReverseShellFindings.triggered(List.copyOf(run), c, t, lastTimeNs, config, d);
    }

    /**
     * The unused connections the payloads of a group may have opened, in order: to the port they name, after the first
     * of them (frame order: capture times may run backwards a little) and within the trigger window of the last; for a
     * reverse shell to the address they name from the host that received them (another client only when none is),
     * for a bind shell to that host.
     */
    private List<ShellConnections.Conn> candidates(List<PayloadSighting> g, Set<Integer> used) {
        ShellPayloads.Payload p = g.get(0).payload();
        long to = g.get(g.size() - 1).timeNs() + config.triggerWindowNs();
        long fromFrame = g.get(0).frame();
        String victim = g.get(0).target(), sender = g.get(0).sender();
        List<ShellConnections.Conn> exact = new ArrayList<>(), other = new ArrayList<>();
        for (ShellConnections.Conn c : connections.all()) {
            if (used.contains(c.stream) || c.serverPort != p.port()) continue;
            if (c.firstFrame <= fromFrame || c.startNs > to) continue;
            boolean close;
            if (!p.bind()) {
                boolean hostOk = p.host() == null || IpText.canonical(p.host()) == null || IpText.same(p.host(), c.server);
                if (!hostOk) continue;
                close = IpText.same(victim, c.client);
            } else {
                if (!(IpText.same(victim, c.server) || p.host() != null && IpText.same(p.host(), c.server))) continue;
                close = IpText.same(sender, c.client);
            }
            (close ? exact : other).add(c);
        }
        return exact.isEmpty() ? other : exact;
    }
}
