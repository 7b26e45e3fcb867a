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
    public void onEvent(Event e) {
        if (e.timeNs() > lastTimeNs) lastTimeNs = e.timeNs();
        if (e instanceof HttpRequest r) request(r);
        else if (e instanceof TcpSession s) session(s);
    }

    private void request(HttpRequest r) {
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
        for (PayloadSighting s : payloads) {
            ShellPayloads.Payload p = s.payload();
            String host = p.host() == null ? "*" : IpText.canonical(p.host()) != null ? IpText.canonical(p.host()) : p.host();
            groups.computeIfAbsent(s.target() + " " + host + " " + p.port() + " " + p.bind(), k -> new ArrayList<>()).add(s);
        }
        for (List<PayloadSighting> g : groups.values()) {
            ShellConnections.Conn c = match(g, used);
            if (c != null) used.add(c.stream);
            Readings r = c == null ? null : sessions.get(c.stream);
            out.add(ReverseShellFindings.triggered(g, c, r == null ? null : (g.get(0).payload().bind() ? r.clientTypes : r.serverTypes),
                    lastTimeNs, config, drops()));
        }
        for (Map.Entry<Integer, Readings> e : sessions.entrySet()) {
            if (used.contains(e.getKey())) continue;
            ShellTranscript.Transcript t = e.getValue().best();
            if (!ReverseShellFindings.looksLikeShell(t, config)) continue;
            out.add(ReverseShellFindings.untriggered(e.getValue().session(), connections.get(e.getKey()), t, config, drops()));
        }
        return out;
    }

    private Map<String, Long> drops() {
        Map<String, Long> d = new LinkedHashMap<>();
        if (droppedPayloads > 0) d.put("dropped_payloads", droppedPayloads);
        if (droppedSessions > 0) d.put("dropped_sessions", droppedSessions);
        if (connections.dropped() > 0) d.put("dropped_connections", connections.dropped());
        return d;
    }

    /** The first unused connection the payloads of a group opened. */
    private ShellConnections.Conn match(List<PayloadSighting> g, Set<Integer> used) {
        ShellPayloads.Payload p = g.get(0).payload();
        long to = g.get(g.size() - 1).timeNs() + config.triggerWindowNs();
        long fromFrame = g.get(0).frame();
        String victim = g.get(0).target(), sender = g.get(0).sender();
        ShellConnections.Conn best = null;
        int bestRank = Integer.MAX_VALUE;
        for (ShellConnections.Conn c : connections.all()) {
            if (used.contains(c.stream) || c.serverPort != p.port()) continue;
            // opened after the payload was sent (frame order; capture times may run backwards a little)
            if (c.firstFrame <= fromFrame || c.startNs > to) continue;
            int rank;
            if (!p.bind()) {
                boolean hostOk = p.host() == null || IpText.canonical(p.host()) == null || IpText.same(p.host(), c.server);
                if (!hostOk) continue;
                rank = IpText.same(victim, c.client) ? 0 : 1;
            } else {
                if (!(IpText.same(victim, c.server) || p.host() != null && IpText.same(p.host(), c.server))) continue;
                rank = IpText.same(sender, c.client) ? 0 : 1;
            }
            if (!c.established) rank += 2;
            if (rank < bestRank || rank == bestRank && best != null && c.firstFrame < best.firstFrame) {
                best = c;
                bestRank = rank;
            }
        }
        return best;
    }
}
