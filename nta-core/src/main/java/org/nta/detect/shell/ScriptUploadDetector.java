package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 * File uploads over HTTP. An upload of a server-side script (by its name, whatever Content-Type was declared, or by
 * its content) is at least HIGH; one that runs commands or code from the request is a web shell (CRITICAL). Where it
 * landed is the first later request for the same file name on that server. Other uploads are INFO context (LOW when
 * the content does not match the declared type).
 */
public final class ScriptUploadDetector implements Detector {
    private static final Pattern FAILED = Pattern.compile("(?i)not (been )?uploaded|not allowed|invalid file|sorry|upload failed|failed to upload|forbidden|denied|only [\\w ,./]*(files|images) (are )?allowed|too large|error");
    private static final Pattern UPLOADED = Pattern.compile("(?i)(has been |was |successfully |file )uploaded|upload(ed)? success|saved|stored");

    /** Languages a web server runs as such, wherever the code sits (polyglot images included). */
    private static final java.util.Set<String> WEB_LANGUAGES = java.util.Set.of("php", "jsp", "asp", "aspx", "coldfusion", "ssi", "cgi", "server-config");

    private final ShellConfig config;
    private final List<Upload> uploads = new ArrayList<>();
    /** Uploads waiting for a later request of their file: "server name" → indexes in {@link #uploads}. */
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private long dropped;

    private static final class Upload {
        final HttpRequest request;
        final HttpResponse response;
        final UploadedFile file;
        final ScriptInspector.Inspection inspection;
        HttpRequest landedRequest;
        HttpResponse landedResponse;

        Upload(HttpRequest request, HttpResponse response, UploadedFile file, ScriptInspector.Inspection inspection) {
            this.request = request;
            this.response = response;
            this.file = file;
            this.inspection = inspection;
        }
    }

