package org.nta.app.smb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.nta.bytes.Anomaly;
import org.nta.bytes.Bytes;
import org.nta.event.SmbMessage;

/**
 * SMB1 ([MS-CIFS], [MS-SMB]) as far as a logon and a share need: the 32-byte header, the AndX chain, NEGOTIATE
 * (dialect strings, and the SMB2 answer that upgrades the connection), SESSION_SETUP_ANDX with extended security (its
 * NTLMSSP or Kerberos blob), TREE_CONNECT_ANDX (the share path), NT_CREATE_ANDX (the file name) and TRANSACTION
 * TransactNmPipe on {@code \PIPE\} (DCE/RPC over a named pipe, handed to {@link SmbPipes}). Other commands are
 * paired and named only.
 */
final class Smb1Parser {
    static final int HEADER = 32;
    static final int NEGOTIATE = 0x72, SESSION_SETUP = 0x73, TREE_CONNECT = 0x75, NT_CREATE = 0xa2, TRANSACTION = 0x25;
    private static final int TRANSACT_NM_PIPE = 0x26;
    private static final int MAX_DIALECTS = 64, MAX_ANDX = 16;

    private final SmbState s;

    Smb1Parser(SmbState s) {
        this.s = s;
    }

    private static boolean isAndx(int cmd) {
        return cmd == 0x24 || cmd == 0x2d || cmd == 0x2e || cmd == 0x2f || cmd == 0x73 || cmd == 0x74 || cmd == 0x75 || cmd == 0xa2;
    }

