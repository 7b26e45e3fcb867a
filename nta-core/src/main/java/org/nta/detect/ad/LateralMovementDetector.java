package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.RpcCall;
import org.nta.event.SmbCommand;
import org.nta.event.TransferredFile;

/**
 * Lateral movement over SMB and DCE/RPC (T1021.002, T1570, T1569.002, T1053, T1112), the way psexec, smbexec,
 * atexec and their kin do it: an executable (told from its bytes, "MZ", or from its name) written to an
 * administrative share (ADMIN$, C$ …), the service control manager's pipe ({@code svcctl}) opened by the same client
 * on the same server, and the DCE/RPC calls that run something there: CreateServiceW with its binary path (psexec's
 * uploaded file, smbexec's {@code %COMSPEC% /Q /c echo … \\127.0.0.1\C$\__output} command line), StartService,
 * DeleteService, a changed service binary path, an atsvc job or a Task Scheduler task registered, remote registry
 * writes. The evidence says what was run and whether the server did it: a refused or faulted creation is still an
 * attempt, reported as one (succeeded false). Without any call read (sealed, or not captured) the svcctl pipe being
 * opened is the sign, at medium when no executable was written.
 */
public final class LateralMovementDetector implements Detector {
    private record Upload(String client, String server, int stream, String share, String name, long firstFrame,
                          long frame, long timeNs, long size, String sha256, boolean pe, String user) {
    }

    private record Pipe(String client, String server, int stream, long frame, long timeNs, boolean succeeded,
                        String user) {
    }

    private static final List<String> EXECUTABLE = List.of(".exe", ".dll", ".sys", ".scr", ".com", ".bat", ".cmd",
            ".ps1", ".vbs", ".js", ".hta", ".msi");

    private final AdConfig config;
    private final List<Upload> uploads = new ArrayList<>();
    private final List<Pipe> pipes = new ArrayList<>();
    /** DCE/RPC calls that run something remotely (see {@link ServiceCalls#kind}). */
    private final List<RpcCall> calls = new ArrayList<>();
    /** Write request frames per stream and file (lower-case base name). */
    private final Map<String, TreeSet<Long>> writeFrames = new LinkedHashMap<>();
    /** Streams and files with a write the server accepted, and with one it refused. */
    private final java.util.Set<String> writeOk = new java.util.HashSet<>(), writeRefused = new java.util.HashSet<>();

    public LateralMovementDetector(AdConfig config) {
        this.config = config;
    }

    /** The share's name of a tree ({@code \\srv\ADMIN$} → {@code ADMIN$}), upper case, or null. */
    static String share(String tree) {
        if (tree == null) return null;
        String t = tree;
        while (t.endsWith("\\")) t = t.substring(0, t.length() - 1);
        int i = t.lastIndexOf('\\');
        return (i < 0 ? t : t.substring(i + 1)).toUpperCase(Locale.ROOT);
    }

    /** ADMIN$ or a drive's share (C$, D$ …). */
    static boolean adminShare(String share) {
        return share != null && (share.equals("ADMIN$") || share.length() == 2 && share.charAt(1) == '$'
                && Character.isLetter(share.charAt(0)));
    }

    static String baseName(String path) {
        if (path == null) return "";
        int i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(i + 1);
    }

