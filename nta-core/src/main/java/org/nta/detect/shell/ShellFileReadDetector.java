package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TcpSession;

/**
 * Actions on objectives: account lists, password hashes, private keys and configuration secrets read through a
 * shell — a command typed in an interactive shell, or sent to a web shell, whose output carries the file. Reported
 * as INFO_DISCLOSURE with the file, the command and what the content shows (hashes cut short).
 */
public final class ShellFileReadDetector implements Detector {
    private final ShellConfig config;
    private final List<Finding> found = new ArrayList<>();

    public ShellFileReadDetector(ShellConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpTransaction.class, TcpSession.class);
    }

    @Override
    public void onEvent(Event e) {
        if (found.size() >= config.maxCandidates()) return;
        if (e instanceof HttpTransaction t && t.request() != null && t.response() != null) http(t.request(), t.response());
        else if (e instanceof TcpSession s) session(s);
    }

    private void http(HttpRequest r, HttpResponse resp) {
        if (resp.status() < 200 || resp.status() >= 300 || resp.body().isEmpty()) return;
        for (RequestTexts.Param p : RequestTexts.params(r)) {
            ValueDecoder.Decoded d = ValueDecoder.command(p.value(), null);
            if (d == null) continue;
            SensitiveFiles.Read read = SensitiveFiles.inspect(d.text(), Text.clean(resp.body().text()));
            if (read == null) continue;
            Map<String, Object> ev = evidence(read, d.text(), "webshell_command");
            ev.put("parameter", p.name());
            ev.put("uri", r.path());
            ev.put("command_frame", r.frame());
            ev.put("frame", resp.frame());
            ev.put("stream", r.conn().stream());
            ev.put("time", Text.iso(resp.timeNs()));
            found.add(finding(read, ev, r.conn().clientAddr(), r.conn().serverAddr(), r.frame(), resp.frame(), r.timeNs(),
                    resp.timeNs(), r.conn().stream(), List.of(r.frame(), resp.frame()), "through the web shell " + r.path()));
            return;
        }
    }

    private void session(TcpSession s) {
        if (!ShellTranscript.isText(s, config.minTextRatio())) return;
        ShellTranscript.Transcript t = ShellTranscript.best(s.chunks(), config);
        if (t.commandLike() == 0) return;
        for (ShellTranscript.Typed x : t.commands()) {
            if (x.outputFirstFrame() == 0) continue;
            SensitiveFiles.Read read = SensitiveFiles.inspect(x.command(), x.output());
            if (read == null) continue;
            var conn = s.conn();
            String typist = t.clientTypes() ? conn.clientAddr() : conn.serverAddr();
            String shellHost = t.clientTypes() ? conn.serverAddr() : conn.clientAddr();
            Map<String, Object> ev = evidence(read, x.command(), "reverse_shell");
            ev.put("command_frame", x.frame());
            ev.put("frame", x.outputFirstFrame());
            ev.put("output_frames", List.of(x.outputFirstFrame(), x.outputLastFrame()));
            ev.put("stream", conn.stream());
            ev.put("time", Text.iso(x.timeNs()));
            List<Long> frames = new ArrayList<>(List.of(x.frame(), x.outputFirstFrame()));
            if (x.outputLastFrame() != x.outputFirstFrame()) frames.add(x.outputLastFrame());
            found.add(finding(read, ev, typist, shellHost, x.frame(), Math.max(x.frame(), x.outputLastFrame()), x.timeNs(),
                    x.timeNs(), conn.stream(), frames, "in the shell of tcp.stream " + conn.stream()));
            if (found.size() >= config.maxCandidates()) return;
        }
    }

    private static Map<String, Object> evidence(SensitiveFiles.Read read, String command, String via) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("what", read.what());
        ev.put("file", read.file());
        ev.put("kind", read.kind());
        ev.put("command", command);
        ev.put("via", via);
        ev.putAll(read.details());
        ev.put("excerpt", read.excerpt());
        return ev;
    }

    private static Finding finding(SensitiveFiles.Read read, Map<String, Object> ev, String attacker, String victim, long first,
                                   long last, long t0, long t1, int stream, List<Long> frames, String where) {
        Severity sev = read.kind().equals("passwd") ? Severity.MEDIUM : Severity.HIGH;
        List<Long> sorted = new ArrayList<>(new java.util.TreeSet<>(frames));
        String summary = attacker + " read " + read.what() + " on " + victim + " " + where + " (" + ev.get("command") + ")";
        return new Finding(FindingType.INFO_DISCLOSURE, sev, Phase.ACTIONS_ON_OBJECTIVES, attacker, victim, sorted.get(0),
                sorted.get(sorted.size() - 1), t0, Math.max(t0, t1), List.of(stream), Filters.frameSet(sorted), summary, Boolean.TRUE,
                List.of(read.technique()), ev);
    }

    @Override
    public List<Finding> finish() {
        return List.copyOf(found);
    }
}
