package org.nta.app.dcerpc;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.DceRpcPdu;
import org.nta.event.Event;
import org.nta.event.RpcCall;

/**
 * Whole connection-oriented PDUs of one conversation (C706 12.6, [MS-RPCE] 2.2.2): bind and alter_context with
 * their presentation contexts, the acks that accept or reject them, requests, responses and faults paired by
 * call_id with their fragments reassembled, and the sec_trailer of authenticated PDUs. At auth level PKT_PRIVACY the
 * stubs are sealed: the call is marked encrypted and its stubs are not read. Emits a {@link DceRpcPdu} per PDU and
 * an {@link RpcCall} per answered (or abandoned) call.
 */
final class DceRpcParser {
    static final int REQUEST = 0, RESPONSE = 2, FAULT = 3, BIND = 11, BIND_ACK = 12, BIND_NAK = 13, ALTER = 14,
            ALTER_RESP = 15, AUTH3 = 16;
    static final int FIRST = 0x01, LAST = 0x02, OBJECT_UUID = 0x80;
    static final int PRIVACY = 6;

    private final ConnInfo conn;
    private final String carrier;
    private final DceRpcConfig config;
    private final AnomalyCounter anomalies;
    private final Consumer<? super Event> sink;
    /** Accepted (or offered, until answered) presentation contexts: id → abstract syntax. */
    private final Map<Integer, Ctx> contexts = new LinkedHashMap<>();
    /** Binds and alter_contexts awaiting their ack: call_id → context ids offered, in order. */
    private final Map<Long, List<Integer>> offers = new LinkedHashMap<>();
    private final Map<Long, Call> calls = new LinkedHashMap<>();
    private final RpcArgs.Handles handles;
    private final DceRpcAuth auth;
    private long buffered;
    /** The decoded arguments of the request the PDU being read completed, for its {@link DceRpcPdu}. */
    private Map<String, String> completedArgs = Map.of();

    private record Ctx(String uuid, int version) {
    }

    private static final class Call {
        long callId, requestFrame = -1, requestTimeNs, faultStatus = -1, lastFrame, lastTimeNs;
        int ctx = -1, opnum = -1, authType = -1, authLevel = -1;
        boolean requestDone, encrypted, truncated, bigEndian;
        final Map<String, String> args = new LinkedHashMap<>();
        Part request = new Part(), response;
        String uuid;
        int version = -1;
    }

    /** The stub of one direction of a call, its fragments appended. */
    private static final class Part {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long length;
        final byte[] tail = new byte[4];
        int tailHave;

        void add(byte[] b, int off, int len, boolean keep) {
            if (keep) kept.write(b, off, len);
            length += len;
            for (int i = Math.max(off, off + len - 4); i < off + len; i++) {
                if (tailHave == 4) System.arraycopy(tail, 1, tail, 0, 3);
                else tailHave++;
                tail[tailHave - 1] = b[i];
            }
        }
    }

    DceRpcParser(ConnInfo conn, String carrier, DceRpcConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.conn = conn;
        this.carrier = carrier;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
        this.handles = new RpcArgs.Handles(config.maxHandles());
        this.auth = new DceRpcAuth(conn, anomalies, sink);
    }

    /** A GUID at {@code off} as Wireshark prints it (the first three fields in the PDU's byte order). */
    static String uuid(byte[] b, int off, boolean le) {
        long d1 = le ? Bytes.u32lle(b, off) : Bytes.u32l(b, off);
        int d2 = le ? Bytes.u16le(b, off + 4) : Bytes.u16(b, off + 4), d3 = le ? Bytes.u16le(b, off + 6) : Bytes.u16(b, off + 6);
        return String.format("%08x-%04x-%04x-%s-%s", d1, d2, d3, Bytes.hex(b, off + 8, 2), Bytes.hex(b, off + 10, 6));
    }