    void parse(boolean fromClient, byte[] b, int off, int len, int nbssType, long frame, long timeNs) {
        int end = off + len;
        if (len < HEADER + 3) {
            s.anomalies.add(Anomaly.SMB_MALFORMED, frame);
            return;
        }
        int cmd = b[off + 4] & 0xff;
        long status = Bytes.u32lle(b, off + 5);
        boolean response = (b[off + 9] & 0x80) != 0;
        boolean unicode = (Bytes.u16le(b, off + 10) & 0x8000) != 0;
        long tid = Bytes.u16le(b, off + 24), pid = Bytes.u16le(b, off + 26), uid = Bytes.u16le(b, off + 28),
                mid = Bytes.u16le(b, off + 30);
        long key = mid | pid << 16;
        // the AndX chain: each block's first word names the next command and its offset from the header
        List<Integer> andx = new ArrayList<>();
        int words = off + HEADER, c = cmd;
        while (isAndx(c) && andx.size() < MAX_ANDX) {
            int wc = b[words] & 0xff;
            if (wc < 2 || words + 1 + 2 * wc > end) break;
            int next = b[words + 1] & 0xff;
            andx.add(next);
            int nextOff = Bytes.u16le(b, words + 3);
            if (next == 0xff) break;
            if (off + nextOff <= words || off + nextOff >= end) {
                s.anomalies.add(Anomaly.SMB_BAD_COMPOUND, frame);
                break;
            }
            words = off + nextOff;
            c = next;
        }
        SmbState.Pending q;
        String tree = s.trees.get(tid), fileName = null;
        List<String> dialects = List.of();
        int wc = b[off + HEADER] & 0xff;
        int w = off + HEADER + 1, bc = w + 2 * wc;
        int bytesStart = bc + 2;
        boolean bodyOk = bytesStart <= end;
        int bytesEnd = bodyOk ? Math.min(end, bytesStart + Bytes.u16le(b, bc)) : end;
        if (!response) {
            q = new SmbState.Pending();
            q.version = 1;
            q.command = cmd;
            q.messageId = mid;
            q.sessionId = uid;
            q.treeId = tid;
            q.frame = frame;
            q.timeNs = timeNs;
            q.tree = tree;
            if (bodyOk) {
                switch (cmd) {
                    case NEGOTIATE -> dialects = dialectStrings(b, bytesStart, bytesEnd);
                    case SESSION_SETUP -> {
                        if (wc == 12) {
                            int blobLen = Bytes.u16le(b, w + 14);
                            if (blobLen > 0 && bytesStart + blobLen <= bytesEnd) {
                                q.mechanism = SecurityBlob.mechanism(b, bytesStart, blobLen);
                                q.user = s.ntlm.authenticate(-2, b, bytesStart, blobLen, q, frame, timeNs);
                            }
                        }
                    }
                    case TREE_CONNECT -> {
                        if (wc == 4) {
                            int p = bytesStart + Bytes.u16le(b, w + 6);
                            q.tree = string(b, off, p, bytesEnd, unicode);
                            tree = q.tree;
                        }
                    }
                    case TRANSACTION -> {
                        // TransactNmPipe (setup 0x0026, FID): the data is a DCE/RPC write on the pipe, the answer its read
                        if (wc >= 16 && (b[w + 26] & 0xff) >= 2 && w + 32 <= end && Bytes.u16le(b, w + 28) == TRANSACT_NM_PIPE) {
                            q.transceive = true;
                            q.fileKey = "smb1:" + Bytes.u16le(b, w + 30);
                            int n = Bytes.u16le(b, w + 22), at = off + Bytes.u16le(b, w + 24);
                            if (n > 0 && at >= bytesStart && at + n <= end) s.pipes.data(q.fileKey, null, true, b, at, n, frame, timeNs);
                        }
                    }
                    case NT_CREATE -> {
                        if (wc == 24) {
                            q.disposition = Bytes.i32le(b, w + 33);
                            fileName = string(b, off, bytesStart, bytesEnd, unicode);
                            q.fileName = fileName;
                        }
                    }
                    default -> {
                    }
                }
            }
            s.emit(new SmbMessage(frame, timeNs, s.conn, fromClient, 1, nbssType, false, cmd, andx, false, -1, mid, uid,
                    tid, tree, fileName, List.of(), dialects));
            s.await(s.pending1, key, q, frame);
            return;
        }
        q = s.pending1.remove(key);
        if (q == null) {
            q = new SmbState.Pending();
            q.version = 1;
            q.command = cmd;
            q.messageId = mid;
            q.frame = -1;
            q.tree = tree;
        }
        q.sessionId = uid;
        boolean ok = status == 0 || cmd == SESSION_SETUP && status == Smb2Parser.MORE_PROCESSING;
        if (ok && bodyOk && q.command == cmd) {
            if (cmd == SESSION_SETUP && wc == 4) {
                int blobLen = Bytes.u16le(b, w + 6);
                if (blobLen > 0 && bytesStart + blobLen <= bytesEnd) {
                    if (q.mechanism == null) q.mechanism = SecurityBlob.mechanism(b, bytesStart, blobLen);
                    s.ntlm.challenge(-2, b, bytesStart, blobLen, frame);
                }
            } else if (cmd == NT_CREATE && wc >= 34 && q.fileName != null && SmbPipes.ipc(q.tree)) {
                s.pipes.name("smb1:" + Bytes.u16le(b, w + 5), q.fileName);
            } else if (cmd == TREE_CONNECT && q.tree != null) {
                s.tree(tid, q.tree, frame);
                tree = q.tree;
            }
        }
        if (q.transceive && cmd == TRANSACTION && (status == 0 || status == Smb2Parser.BUFFER_OVERFLOW) && bodyOk && wc >= 10) {
            int n = Bytes.u16le(b, w + 12), at = off + Bytes.u16le(b, w + 14);
            if (n > 0 && at >= bytesStart && at + n <= end) s.pipes.data(q.fileKey, null, false, b, at, n, frame, timeNs);
        }
        if (q.user != null && status == 0) s.user(uid, q.user);
        s.emit(new SmbMessage(frame, timeNs, s.conn, fromClient, 1, nbssType, false, cmd, andx, true, status, mid, uid,
                tid, tree, null, List.of(), List.of()));
        s.answer(q, status, frame, timeNs, 0, -1, false);
        if (cmd == 0x71 && status == 0) s.trees.remove(tid);
    }

    /** NEGOTIATE dialects: each 0x02 followed by a NUL-terminated string. */
    private List<String> dialectStrings(byte[] b, int p, int end) {
        List<String> out = new ArrayList<>();
        while (p < end && b[p] == 0x02 && out.size() < MAX_DIALECTS) {
            int z = Bytes.indexOf(b, p + 1, end, (byte) 0);
            if (z < 0) z = end;
            out.add(new String(b, p + 1, z - p - 1, StandardCharsets.ISO_8859_1));
            p = z + 1;
        }
        return out;
    }

    /** A NUL-terminated string at {@code p}; Unicode strings are aligned to 2 bytes from the header. */
    static String string(byte[] b, int header, int p, int end, boolean unicode) {
        if (p < 0 || p >= end) return null;
        if (!unicode) {
            int z = Bytes.indexOf(b, p, end, (byte) 0);
            return new String(b, p, (z < 0 ? end : z) - p, StandardCharsets.ISO_8859_1);
        }
        if (((p - header) & 1) != 0) p++;
        int q = p;
        while (q + 1 < end && (b[q] != 0 || b[q + 1] != 0)) q += 2;
        return new String(b, p, Math.min(q, end) - p & ~1, StandardCharsets.UTF_16LE);
    }
}
