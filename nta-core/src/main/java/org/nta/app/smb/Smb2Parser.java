package org.nta.app.smb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nta.bytes.Anomaly;
import org.nta.bytes.Bytes;
import org.nta.event.SmbMessage;

/**
 * SMB2/3 messages ([MS-SMB2] 2.2): the 64-byte header, the chain of compounded messages (NextCommand), and the
 * bodies of the commands that say who did what: NEGOTIATE, SESSION_SETUP, TREE_CONNECT, CREATE, CLOSE, READ, WRITE
 * (the others are paired and named only). An SMB3 transform header ({@code \xfdSMB}) is reported as encrypted and
 * its content left alone. Offsets inside a message are checked against the message; a bad one is counted
 * ({@code smb.malformed}) and that field skipped.
 */
final class Smb2Parser {
    static final int HEADER = 64;
    static final int NEGOTIATE = 0, SESSION_SETUP = 1, TREE_CONNECT = 3, TREE_DISCONNECT = 4, CREATE = 5, CLOSE = 6,
            READ = 8, WRITE = 9, IOCTL = 11, QUERY_INFO = 16;
    /** FSCTL_VALIDATE_NEGOTIATE_INFO, and QUERY_INFO's InfoType FILE (1) with class FileAllInformation (18). */
    private static final int VALIDATE_NEGOTIATE = 0x00140204, FILE_ALL_INFORMATION = 0x0112;
    /** FSCTL_PIPE_TRANSCEIVE: a write and a read on a named pipe in one IOCTL (DCE/RPC over SMB). */
    private static final int PIPE_TRANSCEIVE = 0x0011c017;
    static final long STATUS_PENDING = 0x103, MORE_PROCESSING = 0xc0000016L, BUFFER_OVERFLOW = 0x80000005L;
    private static final int FLAG_RESPONSE = 1, FLAG_ASYNC = 2, FLAG_RELATED = 4;
    private static final byte[] ALL_ONES = new byte[16];

    static {
        Arrays.fill(ALL_ONES, (byte) 0xff);
    }

    private final SmbState s;

    Smb2Parser(SmbState s) {
        this.s = s;
    }

    /** A transform header: the message inside is encrypted. */
    void transform(boolean fromClient, byte[] b, int off, int len, int nbssType, long frame, long timeNs) {
        s.encrypted = true;
        long session = len >= 52 ? Bytes.i64le(b, off + 44) : 0;
        s.emit(new SmbMessage(frame, timeNs, s.conn, fromClient, 2, nbssType, true, -1, List.of(), !fromClient, -1,
                -1, session, -1, null, null, List.of(), List.of()));
    }

    /** One NBSS message holding an SMB2 message or a compounded chain of them. */
    void parse(boolean fromClient, byte[] b, int off, int len, int nbssType, long frame, long timeNs) {
        int end = off + len, p = off, count = 0;
        long prevSession = 0, prevTree = 0;
        SmbState.Pending lastCreate = null;
        while (p + HEADER <= end) {
            if (b[p] != (byte) 0xfe || b[p + 1] != 'S' || b[p + 2] != 'M' || b[p + 3] != 'B' || Bytes.u16le(b, p + 4) != HEADER) {
                s.anomalies.add(Anomaly.SMB_MALFORMED, frame);
                return;
            }
            if (++count > s.config.maxCompound()) {
                s.anomalies.add(Anomaly.SMB_COMPOUND_LIMIT, frame);
                return;
            }
            long next = Bytes.u32lle(b, p + 20);
            int msgEnd = end;
            if (next != 0) {
                if (next < HEADER || next % 8 != 0 || next > end - p) {
                    s.anomalies.add(Anomaly.SMB_BAD_COMPOUND, frame);
                    next = 0;
                } else {
                    msgEnd = p + (int) next;
                }
            }
            Header h = new Header(b, p);
            if ((h.flags & FLAG_RELATED) != 0) {
                if (h.sessionId == -1L) h.sessionId = prevSession;
                if (h.treeId == 0xffffffffL) h.treeId = prevTree;
            }
            prevSession = h.sessionId;
            prevTree = h.treeId;
            if (h.response) response(fromClient, h, b, p, msgEnd, nbssType, frame, timeNs);
            else lastCreate = request(fromClient, h, b, p, msgEnd, nbssType, lastCreate, frame, timeNs);
            if (next == 0) return;
            p += (int) next;
        }
        if (p < end) s.anomalies.add(Anomaly.SMB_MALFORMED, frame);
    }

    static final class Header {
        final int command, flags;
        final long status, messageId;
        final boolean response, async;
        long sessionId, treeId;

