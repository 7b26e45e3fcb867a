package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

/**
 * Commands run through a web shell, one finding per request: requests to a script uploaded earlier whose parameter
 * the script runs (high confidence), and — when the upload was not captured — requests to a script whose parameter
 * decodes (plain, base64, hex) to a shell command and whose answer looks like that command's output (medium
 * confidence); once such an endpoint is confirmed, its other commands count too.
 */
public final class WebShellCommandDetector implements Detector {
    private final ShellConfig config;
    /** Web shells uploaded so far: "server filename" (lower case) → what the upload showed. */
    private final Map<String, Shell> shells = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private long droppedCandidates, droppedUploads;

    private record Shell(String filename, long frame, int stream, ScriptInspector.Inspection inspection) {
    }

    /** The parts of a request a finding cites. */
    private record Req(org.nta.event.ConnInfo conn, long frame, long timeNs, String method, String uri, String path,
                       String host, String userAgent) {
    }

    /** The parts of a response a finding cites ({@code status} 0: no answer). */
    private record Resp(int status, long frame, long timeNs, long bytes) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * A request that may be a web shell command: the parameters that may carry the command, each with its form on
     * the wire, and the (bounded) answer.
     */
    private record Candidate(Req request, Resp response, String body, List<RequestTexts.Param> params, List<String> wire,
                             Shell shell) {
    }

