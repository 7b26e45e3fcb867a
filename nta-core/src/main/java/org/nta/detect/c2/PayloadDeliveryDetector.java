package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Lru;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.detect.web.UserAgentCatalog;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpBody;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TransferredFile;

/**
 * Payloads coming in: downloads whose content (not name, not declared type) is an executable or a script (PE, ELF,
 * Mach-O, MSI, Office with macros, archives holding executables, PowerShell, VBScript, HTA, JScript, shell, Python,
 * batch). Each of these raises it: a scripted client (curl, wget, PowerShell, certutil, BITS, Python), a host that
 * is a bare address, a name or declared type that disagrees with the content. {@link C2Correlation} adds what the
 * host did next (a beacon starting is the strongest sign).
 */
public final class PayloadDeliveryDetector implements Detector {
    private final DeliveryConfig config;
    private final UserAgentCatalog catalog = UserAgentCatalog.standard();
    private final List<Download> downloads = new ArrayList<>();
    /** SHA-256 of downloads hashed by the HTTP parser (with --extract), by stream and frame. */
    private final LinkedHashMap<Long, String> hashes = Lru.of(4096);
    private long dropped;

    record Download(ConnInfo conn, String protocol, String command, String host, String uri, String name, String userAgent,
                    String declared, Contents.Kind kind, long size, String sha256, long firstFrame, long frame, long timeNs) {
    }

