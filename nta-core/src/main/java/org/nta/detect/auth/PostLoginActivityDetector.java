package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.web.EvidenceFrames;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.TelnetSession;
import org.nta.event.TransferredFile;

/**
 * {@code post_login_activity}: what a session did after the attacker logged in with a credential found by
 * guessing (the accepted pair of a {@link Guessing} burst, used by any client on any server afterwards) in the
 * session (connection) that login opened: files
 * downloaded (collection, T1005), mail read (T1114) or sent from the account (T1534), files uploaded (T1105; into a
 * web root or with a server-side script extension also T1505.003). The files are the {@link TransferredFile} events
 * whose {@code user} is the account and whose control connection (for FTP; else their own connection) is that
 * session; and the commands typed in a Telnet session that login opened (T1059.004, with their output). One HIGH
 * finding per client, server, protocol and user; uploads make it phase installation, else actions on objectives.
 */
public final class PostLoginActivityDetector implements Detector {
    private static final Pattern WEB_ROOT = Pattern.compile("(?i)(?:^|/)(?:var/www|www|htdocs|public_html|wwwroot|inetpub|html|webapps)(?:/|$)");
    private static final Pattern SCRIPT = Pattern.compile("(?i)\\.(?:php[0-9]?|phtml|phar|asp|aspx|ashx|jsp|jspx|cgi|pl)$");

    private final AuthConfig config;
    private final CredentialLog log;
    private final List<File> files = new ArrayList<>();
    private final List<TelnetSession> shells = new ArrayList<>();
    private long filesDropped;

    record File(String client, String server, String protocol, String source, String command, boolean upload, String name,
                long firstFrame, long frame, long timeNs, long size, String sha256, String transport, int stream, int controlStream,
                String user) {
    }

    /** An attacker's login: first frame it was accepted on, and how the credential was found. */
    private record Login(Use use, String how, long foundFrame) {
    }

    public PostLoginActivityDetector(AuthConfig config, CredentialLog log) {
        this.config = config;
        this.log = log;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(TelnetSession.class, TransferredFile.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof TelnetSession t && !t.commands().isEmpty() && t.loginResult() == org.nta.event.Credential.Result.ACCEPTED) {
            if (shells.size() < config.maxFiles()) shells.add(t);
            else filesDropped++;
            return;
        }
        if (!(e instanceof TransferredFile f) || f.user() == null) return;
        if (files.size() >= config.maxFiles()) {
            filesDropped++;
            return;
        }
        ConnInfo ctl = f.control() != null ? f.control() : f.conn();
        files.add(new File(ctl.clientAddr(), ctl.serverAddr(), f.protocol(), f.source(), f.command(),
                f.direction() == HttpFileObject.Direction.UPLOAD, f.originalName(), f.firstFrame(), f.frame(), f.timeNs(), f.size(),
                f.sha256(), f.conn().transport(), f.conn().stream(), ctl.stream(), f.user()));
    }

    @Override
    public List<Finding> finish() {
        Map<String, Login> logins = logins();
        if (logins.isEmpty() || files.isEmpty() && shells.isEmpty()) return List.of();
        Map<String, List<File>> sessions = new LinkedHashMap<>();
        Map<String, List<TelnetSession>> typed = new LinkedHashMap<>();
        Map<String, Login> sessionLogin = new HashMap<>();
        for (File f : files) {
            Login l = logins.get(f.client() + " " + f.server() + " " + f.controlStream());
            if (l == null || f.frame() < l.use().secretFrame() || !f.user().toLowerCase(Locale.ROOT).equals(l.use().userKey())) continue;
            String k = f.client() + " " + f.server() + " " + f.protocol() + " " + f.user();
            sessions.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
            sessionLogin.putIfAbsent(k, l);
        }
        for (TelnetSession t : shells) {
            ConnInfo c = t.conn();
            Login l = logins.get(c.clientAddr() + " " + c.serverAddr() + " " + c.stream());
            if (l == null || t.user() != null && !t.user().toLowerCase(Locale.ROOT).equals(l.use().userKey())) continue;
            String k = c.clientAddr() + " " + c.serverAddr() + " telnet " + l.use().userKey();
            sessions.computeIfAbsent(k, x -> new ArrayList<>());
            typed.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
            sessionLogin.putIfAbsent(k, l);
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<File>> e : sessions.entrySet()) {
            out.add(finding(sessionLogin.get(e.getKey()), e.getValue(), typed.getOrDefault(e.getKey(), List.of())));
        }
        return out;
    }

    /** client server stream → the accepted use of a credential found by guessing that opened that session. */
    private Map<String, Login> logins() {
        Map<String, String> found = new HashMap<>(); // user NUL secret → pattern
        Map<String, Long> foundAt = new HashMap<>();
        for (Guessing.Burst b : log.guessing().bursts()) {
            for (Use w : b.wins()) {
                if (w.secret() == null) continue;
                String k = w.userKey() + "\u0000" + w.secret();
                found.putIfAbsent(k, b.pattern());
                foundAt.putIfAbsent(k, w.secretFrame());
            }
        }
        Map<String, Login> out = new HashMap<>();
        for (Use u : log.uses()) {
            if (!u.accepted() || u.secret() == null) continue;
            String k = u.userKey() + "\u0000" + u.secret();
            String how = found.get(k);
            if (how == null || u.secretFrame() < foundAt.get(k) || log.ownerBefore(u, foundAt.get(k))) continue; // the owner's own login
            out.putIfAbsent(u.client() + " " + u.server() + " " + u.stream(), new Login(u, how, foundAt.get(k)));
        }
        return out;
    }