        Header(byte[] b, int p) {
            status = Bytes.u32lle(b, p + 8);
            command = Bytes.u16le(b, p + 12);
            flags = Bytes.i32le(b, p + 16);
            messageId = Bytes.i64le(b, p + 24);
            response = (flags & FLAG_RESPONSE) != 0;
            async = (flags & FLAG_ASYNC) != 0;
            treeId = async ? -1 : Bytes.u32lle(b, p + 36);
            sessionId = Bytes.i64le(b, p + 40);
        }
    }

    private SmbState.Pending request(boolean fromClient, Header h, byte[] b, int p, int end, int nbssType,
                                     SmbState.Pending lastCreate, long frame, long timeNs) {
        SmbState.Pending q = new SmbState.Pending();
        q.version = 2;
        q.command = h.command;
        q.messageId = h.messageId;
        q.sessionId = h.sessionId;
        q.treeId = h.treeId;
        q.frame = frame;
        q.timeNs = timeNs;
        q.tree = s.trees.get(h.treeId);
        int body = p + HEADER;
        List<Integer> dialects = List.of();
        String fileName = null;
        switch (h.command) {
            case NEGOTIATE -> dialects = dialects(b, body, end, frame);
            case SESSION_SETUP -> {
                if (body + 16 <= end) {
                    int so = p + Bytes.u16le(b, body + 12), sl = Bytes.u16le(b, body + 14);
                    if (inside(so, sl, p, end, frame)) {
                        q.mechanism = SecurityBlob.mechanism(b, so, sl);
                        q.user = s.ntlm.authenticate(h.sessionId, b, so, sl, q, frame, timeNs);
                    }
                }
            }
            case TREE_CONNECT -> {
                if (body + 8 <= end) {
                    int po = p + Bytes.u16le(b, body + 4), pl = Bytes.u16le(b, body + 6);
                    if (inside(po, pl, p, end, frame)) q.tree = utf16(b, po, pl);
                }
            }
            case CREATE -> {
                if (body + 48 <= end) {
                    q.disposition = Bytes.i32le(b, body + 36);
                    int no = p + Bytes.u16le(b, body + 44), nl = Bytes.u16le(b, body + 46);
                    if (nl == 0) fileName = "";
                    else if (inside(no, nl, p, end, frame)) fileName = utf16(b, no, nl);
                    q.fileName = fileName;
                }
                lastCreate = q;
            }
            case READ -> {
                if (body + 32 <= end) {
                    q.length = Bytes.u32lle(b, body + 4);
                    q.offset = Bytes.i64le(b, body + 8);
                    fid(q, h, b, body + 16, lastCreate);
                }
            }
            case WRITE -> {
                if (body + 32 <= end) {
                    int dataOff = Bytes.u16le(b, body + 2);
                    long dataLen = Bytes.u32lle(b, body + 4);
                    q.length = dataLen;
                    q.offset = Bytes.i64le(b, body + 8);
                    fid(q, h, b, body + 16, lastCreate);
                    if (dataLen > 0 && inside(p + dataOff, dataLen, p, end, frame)) {
                        s.pipes.data(q.file, q.fileKey, q.tree, true, b, p + dataOff, (int) dataLen, frame, timeNs);
                        if (q.file != null) write(q.file, q.offset, b, p + dataOff, (int) dataLen, frame, timeNs);
                        else if (q.relatedCreate != null) q.data = Arrays.copyOfRange(b, p + dataOff, p + dataOff + (int) dataLen);
                    }
                }
            }
            case CLOSE -> {
                if (body + 24 <= end) {
                    String key = fid(q, h, b, body + 8, lastCreate);
                    if (q.file != null) {
                        q.fileName = q.file.name;
                        s.close(key);
                    }
                }
            }
            default -> {
                int at = fidOffset(h.command);
                if (at > 0 && body + at + 16 <= end) fid(q, h, b, body + at, lastCreate);
                if (h.command == IOCTL && body + 32 <= end && Bytes.i32le(b, body + 4) == VALIDATE_NEGOTIATE) {
                    int in = p + (int) Bytes.u32lle(b, body + 24);
                    long n = Bytes.u32lle(b, body + 28);
                    if (n >= 24 && inside(in, n, p, end, frame)) {
                        int count = Math.min(Bytes.u16le(b, in + 22), (int) (n - 24) / 2);
                        List<Integer> d = new ArrayList<>(count);
                        for (int i = 0; i < count; i++) d.add(Bytes.u16le(b, in + 24 + 2 * i));
                        dialects = d;
                    }
                    q.validateNegotiate = true;
                }
                if (h.command == IOCTL && body + 32 <= end && Bytes.i32le(b, body + 4) == PIPE_TRANSCEIVE) {
                    q.transceive = true;
                    int in = p + (int) Bytes.u32lle(b, body + 24);
                    long n = Bytes.u32lle(b, body + 28);
                    if (n > 0 && inside(in, n, p, end, frame)) s.pipes.data(q.file, q.fileKey, q.tree, true, b, in, (int) n, frame, timeNs);
                }
                if (h.command == QUERY_INFO && body + 2 <= end) q.infoClass = (b[body + 2] & 0xff) << 8 | (b[body + 3] & 0xff);
            }
        }
        s.emit(new SmbMessage(frame, timeNs, s.conn, fromClient, 2, nbssType, false, h.command, List.of(), false, -1,
                h.messageId, h.sessionId, h.async ? -1 : h.treeId, q.tree, fileName, dialects, List.of()));
        s.await(s.pending2, h.messageId, q, frame);
        return lastCreate;
    }