    void pdu(boolean fromClient, byte[] b, int off, int len, long frame, long timeNs) {
        int ptype = b[off + 2] & 0xff, flags = b[off + 3] & 0xff;
        boolean le = (b[off + 4] & 0xf0) == 0x10;
        int authLen = u16(b, off + 10, le);
        long callId = le ? Bytes.u32lle(b, off + 12) : Bytes.u32l(b, off + 12);
        int authType = -1, authLevel = -1, bodyEnd = len;
        if (authLen > 0 && ptype != BIND_NAK) {
            int trailer = len - authLen - 8;
            if (trailer < DceRpcStream.HEADER) {
                anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
            } else {
                authType = b[off + trailer] & 0xff;
                authLevel = b[off + trailer + 1] & 0xff;
                bodyEnd = Math.max(DceRpcStream.HEADER, trailer - (b[off + trailer + 2] & 0xff));
                if (ptype >= BIND && ptype <= AUTH3) auth.token(authType, b, off + trailer + 8, authLen, carrier, frame, timeNs);
            }
        }
        List<Integer> ctxIds = List.of();
        List<String> uuids = List.of();
        int opnum = -1;
        long status = -1;
        if (!fromClient && auth.waiting()) {
            if (ptype == RESPONSE || ptype == ALTER_RESP && authLen == 0) {
                auth.settle(org.nta.event.Credential.Result.ACCEPTED, frame, timeNs, null);
            } else if (ptype == BIND_NAK || ptype == FAULT && len >= 28 && (le ? Bytes.u32lle(b, off + 24) : Bytes.u32l(b, off + 24)) == 5) {
                auth.settle(org.nta.event.Credential.Result.REJECTED, frame, timeNs, ptype == FAULT ? "nca_s_fault_access_denied" : "bind_nak");
            }
        }
        switch (ptype) {
            case BIND, ALTER -> {
                List<Integer> ids = new ArrayList<>();
                List<String> us = new ArrayList<>();
                bind(b, off, bodyEnd, le, callId, ids, us, frame);
                ctxIds = ids;
                uuids = us;
            }
            case BIND_ACK, ALTER_RESP -> ack(b, off, bodyEnd, le, callId, frame);
            case BIND_NAK -> {
                if (len >= 18) status = u16(b, off + 16, le);
                offers.remove(callId);
            }
            case REQUEST, RESPONSE, FAULT -> {
                int hdr = ptype == REQUEST ? 24 + ((flags & OBJECT_UUID) != 0 ? 16 : 0) : 24;
                if (bodyEnd < hdr) {
                    anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
                    break;
                }
                int ctx = u16(b, off + 20, le);
                ctxIds = List.of(ctx);
                if (ptype == FAULT) status = le ? Bytes.u32lle(b, off + 24) : Bytes.u32l(b, off + 24);
                opnum = call(fromClient, ptype, flags, le, callId, ctx, ptype == REQUEST ? u16(b, off + 22, le) : -1, status,
                        b, off + hdr, bodyEnd - hdr, authType, authLevel, frame, timeNs);
            }
            default -> {
            }
        }
        Map<String, String> args = completedArgs;
        completedArgs = Map.of();
        sink.accept(new DceRpcPdu(frame, timeNs, conn, carrier, fromClient, ptype, flags, callId, ctxIds, opnum, uuids,
                authType, authLevel, status, args));
    }

    private static int u16(byte[] b, int off, boolean le) {
        return le ? Bytes.u16le(b, off) : Bytes.u16(b, off);
    }

    /** p_cont_list of a bind or alter_context: each context's id and abstract syntax. */
    private void bind(byte[] b, int off, int end, boolean le, long callId, List<Integer> ids, List<String> uuids, long frame) {
        if (end < 28) {
            anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
            return;
        }
        int n = b[off + 24] & 0xff, p = off + 28;
        for (int i = 0; i < n; i++) {
            if (p + 24 > off + end) {
                anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
                break;
            }
            int id = u16(b, p, le), transfers = b[p + 2] & 0xff;
            String uuid = uuid(b, p + 4, le);
            int version = u16(b, p + 20, le);
            ids.add(id);
            uuids.add(uuid);
            if (contexts.size() >= config.maxContexts() && !contexts.containsKey(id)) anomalies.add(Anomaly.DCERPC_CONTEXT_LIMIT, frame);
            else contexts.put(id, new Ctx(uuid, version));
            p += 24 + 20 * transfers;
        }
        if (offers.size() >= config.maxContexts()) offers.remove(offers.keySet().iterator().next());
        offers.put(callId, ids);
    }

    /** p_result_list of a bind_ack or alter_context_resp: contexts rejected are forgotten. */
    private void ack(byte[] b, int off, int end, boolean le, long callId, long frame) {
        List<Integer> offered = offers.remove(callId);
        if (end < 26) {
            anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
            return;
        }
        int secLen = u16(b, off + 24, le);
        int p = 26 + secLen;
        p = (p + 3) & ~3;
        if (p + 4 > end) {
            anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
            return;
        }
        int n = b[off + p] & 0xff;
        p += 4;
        for (int i = 0; i < n && p + 24 <= end; i++, p += 24) {
            int result = u16(b, off + p, le);
            if (result != 0 && offered != null && i < offered.size()) contexts.remove(offered.get(i));
        }
    }

    /** A request, response or fault fragment; returns the call's opnum as far as known. */
    private int call(boolean fromClient, int ptype, int flags, boolean le, long callId, int ctx, int opnum, long fault,
                     byte[] b, int stub, int stubLen, int authType, int authLevel, long frame, long timeNs) {
        Call c = calls.get(callId);
        if (c != null) {
            c.lastFrame = frame;
            c.lastTimeNs = timeNs;
        }
        if (ptype == REQUEST) {
            if (c == null || (flags & FIRST) != 0 && (c.requestDone || c.request.length > 0)) {
                if (c != null) give(c, frame);
                c = open(callId, frame);
                c.ctx = ctx;
                c.opnum = opnum;
                c.bigEndian = !le;
                Ctx x = contexts.get(ctx);
                if (x != null) {
                    c.uuid = x.uuid();
                    c.version = x.version();
                }
            }
            if (c.requestDone) anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
            if (authLevel >= 0) {
                c.authType = authType;
                c.authLevel = authLevel;
                c.encrypted |= authLevel == PRIVACY;
            }
            append(c, c.request, b, stub, stubLen, frame);
            if ((flags & LAST) != 0) {
                c.requestDone = true;
                c.requestFrame = frame;
                c.requestTimeNs = timeNs;
                decodeRequest(c, frame);
                if (!c.args.isEmpty()) completedArgs = Collections.unmodifiableMap(new LinkedHashMap<>(c.args));
            }
            return c.opnum;
        }
        if (c == null) { // the request was not seen
            c = open(callId, frame);
            c.ctx = ctx;
            c.bigEndian = !le;
            Ctx x = contexts.get(ctx);
            if (x != null) {
                c.uuid = x.uuid();
                c.version = x.version();
            }
        }
        if (ptype == FAULT) {
            c.faultStatus = fault;
            finish(c, frame, timeNs);
            return c.opnum;
        }
        if (c.response == null) c.response = new Part();
        if (authLevel == PRIVACY) c.encrypted = true;
        append(c, c.response, b, stub, stubLen, frame);
        if ((flags & LAST) != 0) finish(c, frame, timeNs);
        return c.opnum;
    }