    private Finding finding(Login login, List<File> fs, List<TelnetSession> typed) {
        Use l = login.use();
        String protocol = fs.isEmpty() ? "telnet" : fs.get(0).protocol();
        List<Map<String, Object>> downloads = new ArrayList<>(), uploads = new ArrayList<>();
        long downloaded = 0, uploaded = 0, mailRead = 0, mailSent = 0, lastFrame = l.lastFrame(), lastNs = l.timeNs();
        boolean webRoot = false, script = false;
        TreeSet<String> tech = new TreeSet<>();
        EvidenceFrames frames = new EvidenceFrames(config.maxFilterFrames(), config.maxFilterStreams());
        frames.add(l.secretFrame(), l.transport(), l.stream());
        frames.add(l.frame(), l.transport(), l.stream());
        for (File f : fs) {
            boolean mail = f.protocol().equals("smtp") || f.protocol().equals("imap") || f.protocol().equals("pop");
            String name = f.name() == null ? "" : f.name();
            boolean inRoot = f.upload() && WEB_ROOT.matcher(name).find(), isScript = f.upload() && SCRIPT.matcher(name).find();
            if (f.upload()) {
                uploaded++;
                webRoot |= inRoot;
                script |= isScript;
                if (mail) mailSent++;
            } else {
                downloaded++;
                if (mail) mailRead++;
            }
            tech.add(mail ? (f.upload() ? "T1534" : "T1114") : f.upload() ? "T1105" : "T1005");
            if (isScript || inRoot && f.upload()) tech.add("T1505.003");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", f.frame());
            m.put("first_frame", f.firstFrame());
            m.put("stream", f.stream());
            m.put("protocol", f.protocol());
            m.put("source", f.source());
            m.put("command", f.command());
            m.put("name", name);
            m.put("size", f.size());
            m.put("sha256", f.sha256());
            if (f.upload()) {
                m.put("web_root", inRoot);
                m.put("script", isScript);
            }
            List<Map<String, Object>> list = f.upload() ? uploads : downloads;
            if (list.size() < config.maxSamples()) list.add(m);
            frames.add(f.firstFrame(), f.transport(), f.stream());
            frames.add(f.frame(), f.transport(), f.stream());
            lastFrame = Math.max(lastFrame, f.frame());
            lastNs = Math.max(lastNs, f.timeNs());
        }
        List<Map<String, Object>> commands = new ArrayList<>();
        int commandsTotal = 0;
        for (TelnetSession t : typed) {
            commandsTotal += t.totalCommands();
            tech.add("T1059.004");
            for (TelnetSession.Command c : t.commands()) {
                if (commands.size() < config.maxSamples()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("frame", c.frame());
                    m.put("stream", t.conn().stream());
                    m.put("command", c.command());
                    m.put("output", c.output());
                    m.put("output_bytes", c.outputBytes());
                    commands.add(m);
                }
                frames.add(c.frame(), t.conn().transport(), t.conn().stream());
                long end = Math.max(c.frame(), c.outputLastFrame());
                if (c.outputFirstFrame() > 0) frames.add(c.outputFirstFrame(), t.conn().transport(), t.conn().stream());
                lastFrame = Math.max(lastFrame, end);
                lastNs = Math.max(lastNs, c.timeNs());
            }
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("protocol", protocol);
        ev.put("username", l.user());
        ev.put("login_frame", l.secretFrame());
        ev.put("login_protocol", l.protocol());
        ev.put("found_by", login.how());
        ev.put("found_frame", login.foundFrame());
        ev.put("downloads", downloads);
        ev.put("downloads_total", downloaded);
        ev.put("uploads", uploads);
        ev.put("uploads_total", uploaded);
        ev.put("messages_read", mailRead);
        ev.put("messages_sent", mailSent);
        ev.put("web_root_upload", webRoot);
        ev.put("script_upload", script);
        if (!typed.isEmpty()) {
            ev.put("commands", commands);
            ev.put("commands_total", commandsTotal);
        }
        if (filesDropped > 0) ev.put("files_dropped", filesDropped);
        List<String> did = new ArrayList<>();
        if (downloaded - mailRead > 0) did.add("downloaded " + (downloaded - mailRead) + " file" + (downloaded - mailRead == 1 ? "" : "s"));
        if (mailRead > 0) did.add("read " + mailRead + " message" + (mailRead == 1 ? "" : "s"));
        if (uploaded - mailSent > 0) did.add("uploaded " + (uploaded - mailSent) + " file" + (uploaded - mailSent == 1 ? "" : "s")
                + (script ? " (a server-side script)" : webRoot ? " (into a web root)" : ""));
        if (mailSent > 0) did.add("sent " + mailSent + " message" + (mailSent == 1 ? "" : "s"));
        if (commandsTotal > 0) {
            List<String> shown = new ArrayList<>();
            for (Map<String, Object> c : commands) if (shown.size() < 3) shown.add(String.valueOf(c.get("command")));
            did.add("typed " + commandsTotal + " command" + (commandsTotal == 1 ? "" : "s") + " (" + String.join(" | ", shown)
                    + (commandsTotal > shown.size() ? " | …" : "") + ")");
        }
        String summary = String.format("After logging in as %s (frame %d) with a credential found by %s (frame %d), %s %s over %s on %s",
                l.user(), l.secretFrame(), login.how().replace('_', ' '), login.foundFrame(), l.client(), String.join(", ", did), protocol, l.server());
        Phase phase = uploaded - mailSent > 0 ? Phase.INSTALLATION : Phase.ACTIONS_ON_OBJECTIVES;
        return new Finding(FindingType.POST_LOGIN_ACTIVITY, Severity.HIGH, phase, l.client(), l.server(), l.secretFrame(), lastFrame,
                l.secretNs(), lastNs, frames.streams(), frames.filter(l.client(), l.server()), summary, Boolean.TRUE, new ArrayList<>(tech), ev);
    }
}