    /** Where the FileId sits in the body of the other commands that carry one, or 0. */
    private static int fidOffset(int command) {
        return switch (command) {
            case 7, 10, 11, 14, 15 -> 8; // FLUSH, LOCK, IOCTL, QUERY_DIRECTORY, CHANGE_NOTIFY
            case 16 -> 24; // QUERY_INFO
            case 17 -> 16; // SET_INFO
            default -> 0;
        };
    }

    /** Reads the FileId at {@code at} into {@code q}; returns its key. */
    private String fid(SmbState.Pending q, Header h, byte[] b, int at, SmbState.Pending lastCreate) {
        if ((h.flags & FLAG_RELATED) != 0 && Arrays.equals(b, at, at + 16, ALL_ONES, 0, 16) && lastCreate != null) {
            q.relatedCreate = lastCreate;
            q.fileName = lastCreate.fileName;
            return null;
        }
        String key = Bytes.hex(b, at, 16);
        q.file = s.files.get(key);
        q.fileKey = key;
        return key;
    }

    private void write(SmbState.OpenFile f, long offset, byte[] b, int off, int len, long frame, long timeNs) {
        if (!f.written.add(offset, b, off, len, frame, timeNs)) s.anomalies.add(Anomaly.SMB_FILE_OUT_OF_ORDER_LIMIT, frame);
    }