    public ScriptUploadDetector(ShellConfig config) {
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
        if (files.isEmpty()) {
            landed(r, t.response());
            return;
        }
        for (UploadedFile f : files) {
            if (uploads.size() >= config.maxUploads()) {
                dropped++;
                continue;
            }
            // keep only what the finding needs: the request without its (possibly large) body
            Upload u = new Upload(slim(r), t.response() == null ? null : slimResponse(t.response()), slimFile(f),
                    ScriptInspector.inspect(f.filename(), f.content()));
            String name = Text.lastSegment(f.filename()).toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) byName.computeIfAbsent(r.conn().serverAddr() + " " + name, k -> new ArrayList<>()).add(uploads.size());
            uploads.add(u);
        }
    }

    /** A later request for an uploaded file's name on the same server shows where it landed. */
    private void landed(HttpRequest r, HttpResponse resp) {
        if (byName.isEmpty()) return;
        String name = Text.lastSegment(r.path()).toLowerCase(Locale.ROOT);
        List<Integer> idx = byName.get(r.conn().serverAddr() + " " + name);
        if (idx == null) return;
        for (int i : idx) {
            Upload u = uploads.get(i);
            if (r.frame() <= u.request.frame()) continue;
            boolean better = u.landedRequest == null
                    || !ok(u.landedResponse) && ok(resp); // a 2xx beats an earlier 404
            if (better) {
                u.landedRequest = slim(r);
                u.landedResponse = resp == null ? null : slimResponse(resp);
            }
        }
    }

    private static boolean ok(HttpResponse r) {
        return r != null && r.status() >= 200 && r.status() < 300;
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Upload u : uploads) {
            Finding f = finding(u);
            if (f != null) out.add(f);
        }
        return out;
    }

    private Finding finding(Upload u) {
        UploadedFile f = u.file;
        ScriptInspector.Inspection in = u.inspection;
        HttpRequest r = u.request;
        HttpResponse resp = u.response;
        Boolean ok = succeeded(u);
        boolean failed = Boolean.FALSE.equals(ok);
        boolean declaredImage = f.declaredType() != null && f.declaredType().toLowerCase(Locale.ROOT).startsWith("image/");
        boolean mismatch = declaredImage && !f.detectedType().startsWith("image/") && !f.detectedType().equals("application/x-empty");
        boolean executable = f.detectedType().equals("application/x-executable") || f.detectedType().startsWith("application/vnd.microsoft.portable");
        Severity sev;
        List<String> tech;
        String what;
        // what a web server runs by itself; Perl, Python, Ruby and shell scripts only run where CGI is set up
        boolean strongScript = in.isScript() && WEB_LANGUAGES.contains(in.language());
        if (in.webshell()) {
            sev = failed ? Severity.HIGH : Severity.CRITICAL;
            tech = List.of("T1505.003");
            what = "Web shell upload";
        } else if (strongScript) {
            sev = failed ? Severity.MEDIUM : Severity.HIGH;
            tech = List.of("T1505.003");
            what = "Upload of a server-side " + ScriptInspector.label(in.language()) + (in.language().equals("server-config") ? " file" : " script");
        } else if (in.isScript() || executable) {
            sev = Severity.MEDIUM;
            tech = List.of("T1105");
            what = executable ? "Upload of an executable" : "Upload of a " + ScriptInspector.label(in.language());
        } else if (mismatch) {
            sev = Severity.LOW;
            tech = List.of();
            what = "Upload whose content does not match its declared type";
        } else {
            if (!config.reportBenignUploads()) return null;
            sev = Severity.INFO;
            tech = List.of();
            what = "File upload";
        }
        boolean suspicious = sev.atLeast(Severity.MEDIUM);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("filename", f.filename());
        ev.put("sha256", f.sha256());
        ev.put("size", f.size());
        ev.put("field", f.field());
        ev.put("declared_content_type", f.declaredType());
        ev.put("detected_type", f.detectedType());
        ev.put("webshell", in.webshell());
        ev.put("script_language", in.language());
        ev.put("reasons", mismatch ? concat(in.reasons(), "declared " + f.declaredType() + " but the content is " + f.detectedType()) : in.reasons());
        ev.put("capabilities", in.capabilities());
        ScriptInspector.Input input = in.commandInput();
        ev.put("parameter", input == null ? null : input.parameter());
        ev.put("parameter_method", input == null ? null : input.method());
        List<Map<String, String>> inputs = new ArrayList<>();
        for (ScriptInspector.Input i : in.inputs()) { // in this order: Map.of's changes from run to run
            Map<String, String> one = new java.util.LinkedHashMap<>();
            one.put("parameter", i.parameter());
            one.put("method", i.method());
            inputs.add(one);
        }
        ev.put("inputs", inputs);
        ev.put("base64_input", in.base64Input());
        ev.put("content_excerpt", in.isScript() ? Text.excerpt(Text.utf8(f.content()), 400) : null);
        ev.put("upload_source", f.source());
        ev.put("method", r.method());
        ev.put("uri", r.uri());
        ev.put("host", r.host());
        ev.put("referer", r.referer());
        ev.put("user_agent", r.userAgent());
        ev.put("client", r.conn().clientAddr());
        ev.put("request_frame", r.frame());
        ev.put("response_frame", resp == null ? null : resp.frame());
        ev.put("stream", r.conn().stream());
        ev.put("time", Text.iso(r.timeNs()));
        ev.put("status", resp == null ? null : resp.status());
        ev.put("response_excerpt", resp == null ? null : Text.excerpt(resp.body().text().strip(), 200));
        ev.put("landed_uri", u.landedRequest == null ? null : u.landedRequest.path());
        ev.put("landed_frame", u.landedRequest == null ? null : u.landedRequest.frame());
        ev.put("landed_stream", u.landedRequest == null ? null : u.landedRequest.conn().stream());
        ev.put("landed_status", u.landedResponse == null ? null : u.landedResponse.status());
        ev.put("truncated", f.truncated());
        ev.put("incomplete", f.incomplete());
        if (dropped > 0) ev.put("dropped_uploads", dropped);
        List<Long> frames = new ArrayList<>();
        frames.add(r.frame());
        if (resp != null && resp.frame() != r.frame()) frames.add(resp.frame());
        long last = frames.get(frames.size() - 1);
        String summary = what + ": " + (f.filename().isEmpty() ? "(no name)" : f.filename()) + " (" + f.size() + " bytes"
                + (f.declaredType() == null ? "" : ", declared " + f.declaredType()) + (f.detectedType().equals(f.declaredType()) ? "" : ", content " + f.detectedType())
                + ") " + r.method() + " " + Text.excerpt(r.path(), 80) + " by " + r.conn().clientAddr() + " to " + r.conn().serverAddr()
                + (in.capabilities().isEmpty() ? "" : "; runs " + Text.excerpt(in.capabilities().get(0), 80))
                + (u.landedRequest != null ? "; later requested as " + Text.excerpt(u.landedRequest.path(), 80) + " (frame " + u.landedRequest.frame() + ")" : "");
        return new Finding(FindingType.FILE_UPLOAD, sev, Phase.INSTALLATION, suspicious ? r.conn().clientAddr() : null,
                r.conn().serverAddr(), r.frame(), last, r.timeNs(), resp == null ? r.timeNs() : Math.max(r.timeNs(), resp.timeNs()),
                List.of(r.conn().stream()), Filters.frameSet(frames), summary, ok, tech, ev);
    }

    /** TRUE when the file was later fetched or the answer says it was stored; FALSE when the answer or a 404 says not. */
    private static Boolean succeeded(Upload u) {
        if (ok(u.landedResponse)) return Boolean.TRUE;
        HttpResponse r = u.response;
        if (r != null && r.status() >= 400) return Boolean.FALSE;
        String body = r == null ? "" : r.body().text();
        if (r != null && FAILED.matcher(body).find() && !UPLOADED.matcher(body).find()) return Boolean.FALSE;
        if (u.landedResponse != null && u.landedResponse.status() == 404) return Boolean.FALSE;
        if (r != null && r.status() < 400 && (UPLOADED.matcher(body).find() || !u.file.filename().isEmpty() && body.contains(u.file.filename()))) return Boolean.TRUE;
        return null;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    /** The request without body bytes, parts and parameters (findings only cite its head). */
    private static HttpRequest slim(HttpRequest r) {
        return new HttpRequest(r.conn(), r.index(), r.firstFrame(), r.frame(), r.firstTimeNs(), r.timeNs(), r.method(), r.uri(),
                r.uriDecoded(), r.path(), r.query(), List.of(), r.version(), org.nta.event.HttpHeaders.EMPTY, r.host(),
                r.userAgent(), r.referer(), r.contentType(), List.of(), org.nta.event.HttpBody.EMPTY, List.of(), List.of(),
                r.doubleEncoded(), r.incomplete());
    }

    /** The response with at most 4 KiB of body kept. */
    private static HttpResponse slimResponse(HttpResponse r) {
        org.nta.event.HttpBody b = r.body();
        byte[] kept = b.bytes();
        if (kept.length > 4096) kept = java.util.Arrays.copyOf(kept, 4096);
        org.nta.event.HttpBody small = new org.nta.event.HttpBody(b.length(), b.decodedLength(), b.sha256(), kept,
                b.truncated() || kept.length < b.keptLength(), b.contentEncoding(), b.decoding(), b.incomplete());
        return new HttpResponse(r.conn(), r.index(), r.firstFrame(), r.frame(), r.firstTimeNs(), r.timeNs(), r.version(),
                r.status(), r.reason(), org.nta.event.HttpHeaders.EMPTY, r.contentType(), r.server(), r.location(), small,
                r.requestFrame(), r.requestFirstFrame(), r.requestMethod(), r.incomplete());
    }

    /** The file with at most 1 KiB of content kept (enough for the excerpt; it was inspected whole). */
    private static UploadedFile slimFile(UploadedFile f) {
        byte[] c = f.content();
        if (c.length <= 1024) return f;
        return new UploadedFile(f.field(), f.filename(), f.declaredType(), f.detectedType(), f.size(), f.sha256(),
                java.util.Arrays.copyOf(c, 1024), f.truncated(), f.incomplete(), f.source());
    }
}
