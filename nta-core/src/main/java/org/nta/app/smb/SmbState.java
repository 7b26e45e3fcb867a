package org.nta.app.smb;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.nta.app.http.MimeSniffer;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.SmbCommand;
import org.nta.event.TransferredFile;

/**
 * What one SMB connection remembers between messages: requests awaiting their response, the trees connected
 * (TreeId → share path), the files open (FileId → name and the bytes read and written), the user of each session.
 * Every map is bounded by {@link SmbConfig}; the parsers call in here, and the events leave from here.
 */
final class SmbState {
    final ConnInfo conn;
    final SmbConfig config;
    final AnomalyCounter anomalies;
    private final Consumer<? super Event> sink;
    final Map<Long, Pending> pending2 = new LinkedHashMap<>();
    final Map<Long, Pending> pending1 = new LinkedHashMap<>();
    final Map<Long, String> trees = new LinkedHashMap<>();
    final Map<String, OpenFile> files = new LinkedHashMap<>();
    final Map<Long, String> users = new LinkedHashMap<>();
    /** An SMB3 transform header was seen: the session's messages are encrypted. */
    boolean encrypted;
    final SmbNtlm ntlm = new SmbNtlm(this);
    final SmbPipes pipes = new SmbPipes(this, org.nta.app.dcerpc.DceRpcConfig.DEFAULTS);

    SmbState(ConnInfo conn, SmbConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
    }

    /** A request waiting for its response. */
    static final class Pending {
        int version, command;
        long messageId, sessionId, treeId = -1, frame, timeNs;
        String tree, fileName, mechanism, user;
        int disposition = -1;
        /** IOCTL FSCTL_VALIDATE_NEGOTIATE_INFO; QUERY_INFO's InfoType and class (high and low byte). */
        boolean validateNegotiate;
        /** IOCTL FSCTL_PIPE_TRANSCEIVE: the response's output is the pipe's answer. */
        boolean transceive;
        int infoClass;
        long offset = -1, length = -1;
        /** The file a READ/WRITE/CLOSE names, or null. */
        OpenFile file;
        String fileKey;
        /** A CREATE request: the file it opened, once its response has been read (for related compounded requests). */
        Pending relatedCreate;
        OpenFile opened;
        /** WRITE data of a related compounded request whose CREATE has not been answered yet. */
        byte[] data;
        /** SESSION_SETUP: the NTLMSSP logon its AUTHENTICATE carried, until the server answers. */
        org.nta.app.ntlm.NtlmLogon logon;
    }

    /** A file open on the connection. */
    static final class OpenFile {
        String key;
        final String name, tree;
        final long sessionId;
        final FileRebuild written, read;

        OpenFile(String name, String tree, long sessionId, SmbConfig c) {
            this.name = name;
            this.tree = tree;
            this.sessionId = sessionId;
            this.written = new FileRebuild(c.maxFileBytes(), c.maxOutOfOrderBytes());
            this.read = new FileRebuild(c.maxFileBytes(), c.maxOutOfOrderBytes());
        }
    }

    void emit(Event e) {
        sink.accept(e);
    }

    /** Remembers a request until its response; the oldest is given up past the limit. */
    void await(Map<Long, Pending> map, long key, Pending p, long frame) {
        if (map.size() >= config.maxPending() && !map.containsKey(key)) {
            Iterator<Pending> it = map.values().iterator();
            Pending old = it.next();
            it.remove();
            anomalies.add(Anomaly.SMB_PENDING_LIMIT, frame);
            answer(old, -1, old.frame, old.timeNs, 0, -1, false);
        }
        Pending prev = map.put(key, p);
        if (prev != null) {
            anomalies.add(Anomaly.SMB_MALFORMED, frame); // a MessageId used twice before its answer
            answer(prev, -1, prev.frame, prev.timeNs, 0, -1, false);
        }
    }

    /** Emits the pairing of {@code p} with its response ({@code status} -1: none came). */
    void answer(Pending p, long status, long frame, long timeNs, int dialect, int createAction, boolean enc) {
        if (p.logon != null) ntlm.result(status, p, frame, timeNs);
        String user = p.user != null ? p.user : users.get(p.sessionId);
        String name = p.fileName != null ? p.fileName : p.file != null ? p.file.name : null;
        String commandName = p.version == 2 ? SmbNames.smb2Command(p.command) : SmbNames.smb1Command(p.command);
        emit(new SmbCommand(conn, p.version, p.command, commandName, p.messageId, p.sessionId, p.treeId, p.tree, name,
                p.frame, p.timeNs, frame, timeNs, status, SmbNames.status(status), dialect, p.disposition, createAction,
                p.offset, p.length, p.mechanism, user, enc));
    }

    /** Remembers who a session logged on as. */
    void user(long sessionId, String user) {
        if (users.size() >= config.maxOpenFiles() && !users.containsKey(sessionId)) users.remove(users.keySet().iterator().next());
        users.put(sessionId, user);
    }

    /** Remembers a tree connected. */
    void tree(long treeId, String path, long frame) {
        if (trees.size() >= config.maxOpenFiles() && !trees.containsKey(treeId)) {
            anomalies.add(Anomaly.SMB_OPEN_FILE_LIMIT, frame);
            return;
        }
        trees.put(treeId, path);
    }

    /** Remembers a file opened; returns it, or null past the limit. */
    OpenFile open(String key, String name, String tree, long sessionId, long frame) {
        OpenFile old = files.remove(key);
        if (old != null) finish(old);
        if (files.size() >= config.maxOpenFiles()) {
            anomalies.add(Anomaly.SMB_OPEN_FILE_LIMIT, frame);
            return null;
        }
        OpenFile f = new OpenFile(name, tree, sessionId, config);
        f.key = key;
        files.put(key, f);
        return f;
    }

    /** The file is closed: what was read or written of it becomes a {@link TransferredFile}. */
    void close(String key) {
        pipes.close(key);
        OpenFile f = files.remove(key);
        if (f != null) finish(f);
    }

    void finish(OpenFile f) {
        file(f, f.written, HttpFileObject.Direction.UPLOAD, "WRITE");
        file(f, f.read, HttpFileObject.Direction.DOWNLOAD, "READ");
    }

    private void file(OpenFile f, FileRebuild r, HttpFileObject.Direction dir, String command) {
        if (!r.seen()) return;
        byte[] kept = r.kept();
        String name = f.tree != null ? f.tree + "\\" + f.name : f.name;
        emit(new TransferredFile(conn, null, "smb2", "transfer", command, dir, name, r.lastFrame, r.firstFrame,
                r.lastTimeNs, r.size(), r.sha256(), MimeSniffer.sniff(kept), null, kept,
                kept.length < r.size(), r.incomplete(), users.get(f.sessionId)));
    }

    /** The connection ended: requests never answered and files never closed are reported. */
    void end() {
        List<Pending> left = new ArrayList<>(pending1.values());
        left.addAll(pending2.values());
        left.sort((a, b) -> Long.compare(a.frame, b.frame));
        pending1.clear();
        pending2.clear();
        for (Pending p : left) answer(p, -1, p.frame, p.timeNs, 0, -1, encrypted);
        pipes.end();
        for (OpenFile f : files.values()) finish(f);
        files.clear();
    }
}