    public WebShellCommandDetector(ShellConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpTransaction.class);
    }

    @Override
    public void onEvent(Event e) {
        if (!(e instanceof HttpTransaction t) || t.request() == null) return;
        HttpRequest r = t.request();
        List<UploadedFile> files = UploadedFile.of(r);
        if (!files.isEmpty()) {
            for (UploadedFile f : files) upload(r, f);
            return;
        }
        Shell shell = shells.isEmpty() ? null : shells.get(r.conn().serverAddr() + " " + Text.lastSegment(r.path()).toLowerCase(Locale.ROOT));
        if (shell != null && shell.frame >= r.frame()) shell = null;
        List<RequestTexts.Param> params = new ArrayList<>();
        if (shell != null) params.addAll(headerInputs(r, shell.inspection));
        for (RequestTexts.Param p : RequestTexts.params(r)) {
            if (p.value().isEmpty()) continue;
            if (shell != null || ValueDecoder.command(p.value(), null) != null) params.add(p);
        }
        if (params.isEmpty()) return;
        if (shell == null && !scriptPath(r.path())) return;
        if (candidates.size() >= config.maxCandidates()) {
            droppedCandidates++;
            return;
        }
        HttpResponse resp = t.response();
        String body = resp == null ? "" : resp.body().text();
        if (body.length() > 4 * config.outputExcerptChars() + 4096) body = body.substring(0, 4 * config.outputExcerptChars() + 4096);
        List<String> wire = new ArrayList<>();
        for (RequestTexts.Param p : params) wire.add(Text.excerpt(wireValue(r, p), 2048));
        Req req = new Req(r.conn(), r.frame(), r.timeNs(), r.method(), Text.excerpt(r.uri(), 2048), r.path(), r.host(), r.userAgent());
        Resp rs = resp == null ? null : new Resp(resp.status(), resp.frame(), resp.timeNs(), resp.body().decodedLength());
        candidates.add(new Candidate(req, rs, body, params, wire, shell));
    }

    private void upload(HttpRequest r, UploadedFile f) {
        ScriptInspector.Inspection in = ScriptInspector.inspect(f.filename(), f.content());
        if (!in.isScript()) return;
        String name = Text.lastSegment(f.filename()).toLowerCase(Locale.ROOT);
        if (name.isEmpty()) return;
        if (shells.size() >= config.maxUploads()) {
            droppedUploads++;
            return;
        }
        shells.put(r.conn().serverAddr() + " " + name, new Shell(f.filename(), r.frame(), r.conn().stream(), in));
    }

    /** Headers the shell reads ($_SERVER['HTTP_X_CMD'] is the header X-Cmd), as parameters named as the script names them. */
    private static List<RequestTexts.Param> headerInputs(HttpRequest r, ScriptInspector.Inspection in) {
        List<RequestTexts.Param> out = new ArrayList<>();
        for (ScriptInspector.Input i : in.inputs()) {
            if (!i.method().equals("HEADER")) continue;
            String name = i.parameter().startsWith("HTTP_") ? i.parameter().substring(5).replace('_', '-') : i.parameter();
            String v = r.headers().first(name);
            if (v != null && !v.isEmpty()) out.add(new RequestTexts.Param(i.parameter(), v, "header"));
        }
        return out;
    }

    /** The path names a server-side script (or a CGI). */
    private static boolean scriptPath(String path) {
        if (path == null) return false;
        if (path.contains("/cgi-bin/")) return true;
        return ScriptInspector.languageByName(Text.lastSegment(path), new ArrayList<>()) != null;
    }

    @Override
    public List<Finding> finish() {
        // endpoints confirmed without a captured upload: "server path param" → the confirming request's frame
        Map<String, Long> confirmed = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.shell != null || !ok(c.response)) continue;
            for (RequestTexts.Param p : c.params) {
                ValueDecoder.Decoded d = ValueDecoder.command(p.value(), null);
                if (d != null && CommandOutput.answers(CommandLine.parse(d.text()), c.body)) {
                    confirmed.putIfAbsent(key(c.request, p), c.request.frame());
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Candidate c : candidates) {
            Finding f = c.shell != null ? viaUpload(c) : viaOutput(c, confirmed);
            if (f != null) out.add(f);
        }
        return out;
    }

    private static String key(Req r, RequestTexts.Param p) {
        return r.conn().serverAddr() + " " + r.path() + " " + p.name();
    }

    private static boolean ok(Resp r) {
        return r != null && r.ok();
    }

    /** A request to an uploaded script: the parameter the script reads (else the first that reads as a command). */
    private Finding viaUpload(Candidate c) {
        ScriptInspector.Inspection in = c.shell.inspection;
        String preferred = in.base64Input() ? "base64" : "plain";
        RequestTexts.Param chosen = null;
        for (RequestTexts.Param p : c.params) {
            for (ScriptInspector.Input i : in.inputs()) if (i.parameter().equals(p.name())) chosen = chosen == null ? p : chosen;
        }
        ValueDecoder.Decoded d = null;
        if (chosen != null) {
            d = ValueDecoder.command(chosen.value(), preferred);
            if (d == null) d = reading(chosen.value(), preferred);
        } else {
            for (RequestTexts.Param p : c.params) {
                d = ValueDecoder.command(p.value(), preferred);
                if (d != null) {
                    chosen = p;
                    break;
                }
            }
        }
        if (chosen == null || d == null) return null;
        String basis = "request to " + c.shell.filename + ", uploaded in frame " + c.shell.frame
                + (in.webshell() ? " as a web shell" : " as a " + ScriptInspector.label(in.language()) + " script");
        return finding(c, chosen, d, in.webshell() ? "high" : "medium", basis, c.shell);
    }

    /** The reading the script applies (base64 when it decodes its input), else the value as sent. */
    private static ValueDecoder.Decoded reading(String value, String preferred) {
        for (ValueDecoder.Decoded d : ValueDecoder.readings(value)) if (d.encoding().equals(preferred)) return d;
        return new ValueDecoder.Decoded(value, "plain");
    }

    /** No upload seen: the answer shows the command ran, or the endpoint and parameter were confirmed that way. */
    private Finding viaOutput(Candidate c, Map<String, Long> confirmed) {
        for (RequestTexts.Param p : c.params) {
            ValueDecoder.Decoded d = ValueDecoder.command(p.value(), null);
            if (d == null) continue;
            boolean answers = ok(c.response) && CommandOutput.answers(CommandLine.parse(d.text()), c.body);
            Long by = confirmed.get(key(c.request, p));
            if (!answers && by == null) continue;
            String basis = answers ? "the upload was not captured; the answer looks like the output of the command"
                    : "the upload was not captured; same script and parameter as the web shell command in frame " + by;
            return finding(c, p, d, "medium", basis, null);
        }
        return null;
    }

    private Finding finding(Candidate c, RequestTexts.Param p, ValueDecoder.Decoded d, String confidence, String basis, Shell shell) {
        Req r = c.request;
        Resp resp = c.response;
        CommandLine cmd = CommandLine.parse(d.text());
        String output = Text.clean(c.body).strip();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("uri", r.path());
        ev.put("request_uri", r.uri());
        ev.put("parameter", p.name());
        ev.put("parameter_source", p.source());
        ev.put("method", r.method());
        ev.put("command", d.text());
        ev.put("encoding", d.encoding());
        ev.put("wire_value", c.wire.get(c.params.indexOf(p)));
        ev.put("program", cmd == null ? null : cmd.program());
        ev.put("output", Text.excerpt(output, config.outputExcerptChars()));
        ev.put("output_bytes", resp == null ? 0 : resp.bytes());
        ev.put("output_shapes", CommandOutput.shapes(output));
        ev.put("shell_user", CommandOutput.user(output, cmd));
        ev.put("status", resp == null ? null : resp.status());
        ev.put("request_frame", r.frame());
        ev.put("response_frame", resp == null ? null : resp.frame());
        ev.put("stream", r.conn().stream());
        ev.put("time", Text.iso(r.timeNs()));
        ev.put("host", r.host());
        ev.put("user_agent", r.userAgent());
        ev.put("confidence", confidence);
        ev.put("basis", basis);
        ev.put("upload_frame", shell == null ? null : shell.frame);
        ev.put("upload_stream", shell == null ? null : shell.stream);
        List<Map<String, Object>> launches = new ArrayList<>();
        for (ShellPayloads.Payload pl : ShellPayloads.find(d.text())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", pl.kind());
            m.put("direction", pl.bind() ? "bind" : "reverse");
            m.put("address", pl.host());
            m.put("port", pl.port());
            launches.add(m);
        }
        ev.put("launches_shell", launches.isEmpty() ? null : launches);
        if (droppedCandidates > 0) ev.put("dropped_candidates", droppedCandidates);
        if (droppedUploads > 0) ev.put("dropped_uploads", droppedUploads);
        Boolean ok = resp == null ? null : resp.status() >= 400 ? Boolean.FALSE : ok(resp) && !output.isEmpty() ? Boolean.TRUE : null;
        LinkedHashSet<String> tech = new LinkedHashSet<>();
        tech.add("T1505.003");
        tech.addAll(cmd != null ? cmd.techniques() : List.of("T1059.004"));
        for (ShellPayloads.Payload pl : ShellPayloads.find(d.text())) tech.addAll(pl.techniques());
        List<Long> frames = new ArrayList<>();
        frames.add(r.frame());
        if (resp != null && resp.frame() != r.frame()) frames.add(resp.frame());
        long last = frames.get(frames.size() - 1);
        String summary = "Web shell command " + Text.excerpt(d.text(), 100) + (d.encoding().equals("plain") ? "" : " (" + d.encoding() + ")")
                + " via " + r.method() + " " + Text.excerpt(r.path(), 80) + " (parameter " + p.name() + ") from " + r.conn().clientAddr()
                + " to " + r.conn().serverAddr()
                + (resp == null ? ", no answer" : ", answer " + resp.status() + (output.isEmpty() ? " (empty)" : ": " + Text.excerpt(firstLine(output), 60)))
                + (launches.isEmpty() ? "" : "; launches a " + launches.get(0).get("direction") + " shell to port " + launches.get(0).get("port"));
        return new Finding(FindingType.WEBSHELL_COMMAND, Boolean.TRUE.equals(ok) ? Severity.CRITICAL : Severity.HIGH,
                Phase.COMMAND_AND_CONTROL, r.conn().clientAddr(), r.conn().serverAddr(), r.frame(), last, r.timeNs(),
                resp == null ? r.timeNs() : Math.max(r.timeNs(), resp.timeNs()), List.of(r.conn().stream()),
                Filters.frameSet(frames), summary, ok, new ArrayList<>(tech), ev);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The parameter as it was sent ("cmd=id"), from the raw query or form body; decoded if not found. */
    private static String wireValue(HttpRequest r, RequestTexts.Param p) {
        if (p.source().equals("header")) {
            String name = p.name().startsWith("HTTP_") ? p.name().substring(5).replace('_', '-') : p.name();
            for (org.nta.event.HttpHeader h : r.headers().list()) if (h.name().equalsIgnoreCase(name)) return h.name() + ": " + h.value();
        }
        String raw = switch (p.source()) {
            case "query" -> r.query();
            case "form" -> r.body().text();
            default -> null;
        };
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String n = eq < 0 ? pair : pair.substring(0, eq);
                if (org.nta.app.http.UrlCodec.decode(n, true).equals(p.name())) return pair;
            }
        }
        return p.name() + "=" + p.value();
    }
}