    private Call open(long callId, long frame) {
        if (calls.size() >= config.maxPendingCalls()) {
            Iterator<Call> it = calls.values().iterator();
            Call old = it.next();
            it.remove();
            anomalies.add(Anomaly.DCERPC_PENDING_LIMIT, frame);
            emit(old, old.requestFrame >= 0 ? old.requestFrame : old.lastFrame, old.requestFrame >= 0 ? old.requestTimeNs : old.lastTimeNs, false);
        }
        Call c = new Call();
        c.callId = callId;
        c.lastFrame = frame;
        calls.put(callId, c);
        return c;
    }

    /** A new request reused an unanswered call_id: the old call is reported without an answer. */
    private void give(Call c, long frame) {
        calls.remove(c.callId);
        anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
        emit(c, c.requestFrame >= 0 ? c.requestFrame : c.lastFrame, c.requestFrame >= 0 ? c.requestTimeNs : c.lastTimeNs, false);
    }

    private void append(Call c, Part part, byte[] b, int off, int len, long frame) {
        boolean keep = !c.encrypted && part.length + len <= config.maxCallBytes() && buffered + len <= config.maxBufferedBytes();
        if (!keep && !c.encrypted && !c.truncated) {
            c.truncated = true;
            anomalies.add(Anomaly.DCERPC_CALL_TOO_LARGE, frame);
        }
        if (keep && !c.truncated) buffered += len;
        part.add(b, off, len, keep && !c.truncated);
    }

    private void decodeRequest(Call c, long frame) {
        if (c.encrypted || c.truncated || c.bigEndian) return;
        byte[] s = c.request.kept.toByteArray();
        NdrReader r = new NdrReader(s, 0, s.length, config.maxStringChars());
        if (!RpcArgs.request(c.uuid, c.opnum, r, c.args, handles)) anomalies.add(Anomaly.DCERPC_STUB_MALFORMED, frame);
    }

    private void finish(Call c, long frame, long timeNs) {
        calls.remove(c.callId);
        if (c.response != null && !c.encrypted && !c.truncated && !c.bigEndian && c.opnum >= 0) {
            byte[] s = c.response.kept.toByteArray();
            NdrReader r = new NdrReader(s, 0, s.length, config.maxStringChars());
            Map<String, String> out = new LinkedHashMap<>();
            if (!RpcArgs.response(c.uuid, c.opnum, r, c.args, out, handles)) anomalies.add(Anomaly.DCERPC_STUB_MALFORMED, frame);
            c.args.putAll(out);
        }
        emit(c, frame, timeNs, true);
    }

    private void emit(Call c, long frame, long timeNs, boolean answered) {
        buffered -= c.request.kept.size() + (c.response != null ? c.response.kept.size() : 0);
        if (buffered < 0) buffered = 0;
        long status = -1;
        boolean fault = c.faultStatus >= 0;
        if (fault) status = c.faultStatus;
        else if (answered && c.response != null && !c.encrypted && c.response.tailHave == 4) {
            status = c.bigEndian ? Bytes.u32l(c.response.tail, 0) : Bytes.u32lle(c.response.tail, 0);
        }
        DceRpcNames.Iface iface = DceRpcNames.iface(c.uuid);
        sink.accept(new RpcCall(conn, carrier, c.callId, iface != null ? iface.name() : null, c.uuid, c.version, c.opnum,
                iface != null ? iface.op(c.opnum) : null, c.requestFrame, c.requestTimeNs, frame, timeNs, fault, status,
                c.authType, c.authLevel, c.encrypted, Collections.unmodifiableMap(c.args), c.request.length,
                c.response != null ? c.response.length : 0));
    }

    /** The conversation ended: calls never answered are reported, in the order they were made. */
    void end() {
        auth.settle(org.nta.event.Credential.Result.UNKNOWN, -1, 0, null);
        List<Call> left = new ArrayList<>(calls.values());
        calls.clear();
        for (Call c : left) emit(c, c.requestFrame >= 0 ? c.requestFrame : c.lastFrame, c.requestFrame >= 0 ? c.requestTimeNs : c.lastTimeNs, false);
    }
}