    private void response(boolean fromClient, Header h, byte[] b, int p, int end, int nbssType, long frame, long timeNs) {
        String tree = s.trees.get(h.treeId);
        boolean interim = h.async && h.status == STATUS_PENDING;
        SmbState.Pending q = interim ? null : s.pending2.remove(h.messageId);
        int dialect = 0, action = -1;
        List<Integer> dialects = List.of();
        String fileName = null;
        if (q == null && !interim && h.command == NEGOTIATE && h.messageId == 0) q = upgrade();
        if (q == null && !interim) {
            q = new SmbState.Pending(); // the request was not seen (picked up mid-stream)
            q.version = 2;
            q.command = h.command;
            q.messageId = h.messageId;
            q.frame = -1;
            q.tree = tree;
        }
        if (q != null) q.sessionId = h.sessionId;
        int body = p + HEADER;
        boolean ok = h.status == 0 || h.command == SESSION_SETUP && h.status == MORE_PROCESSING
                || h.status == BUFFER_OVERFLOW && (h.command == READ || h.command == IOCTL || h.command == QUERY_INFO);
        if (q != null && ok && q.command == h.command || q != null && ok && q.version == 1) {
            switch (h.command) {
                case NEGOTIATE -> {
                    if (body + 6 <= end) {
                        dialect = Bytes.u16le(b, body + 4);
                        dialects = List.of(dialect);
                    }
                }
                case SESSION_SETUP -> {
                    if (body + 8 <= end) {
                        int so = p + Bytes.u16le(b, body + 4), sl = Bytes.u16le(b, body + 6);
                        if (inside(so, sl, p, end, frame)) {
                            if (q.mechanism == null) q.mechanism = SecurityBlob.mechanism(b, so, sl);
                            s.ntlm.challenge(h.sessionId, b, so, sl, frame);
                        }
                    }
                }
                case TREE_CONNECT -> {
                    if (q.tree != null) s.tree(h.treeId, q.tree, frame);
                    tree = q.tree;
                }
                case CREATE -> {
                    if (body + 80 <= end) {
                        action = Bytes.i32le(b, body + 4);
                        q.opened = s.open(Bytes.hex(b, body + 64, 16), q.fileName == null ? "" : q.fileName,
                                q.tree != null ? q.tree : tree, h.sessionId, frame);
                    }
                }
                case READ -> {
                    SmbState.OpenFile f = q.file != null ? q.file : q.relatedCreate != null ? q.relatedCreate.opened
                            : q.fileKey != null ? s.files.get(q.fileKey) : null;
                    if (body + 8 <= end && f != null) {
                        int dataOff = b[body + 2] & 0xff;
                        long dataLen = Bytes.u32lle(b, body + 4);
                        if (dataLen > 0 && inside(p + dataOff, dataLen, p, end, frame)) {
                            if (!f.read.add(q.offset, b, p + dataOff, (int) dataLen, frame, timeNs)) {
                                s.anomalies.add(Anomaly.SMB_FILE_OUT_OF_ORDER_LIMIT, frame);
                            }
                            s.pipes.data(f, false, b, p + dataOff, (int) dataLen, frame, timeNs);
                        }
                    } else if (body + 8 <= end && q.fileKey != null) { // a pipe opened before the capture
                        int dataOff = b[body + 2] & 0xff;
                        long dataLen = Bytes.u32lle(b, body + 4);
                        if (dataLen > 0 && dataOff >= HEADER && p + dataOff + dataLen <= end) {
                            s.pipes.data(null, q.fileKey, q.tree, false, b, p + dataOff, (int) dataLen, frame, timeNs);
                        }
                    }
                }
                case IOCTL -> {
                    if (q.validateNegotiate && body + 40 <= end) {
                        int o = p + (int) Bytes.u32lle(b, body + 32);
                        long n = Bytes.u32lle(b, body + 36);
                        if (n >= 24 && inside(o, n, p, end, frame)) dialects = List.of(Bytes.u16le(b, o + 22));
                    }
                    if (q.transceive && body + 40 <= end) {
                        int o = p + (int) Bytes.u32lle(b, body + 32);
                        long n = Bytes.u32lle(b, body + 36);
                        if (n > 0 && inside(o, n, p, end, frame)) s.pipes.data(q.file, q.fileKey, q.tree, false, b, o, (int) n, frame, timeNs);
                    }
                }
                case QUERY_INFO -> {
                    // FileAllInformation ends with the file's name (FileNameInformation at offset 96)
                    if (q.infoClass == FILE_ALL_INFORMATION && body + 8 <= end) {
                        int o = p + Bytes.u16le(b, body + 2);
                        long n = Bytes.u32lle(b, body + 4);
                        if (n >= 100 && inside(o, n, p, end, frame)) {
                            long nl = Bytes.u32lle(b, o + 96);
                            if (nl > 0 && nl <= n - 100) fileName = utf16(b, o + 100, (int) nl);
                        }
                    }
                }
                case CLOSE -> {
                    if (q.relatedCreate != null && q.relatedCreate.opened != null) s.close(q.relatedCreate.opened.key);
                }
                case WRITE -> {
                    if (q.data != null && q.relatedCreate != null && q.relatedCreate.opened != null) {
                        write(q.relatedCreate.opened, q.offset, q.data, 0, q.data.length, frame, timeNs);
                    }
                }
                default -> {
                }
            }
        }
        if (q != null && q.user != null && h.status == 0) s.user(h.sessionId, q.user);
        s.emit(new SmbMessage(frame, timeNs, s.conn, fromClient, 2, nbssType, false, h.command, List.of(), true,
                h.status, h.messageId, h.sessionId, h.async ? -1 : h.treeId, tree, fileName, dialects, List.of()));
        if (q != null) {
            q.data = null;
            s.answer(q, h.status, frame, timeNs, dialect, action, false);
        }
        if (h.command == TREE_DISCONNECT && h.status == 0) s.trees.remove(h.treeId);
    }

    /** An SMB2 NEGOTIATE response to an SMB1 NEGOTIATE request that offered SMB2 dialects (the upgrade). */
    private SmbState.Pending upgrade() {
        for (var it = s.pending1.values().iterator(); it.hasNext(); ) {
            SmbState.Pending q = it.next();
            if (q.command == Smb1Parser.NEGOTIATE) {
                it.remove();
                return q;
            }
        }
        return null;
    }

    private List<Integer> dialects(byte[] b, int body, int end, long frame) {
        if (body + 36 > end) return List.of();
        int n = Bytes.u16le(b, body + 2);
        if (body + 36 + 2L * n > end) {
            s.anomalies.add(Anomaly.SMB_MALFORMED, frame);
            n = (end - body - 36) / 2;
        }
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(Bytes.u16le(b, body + 36 + 2 * i));
        return out;
    }

    /** Whether [at, at + len) lies in the message [p, end); counts a bad offset. */
    private boolean inside(int at, long len, int p, int end, long frame) {
        if (len == 0) return false;
        if (at < p + HEADER || at + len > end) {
            s.anomalies.add(Anomaly.SMB_MALFORMED, frame);
            return false;
        }
        return true;
    }

    static String utf16(byte[] b, int off, int len) {
        return new String(b, off, len & ~1, StandardCharsets.UTF_16LE);
    }
}