    public PayloadDeliveryDetector(DeliveryConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpFileObject.class, HttpTransaction.class, TransferredFile.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof HttpTransaction t) transaction(t);
        else if (e instanceof HttpFileObject f && f.direction() == HttpFileObject.Direction.DOWNLOAD && !f.sha256().isEmpty()) {
            hashes.put(key(f.conn().stream(), f.frame()), f.sha256());
        } else if (e instanceof TransferredFile f && f.direction() == HttpFileObject.Direction.DOWNLOAD && !"listing".equals(f.source())) {
            byte[] b = f.bytes();
            Contents.Kind k = Contents.of(b, b.length);
            if (!k.executable()) return;
            add(new Download(f.conn(), f.protocol(), f.command(), null, null, f.originalName(), null, f.declaredType(), k, f.size(),
                    f.sha256(), f.firstFrame(), f.frame(), f.timeNs()));
        }
    }

    private static long key(int stream, long frame) {
        return (long) stream << 32 | (frame & 0xffffffffL);
    }

    private void transaction(HttpTransaction t) {
        HttpResponse rs = t.response();
        if (rs == null || rs.status() < 200 || rs.status() >= 300 || rs.body().isEmpty()) return;
        HttpBody body = rs.body();
        // most answers are markup or JSON: looked at in place for an HTML application's tag, nothing copied
        int kept = body.keptLength(), first = 0;
        while (first < Math.min(kept, 64) && Character.isWhitespace(body.byteAt(first))) first++;
        if (first < kept && (body.byteAt(first) == '<' || body.byteAt(first) == '{' || body.byteAt(first) == '[')
                && !htaTag(body, first, Math.min(kept, 2048))) {
            return;
        }
        byte[] head = body.prefix(2048);
        Contents.Kind k = Contents.of(head, head.length, true);
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && body.keptLength() > head.length) {
            byte[] all = body.bytes();
            k = Contents.of(all, all.length);
        }
        if (!k.executable()) return;
        HttpRequest rq = t.request();
        String sha = hashes.get(key(t.conn().stream(), rs.frame()));
        if (sha == null && !body.sha256().isEmpty()) sha = body.sha256();
        if (sha == null && !body.truncated() && !body.incomplete()) sha = sha256(body.bytes());
        String name = rq == null ? null : lastSegment(rq.path());
        add(new Download(t.conn(), "http", rq == null ? null : rq.method(), rq == null ? null : rq.host(), rq == null ? null : rq.uri(),
                name, rq == null ? null : rq.userAgent(), rs.contentType(), k, body.decodedLength(), sha,
                rq != null ? rq.firstFrame() : rs.firstFrame(), rs.frame(), rq != null ? rq.timeNs() : rs.timeNs()));
    }

    /** An {@code <HTA:APPLICATION} tag in the kept bytes (looks only at the rare ':' bytes). */
    private static boolean htaTag(HttpBody b, int from, int end) {
        for (int i = b.indexOf((byte) ':', from + 4, end); i >= 0; i = b.indexOf((byte) ':', i + 1, end)) {
            if (b.byteAt(i - 4) != '<') continue;
            if ((b.byteAt(i - 3) | 0x20) == 'h' && (b.byteAt(i - 2) | 0x20) == 't' && (b.byteAt(i - 1) | 0x20) == 'a') return true;
        }
        return false;
    }

    private void add(Download d) {
        if (downloads.size() >= config.maxDownloads()) {
            dropped++;
            return;
        }
        downloads.add(d);
    }

    static String lastSegment(String path) {
        if (path == null) return null;
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    private static String sha256(byte[] b) {
        return org.nta.bytes.Digests.sha256Hex(b);
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Download d : downloads) out.add(finding(d));
        return out;
    }

    private Finding finding(Download d) {
        List<String> signals = new ArrayList<>();
        String tool = null;
        if (d.protocol().equals("http")) {
            ClientKind who = ClientKind.of(d.userAgent(), catalog);
            if (who == ClientKind.SCRIPTED || who == ClientKind.NONE) {
                tool = d.userAgent() == null ? null : ClientKind.scriptedTool(d.userAgent());
                if (tool == null && d.userAgent() != null) {
                    UserAgentCatalog.ToolMatch m = catalog.match(d.userAgent());
                    tool = m == null ? null : m.tool();
                }
                signals.add(who == ClientKind.NONE ? "no User-Agent" : "scripted client" + (tool != null ? ": " + tool : ""));
            }
            if (d.host() == null || Hosts.bareAddress(d.host())) signals.add("host is a bare address");
        }
        String mismatch = mismatch(d);
        if (mismatch != null) signals.add(mismatch);
        // curl or wget fetching a script from a named host is how software gets installed: it stays low unless something
        // else is off (a bare address, a disguised type) or C2Correlation sees what it did next (a beacon)
        boolean toolOnly = signals.size() == 1 && tool != null && signals.get(0).startsWith("scripted client");
        Severity sev = signals.isEmpty() || toolOnly ? Severity.LOW : signals.size() == 1 ? Severity.MEDIUM : Severity.HIGH;
        String client = d.conn().clientAddr(), server = d.conn().serverAddr();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", client);
        ev.put("server", server + ":" + d.conn().serverPort());
        ev.put("server_address", server);
        ev.put("protocol", d.protocol());
        if (d.host() != null) ev.put("host", d.host());
        if (d.uri() != null) ev.put("uri", d.uri());
        ev.put("file", d.name());
        ev.put("type", d.kind().kind());
        if (d.kind().detail() != null) ev.put("type_detail", d.kind().detail());
        ev.put("declared_type", d.declared());
        ev.put("bytes", d.size());
        ev.put("sha256", d.sha256());
        ev.put("user_agent", d.userAgent());
        ev.put("client_tool", tool);
        ev.put("signals", signals);
        String filter = Filters.and(d.conn().filter(), Filters.frames(d.firstFrame(), d.frame()));
        String summary = String.format(Locale.ROOT, "%s downloaded %s (%s, %,d bytes) from %s%s%s", client,
                d.name() == null || d.name().isEmpty() ? "a file" : d.name(), label(d.kind().kind()), d.size(),
                d.host() != null ? d.host() : server, tool != null ? " with " + tool : "", signals.isEmpty() ? "" : " (" + String.join(", ", signals) + ")");
        StreamSet streams = new StreamSet();
        streams.add(d.conn().stream());
        String attacker = sev == Severity.LOW ? null : server;
        return new Finding(FindingType.PAYLOAD_DELIVERY, sev, Phase.INSTALLATION, attacker, client, d.firstFrame(), d.frame(),
                d.timeNs(), d.timeNs(), streams, filter, summary, Boolean.TRUE, List.of("T1105"), ev);
    }

    /** The name or declared type saying something else than the content, or null. */
    private static String mismatch(Download d) {
        String kind = d.kind().kind();
        boolean binary = kind.equals("pe") || kind.equals("dll") || kind.equals("elf") || kind.equals("macho") || kind.equals("msi");
        String name = d.name() == null ? "" : d.name().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot >= 0 ? name.substring(dot + 1) : "";
        List<String> innocent = List.of("jpg", "jpeg", "png", "gif", "bmp", "ico", "txt", "pdf", "doc", "docx", "xls", "xlsx", "css",
                "html", "htm", "mp3", "mp4", "zip", "json", "xml", "dat", "log", "csv", "svg", "woff", "woff2");
        boolean sameKind = ext.equals("zip") && kind.equals("archive_with_executable")
                || (ext.startsWith("doc") || ext.startsWith("xls")) && kind.equals("office_macro");
        if (innocent.contains(ext) && !sameKind) return "name ." + ext + " but content is " + label(kind);
        String declared = d.declared() == null ? "" : d.declared().toLowerCase(Locale.ROOT);
        if (binary && (declared.startsWith("image/") || declared.startsWith("text/") || declared.startsWith("audio/")
                || declared.startsWith("video/") || declared.contains("json"))) {
            return "declared " + declared + " but content is " + label(kind);
        }
        return null;
    }

    static String label(String kind) {
        return switch (kind) {
            case "pe" -> "a Windows executable";
            case "dll" -> "a Windows DLL";
            case "elf" -> "an ELF executable";
            case "macho" -> "a Mach-O executable";
            case "msi" -> "a Windows installer";
            case "office_macro" -> "an Office document with macros";
            case "archive_with_executable" -> "an archive holding an executable";
            case "powershell" -> "a PowerShell script";
            case "vbscript" -> "a VBScript";
            case "hta" -> "an HTML application";
            case "jscript" -> "a JScript";
            case "shell" -> "a shell script";
            case "python" -> "a Python script";
            case "batch" -> "a batch file";
            default -> kind;
        };
    }

    long dropped() {
        return dropped;
    }
}