    static boolean executableName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String ext : EXECUTABLE) if (n.endsWith(ext)) return true;
        return false;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(RpcCall.class, SmbCommand.class, TransferredFile.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof SmbCommand c) {
            String cmd = c.commandName() == null ? "" : c.commandName();
            String file = baseName(c.fileName()).toLowerCase(Locale.ROOT);
            if (cmd.startsWith("CREATE") || cmd.startsWith("NT_CREATE")) {
                if (file.equals("svcctl") && "IPC$".equals(share(c.tree())) && pipes.size() < config.maxConversations()) {
                    long f = c.requestFrame() >= 0 ? c.requestFrame() : c.frame();
                    pipes.add(new Pipe(c.conn().clientAddr(), c.conn().serverAddr(), c.conn().stream(), f,
                            c.requestFrame() >= 0 ? c.requestTimeNs() : c.timeNs(), c.succeeded(), c.user()));
                }
            } else if (cmd.startsWith("WRITE") && adminShare(share(c.tree())) && c.requestFrame() >= 0) {
                String key = c.conn().stream() + "\0" + file;
                if (writeFrames.containsKey(key) || writeFrames.size() < config.maxConversations()) {
                    TreeSet<Long> fs = writeFrames.computeIfAbsent(key, x -> new TreeSet<>());
                    if (fs.size() < config.maxSamples()) fs.add(c.requestFrame());
                    if (c.status() >= 0) (c.succeeded() ? writeOk : writeRefused).add(key);
                }
            }
        } else if (e instanceof RpcCall r) {
            if (ServiceCalls.kind(r) != null && calls.size() < config.maxConversations()) calls.add(r);
        } else if (e instanceof TransferredFile t) {
            if (!t.protocol().startsWith("smb") || t.direction() != HttpFileObject.Direction.UPLOAD) return;
            String path = t.originalName() == null ? "" : t.originalName();
            String name = baseName(path);
            String share = share(path.length() > name.length() ? path.substring(0, path.length() - name.length()) : null);
            if (!adminShare(share)) return;
            byte[] b = t.bytes();
            boolean pe = b.length >= 2 && b[0] == 'M' && b[1] == 'Z';
            if (!pe && !executableName(name)) return;
            if (uploads.size() < config.maxConversations()) {
                uploads.add(new Upload(t.conn().clientAddr(), t.conn().serverAddr(), t.conn().stream(), share, name,
                        t.firstFrame(), t.frame(), t.timeNs(), t.size(), t.sha256(), pe, t.user()));
            }
        }
    }

    @Override
    public List<Finding> finish() {
        Map<String, List<Upload>> up = new LinkedHashMap<>();
        Map<String, List<Pipe>> pp = new LinkedHashMap<>();
        Map<String, List<RpcCall>> cc = new LinkedHashMap<>();
        for (Upload u : uploads) up.computeIfAbsent(u.client() + ' ' + u.server(), x -> new ArrayList<>()).add(u);
        for (Pipe p : pipes) pp.computeIfAbsent(p.client() + ' ' + p.server(), x -> new ArrayList<>()).add(p);
        for (RpcCall c : calls) cc.computeIfAbsent(c.conn().clientAddr() + ' ' + c.conn().serverAddr(), x -> new ArrayList<>()).add(c);
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>(up.keySet());
        keys.addAll(pp.keySet());
        keys.addAll(cc.keySet());
        List<Finding> out = new ArrayList<>();
        for (String k : keys) out.add(finding(up.getOrDefault(k, List.of()), pp.getOrDefault(k, List.of()), cc.getOrDefault(k, List.of())));
        return out;
    }

    private Finding finding(List<Upload> ups, List<Pipe> ps, List<RpcCall> cs) {
        String client = !ups.isEmpty() ? ups.get(0).client() : !ps.isEmpty() ? ps.get(0).client() : cs.get(0).conn().clientAddr();
        String server = !ups.isEmpty() ? ups.get(0).server() : !ps.isEmpty() ? ps.get(0).server() : cs.get(0).conn().serverAddr();
        TreeSet<Long> frames = new TreeSet<>();
        StreamSet streams = new StreamSet();
        long firstNs = Long.MAX_VALUE, lastNs = Long.MIN_VALUE;
        List<Map<String, Object>> files = new ArrayList<>();
        TreeSet<String> users = new TreeSet<>();
        long firstUpload = Long.MAX_VALUE;
        boolean written = false, refused = false;
        for (Upload u : ups) {
            String key = u.stream() + "\0" + u.name().toLowerCase(Locale.ROOT);
            if (writeOk.contains(key)) written = true;
            else if (writeRefused.contains(key)) refused = true;
            TreeSet<Long> w = writeFrames.get(key);
            if (w != null && !w.isEmpty()) frames.addAll(w);
            else frames.add(u.firstFrame());
            streams.add(u.stream());
            firstNs = Math.min(firstNs, u.timeNs());
            lastNs = Math.max(lastNs, u.timeNs());
            firstUpload = Math.min(firstUpload, u.firstFrame());
            if (u.user() != null) users.add(u.user());
            if (files.size() < config.maxSamples()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("share", u.share());
                m.put("name", u.name());
                m.put("size", u.size());
                m.put("sha256", u.sha256());
                m.put("pe", u.pe());
                m.put("frame", w != null && !w.isEmpty() ? w.first() : u.firstFrame());
                m.put("stream", u.stream());
                files.add(m);
            }
        }
        List<Long> pipeFrames = new ArrayList<>();
        boolean pipeAfterWrite = false;
        for (Pipe p : ps) {
            frames.add(p.frame());
            streams.add(p.stream());
            firstNs = Math.min(firstNs, p.timeNs());
            lastNs = Math.max(lastNs, p.timeNs());
            if (p.user() != null) users.add(p.user());
            if (pipeFrames.size() < config.maxSamples()) pipeFrames.add(p.frame());
            if (p.frame() > firstUpload) pipeAfterWrite = true;
        }
        boolean exe = !ups.isEmpty();
        Calls rpc = calls(cs, ups, frames, streams, config);
        for (RpcCall c : cs) {
            firstNs = Math.min(firstNs, c.requestFrame() >= 0 ? c.requestTimeNs() : c.timeNs());
            lastNs = Math.max(lastNs, c.timeNs());
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", client);
        ev.put("server", server);
        ev.put("users", new ArrayList<>(users));
        ev.put("files", files);
        ev.put("svcctl_opens", ps.size());
        ev.put("svcctl_frames", pipeFrames);
        ev.put("svcctl_after_write", pipeAfterWrite);
        ev.put("service_call", rpc.summary != null ? rpc.summary
                : !ps.isEmpty() ? "not read: no svcctl call was seen on the pipe (not captured, or sealed)" : "none");
        ev.put("service_calls", rpc.described);
        ev.put("commands", rpc.commands);
        List<String> styles = new ArrayList<>();
        if (exe && (pipeAfterWrite || rpc.create != null)) styles.add("psexec");
        if (rpc.smbexec) styles.add("smbexec");
        if (rpc.task) styles.add("atexec");
        if (rpc.registry) styles.add("remote-registry");
        if (styles.isEmpty()) styles.add(rpc.create != null || !ps.isEmpty() ? "service" : "file-drop");
        String style = String.join("/", styles);
        ev.put("styles", styles);
        List<String> tech = new ArrayList<>();
        tech.add("T1021.002");
        if (exe) tech.add("T1570");
        if (!ps.isEmpty() || rpc.service) tech.add("T1569.002");
        if (rpc.task) tech.add("T1053");
        if (rpc.registry) tech.add("T1112");
        StringBuilder s = new StringBuilder(client);
        if (exe) {
            Upload u = ups.get(0);
            s.append(" wrote ").append(u.pe() ? "the executable " : "").append(u.name()).append(" (").append(u.size())
                    .append(" bytes) to \\\\").append(server).append('\\').append(u.share());
            if (ups.size() > 1) s.append(" and ").append(ups.size() - 1).append(" more executable(s) to admin shares");
            if (rpc.summary != null) s.append(", then ").append(rpc.summary);
            else if (pipeAfterWrite) s.append(", then opened the service control manager (svcctl) ").append(ps.size())
                    .append(" time(s): a service to run it (psexec-style)");
        } else if (rpc.summary != null) {
            s.append(' ').append(rpc.summary).append(" on ").append(server).append(" (").append(style).append("-style)");
        } else {
            s.append(" opened the service control manager (svcctl pipe) on ").append(server).append(' ').append(ps.size())
                    .append(" time(s) over SMB: remote service creation or control (smbexec-style); the call itself was not read");
        }
        boolean high = exe || rpc.create != null; // a service or task created remotely, even sealed
        Boolean ok = rpc.answered ? Boolean.valueOf(rpc.succeeded)
                : exe && written ? Boolean.TRUE : exe && refused ? Boolean.FALSE : null;
        return new Finding(FindingType.LATERAL_MOVEMENT, high ? Severity.HIGH : Severity.MEDIUM, Phase.INSTALLATION, client,
                server, frames.first(), frames.last(), firstNs, lastNs, streams,
                AdEvidence.filter(frames, client, server, "smb2 || dcerpc", config), s.toString(), ok, tech, ev);
    }

    /** What the pair's DCE/RPC calls show. */
    private static final class Calls {
        final List<Map<String, Object>> described = new ArrayList<>();
        final List<String> commands = new ArrayList<>();
        RpcCall create;
        String summary;
        boolean smbexec, task, service, registry, answered, succeeded;
    }

    private static Calls calls(List<RpcCall> cs, List<Upload> ups, TreeSet<Long> frames, StreamSet streams, AdConfig config) {
        Calls r = new Calls();
        List<String> attempts = new ArrayList<>();
        for (RpcCall c : cs) {
            if (c.requestFrame() >= 0) frames.add(c.requestFrame());
            frames.add(c.frame());
            streams.add(c.conn().stream());
            String kind = ServiceCalls.kind(c);
            r.task |= kind.equals("task");
            r.service |= kind.equals("service");
            r.registry |= kind.equals("registry");
            if (r.described.size() < config.maxSamples()) r.described.add(ServiceCalls.describe(c));
            String cmd = ServiceCalls.command(c);
            if (cmd != null && !r.commands.contains(cmd) && r.commands.size() < config.maxSamples()) r.commands.add(cmd);
            r.smbexec |= ServiceCalls.smbexecStyle(cmd);
            boolean runs = ServiceCalls.creates(c) || c.operation().startsWith("StartService") || c.operation().equals("SchRpcRun");
            if (ServiceCalls.creates(c) && r.create == null) r.create = c;
            if (runs && c.status() >= 0) {
                r.answered = true;
                r.succeeded |= c.succeeded();
            }
            if (ServiceCalls.creates(c) && attempts.size() < 3) {
                String what = c.arg("service_name") != null ? c.arg("service_name") : c.arg("path");
                attempts.add(c.operation() + (what != null ? " " + what : "") + (cmd != null ? " running `" + cmd + "`" : "")
                        + " (" + ServiceCalls.result(c) + ")");
            }
        }
        if (!attempts.isEmpty()) {
            int creates = 0;
            for (RpcCall c : cs) if (ServiceCalls.creates(c)) creates++;
            r.summary = "called " + String.join("; ", attempts) + (creates > attempts.size() ? " and " + (creates - attempts.size()) + " more" : "")
                    + (r.answered && !r.succeeded ? ": attempted, the server refused" : "");
        } else if (!cs.isEmpty()) {
            RpcCall c = cs.get(0);
            r.summary = "called " + c.interfaceName() + " " + c.operation() + " " + cs.size() + " time(s) (" + ServiceCalls.result(c) + ")";
        }
        return r;
    }
}
