package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.TcpSession;

/** Builds REVERSE_SHELL findings from a payload and its connection, or from a shell session alone. */
final class ReverseShellFindings {
    private ReverseShellFindings() {}

    /** A reading that shows a person driving a shell: enough typed commands, and a shell answering. */
    static boolean looksLikeShell(ShellTranscript.Transcript t, ShellConfig cfg) {
        return t.commandLike() >= cfg.minShellCommands() && t.typedRatio() >= 0.5
                && (!t.signs().isEmpty() || t.answered() >= cfg.minShellCommands());
    }

    static Finding triggered(List<ReverseShellDetector.PayloadSighting> group, ShellConnections.Conn c,
                             ShellTranscript.Transcript t, long lastTimeNs, ShellConfig cfg, Map<String, Object> drops) {
        ReverseShellDetector.PayloadSighting first = group.get(0);
        ShellPayloads.Payload p = first.payload();
        boolean bind = p.bind();
        String attacker, victim;
        if (c != null) {
            attacker = bind ? c.client : c.server;
            victim = bind ? c.server : c.client;
        } else {
            String named = p.host() == null ? null : IpText.canonical(p.host());
            attacker = !bind && named != null ? named : first.sender();
            victim = first.target();
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("direction", bind ? "bind" : "reverse");
        ev.put("port", p.port());
        ev.put("address", c != null ? c.server : bind ? victim : p.host());
        ev.put("listener", c != null ? c.server : bind ? victim : p.host());
        ev.put("connector", c != null ? c.client : bind ? null : victim);
        ev.put("payload", p.text());
        ev.put("payload_kind", p.kind());
        ev.put("payload_address", p.host());
        ev.put("trigger_frame", first.frame());
        ev.put("trigger_stream", first.stream());
        ev.put("trigger_time", Text.iso(first.timeNs()));
        ev.put("trigger_via", first.via());
        ev.put("trigger_where", first.where());
        if (group.size() > 1) {
            List<Long> frames = new ArrayList<>();
            for (ReverseShellDetector.PayloadSighting s : group) if (frames.size() < 64) frames.add(s.frame());
            ev.put("trigger_frames", frames);
            ev.put("trigger_count", group.size());
        }
        boolean established = c != null && c.established;
        ev.put("connected", established);
        TreeSet<Long> frames = new TreeSet<>();
        for (ReverseShellDetector.PayloadSighting s : group) frames.add(s.frame());
        TreeSet<Integer> streams = new TreeSet<>();
        for (ReverseShellDetector.PayloadSighting s : group) streams.add(s.stream());
        long firstFrame = first.frame(), lastFrame = group.get(group.size() - 1).frame();
        long firstTime = first.timeNs(), lastTime = group.get(group.size() - 1).timeNs();
        String filter;
        if (c != null) {
            connection(ev, c);
            streams.add(c.stream);
            lastFrame = Math.max(lastFrame, c.lastFrame);
            lastTime = Math.max(lastTime, c.endNs);
            filter = Filters.or(Filters.frameSet(frames), Filters.streams("tcp", List.of(c.stream)));
        } else {
            for (String k : List.of("stream", "syn_frame", "first_frame", "last_frame", "start_time", "connection_state",
                    "bytes_from_connector", "bytes_from_listener")) ev.put(k, null);
            filter = Filters.frameSet(frames);
        }
        transcript(ev, t, cfg);
        ev.put("confidence", c != null ? "high: the payload named this address and port and the connection followed"
                : "payload only: no connection to the address and port it names was captured");
        ev.putAll(drops);
        Boolean ok = established ? Boolean.TRUE
                : c != null ? Boolean.FALSE
                : lastTimeNs - first.timeNs() >= cfg.connectWaitNs() ? Boolean.FALSE : null;
        Severity sev = established ? Severity.CRITICAL : Severity.HIGH;
        String where = bind ? "listening on port " + p.port() + " of " + victim : "to " + hostPort(p.host(), p.port());
        String summary;
        if (established) {
            summary = (bind ? "Bind shell: " + attacker + " connected to " + victim + ":" + p.port()
                    : "Reverse shell: " + victim + " connected out to " + hostPort(c.server, p.port()))
                    + " after a " + p.kind() + " payload (frame " + first.frame() + ")" + userText(t) + commandsText(t);
        } else if (c != null) {
            summary = (bind ? "Bind" : "Reverse") + " shell payload (" + p.kind() + ", frame " + first.frame() + ") " + where
                    + ": the connection was attempted but not established (tcp.stream " + c.stream + ")";
        } else {
            summary = (bind ? "Bind" : "Reverse") + " shell payload (" + p.kind() + ", frame " + first.frame() + ") " + where
                    + "; no connection seen";
        }
        return new Finding(FindingType.REVERSE_SHELL, sev, Phase.COMMAND_AND_CONTROL, attacker, victim, firstFrame, lastFrame,
                firstTime, lastTime, new ArrayList<>(streams), filter, summary, ok, p.techniques(), ev);
    }

    static Finding untriggered(TcpSession s, ShellConnections.Conn c, ShellTranscript.Transcript t, ShellConfig cfg,
                               Map<String, Object> drops) {
        var conn = s.conn();
        boolean bind = t.clientTypes();
        String attacker = bind ? conn.clientAddr() : conn.serverAddr();
        String victim = bind ? conn.serverAddr() : conn.clientAddr();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("direction", bind ? "bind" : "reverse");
        ev.put("port", conn.serverPort());
        ev.put("address", conn.serverAddr());
        ev.put("listener", conn.serverAddr());
        ev.put("connector", conn.clientAddr());
        ev.put("payload", null);
        ev.put("connected", true);
        long firstFrame = s.firstFrame(), lastFrame = s.frame(), firstTime = s.timeNs(), lastTime = s.timeNs();
        if (c != null) {
            connection(ev, c);
            firstFrame = c.synFrame > 0 ? c.synFrame : c.firstFrame;
            lastFrame = Math.max(lastFrame, c.lastFrame);
            firstTime = c.startNs;
            lastTime = Math.max(lastTime, c.endNs);
        } else {
            ev.put("stream", conn.stream());
            ev.put("first_frame", s.firstFrame());
            ev.put("last_frame", s.frame());
        }
        if (!t.commands().isEmpty()) firstTime = Math.min(firstTime, t.commands().get(0).timeNs());
        transcript(ev, t, cfg);
        ev.put("confidence", "medium: no payload seen; recognised by its traffic (typed commands one way, shell answers the other)");
        ev.putAll(drops);
        boolean answered = t.answered() > 0;
        List<String> tech = techniques(t);
        String summary = (bind ? "Interactive shell on " + conn.serverAddr() + ":" + conn.serverPort() + " driven by " + attacker
                : "Interactive reverse shell from " + victim + " to " + hostPort(conn.serverAddr(), conn.serverPort()))
                + " (no payload seen)" + userText(t) + commandsText(t);
        return new Finding(FindingType.REVERSE_SHELL, answered ? Severity.CRITICAL : Severity.HIGH, Phase.COMMAND_AND_CONTROL,
                attacker, victim, firstFrame, lastFrame, firstTime, lastTime, List.of(conn.stream()),
                Filters.streams("tcp", List.of(conn.stream())), summary, answered ? Boolean.TRUE : null, tech, ev);
    }

    /** The interpreter the shell shows: its prompt or banner (Windows, PowerShell), else its commands (Unix by default). */
    static List<String> techniques(ShellTranscript.Transcript t) {
        String prompt = t.prompt() == null ? "" : t.prompt();
        if (prompt.startsWith("PS ")) return List.of("T1059.001");
        if (prompt.matches("[A-Za-z]:\\\\.*> ?") || t.banner().contains("Microsoft Windows")) return List.of("T1059.003");
        boolean windows = false, powershell = false, python = false;
        for (ShellTranscript.Typed x : t.commands()) {
            CommandLine cl = CommandLine.parse(x.command());
            if (cl == null) continue;
            windows |= cl.platform().equals("windows");
            powershell |= cl.platform().equals("powershell");
            python |= cl.program().startsWith("python");
        }
        List<String> tech = new ArrayList<>();
        if (powershell) tech.add("T1059.001");
        if (windows) tech.add("T1059.003");
        if (tech.isEmpty()) tech.add("T1059.004");
        if (python) tech.add("T1059.006");
        return tech;
    }

    private static void connection(Map<String, Object> ev, ShellConnections.Conn c) {
        ev.put("stream", c.stream);
        ev.put("syn_frame", c.synFrame > 0 ? c.synFrame : null);
        ev.put("first_frame", c.firstFrame);
        ev.put("last_frame", c.lastFrame);
        ev.put("start_time", Text.iso(c.startNs));
        ev.put("connection_state", c.state);
        ev.put("bytes_from_connector", c.bytesClient);
        ev.put("bytes_from_listener", c.bytesServer);
    }

    private static void transcript(Map<String, Object> ev, ShellTranscript.Transcript t, ShellConfig cfg) {
        List<String> commands = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        if (t != null) {
            for (ShellTranscript.Typed x : t.commands()) {
                commands.add(x.command());
                frames.add(x.frame());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("command", x.command());
                row.put("frame", x.frame());
                if (x.firstFrame() != x.frame()) row.put("first_frame", x.firstFrame());
                row.put("time", Text.iso(x.timeNs()));
                row.put("output", x.output());
                row.put("output_bytes", x.outputBytes());
                row.put("output_frames", x.outputFirstFrame() == 0 ? List.of() : List.of(x.outputFirstFrame(), x.outputLastFrame()));
                rows.add(row);
            }
        }
        ev.put("commands", commands);
        ev.put("command_frames", frames);
        ev.put("transcript", rows);
        ev.put("command_count", t == null ? 0 : t.totalCommands());
        ev.put("shell_user", t == null ? null : t.user());
        ev.put("prompt", t == null ? null : t.prompt());
        ev.put("banner", t == null || t.banner().isEmpty() ? null : t.banner());
        ev.put("shell_signs", t == null ? List.of() : t.signs());
        if (t != null && t.totalCommands() > t.commands().size()) ev.put("commands_listed", t.commands().size());
    }

    private static String userText(ShellTranscript.Transcript t) {
        if (t == null || t.user() == null) return "";
        return " as " + t.user().get("name");
    }

    private static String commandsText(ShellTranscript.Transcript t) {
        if (t == null || t.commands().isEmpty()) return "";
        StringBuilder sb = new StringBuilder("; typed: ");
        int n = 0;
        for (ShellTranscript.Typed x : t.commands()) {
            if (n > 0) sb.append(", ");
            if (n == 8) {
                sb.append("… (").append(t.totalCommands()).append(" in all)");
                break;
            }
            sb.append(Text.excerpt(x.command(), 60));
            n++;
        }
        return sb.toString();
    }

    static String hostPort(String host, int port) {
        if (host == null) return "port " + port;
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
