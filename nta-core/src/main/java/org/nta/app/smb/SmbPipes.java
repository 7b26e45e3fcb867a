package org.nta.app.smb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nta.app.dcerpc.DceRpcConfig;
import org.nta.app.dcerpc.DceRpcDetect;
import org.nta.app.dcerpc.DceRpcStream;
import org.nta.bytes.Anomaly;

/**
 * Named pipes of one SMB connection that carry DCE/RPC: the bytes written to a pipe opened in {@code IPC$} (WRITE,
 * IOCTL FSCTL_PIPE_TRANSCEIVE input) and read from it (READ, the IOCTL's output) are handed, per pipe and direction,
 * to a {@link DceRpcStream} whose carrier is {@code smb-pipe <name>}. A pipe is followed from its first write that
 * starts with a DCE/RPC header; at most {@link DceRpcConfig#maxPipes()} per connection.
 */
final class SmbPipes {
    private final SmbState s;
    private final DceRpcConfig config;
    private final Map<String, DceRpcStream> streams = new LinkedHashMap<>();
    /** SMB1 pipes opened (FID key → name), for TransactNmPipe, which names only the FID. */
    private final Map<String, String> names = new LinkedHashMap<>();

    SmbPipes(SmbState s, DceRpcConfig config) {
        this.s = s;
        this.config = config;
    }

    static boolean ipc(String tree) {
        return tree != null && tree.length() >= 5 && tree.regionMatches(true, tree.length() - 5, "\\IPC$", 0, 5);
    }

    /** Bytes that crossed the pipe {@code f}. */
    void data(SmbState.OpenFile f, boolean fromClient, byte[] b, int off, int len, long frame, long timeNs) {
        if (f == null || f.key == null || !ipc(f.tree)) return;
        data(f.key, f.name, fromClient, b, off, len, frame, timeNs);
    }

    /**
     * Bytes that crossed {@code f}, or, when its open was not seen ({@code f} null), the FileId {@code key} in a tree
     * that is IPC$ or unknown: such a pipe is followed from a client write that starts with a DCE/RPC header.
     */
    void data(SmbState.OpenFile f, String key, String tree, boolean fromClient, byte[] b, int off, int len, long frame, long timeNs) {
        if (f != null) data(f, fromClient, b, off, len, frame, timeNs);
        else if (key != null && (tree == null || ipc(tree))) data(key, null, fromClient, b, off, len, frame, timeNs);
    }

    /** An SMB1 pipe opened by NT_CREATE_ANDX in IPC$. */
    void name(String key, String name) {
        if (names.size() >= config.maxPipes() && !names.containsKey(key)) names.remove(names.keySet().iterator().next());
        names.put(key, name);
    }

    /** Bytes that crossed the pipe with this key (its name, when null, from an SMB1 open, else its FID). */
    void data(String key, String name, boolean fromClient, byte[] b, int off, int len, long frame, long timeNs) {
        if (key == null || len <= 0) return;
        DceRpcStream st = streams.get(key);
        if (st == null) {
            if (!fromClient || !DceRpcDetect.looksLikeDceRpc(b, off, len, true)) return;
            if (streams.size() >= config.maxPipes()) {
                s.anomalies.add(Anomaly.DCERPC_PIPE_LIMIT, frame);
                return;
            }
            if (name == null) name = names.getOrDefault(key, "fid " + key.substring(key.indexOf(':') + 1));
            if (name.startsWith("\\")) name = name.substring(1);
            st = new DceRpcStream(s.conn, "smb-pipe " + name, config, s.anomalies, s::emit);
            streams.put(key, st);
        }
        st.onData(fromClient, b, off, len, frame, timeNs);
    }

    /** The pipe was closed. */
    void close(String key) {
        DceRpcStream st = key == null ? null : streams.remove(key);
        if (st != null) st.end();
    }

    /** The connection ended. */
    void end() {
        for (DceRpcStream st : new ArrayList<>(streams.values())) st.end();
        streams.clear();
    }
}
