package org.nta.app.snmp;

import org.nta.app.asn1.BerException;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.EventSink;
import org.nta.event.SnmpMessage;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Reads SNMP datagrams and pairs each request with its response by flow and request-id. Emits an
 * {@link SnmpMessage} per datagram and one {@link Credential} (the community) per request/response pair: accepted
 * when a response came back (rejected when it says authorizationError), unknown when none did. A walk is many pairs,
 * each a credential use; the pending table is bounded, and what falls out of it is reported, not dropped.
 */
public final class SnmpTracker {
    private final SnmpConfig cfg;
    private final AnomalyCounter anomalies;
    private final EventSink out;
    private final LinkedHashMap<Long, Pending> pending = new LinkedHashMap<>();

    private record Pending(ConnInfo conn, String community, int version, int pduType, String firstOid, int oids,
                           long frame, long timeNs) {
    }

    public SnmpTracker(SnmpConfig cfg, AnomalyCounter anomalies, EventSink out) {
        this.cfg = cfg;
        this.anomalies = anomalies;
        this.out = out;
    }

    /**
     * One datagram. {@code conn}'s server is the agent (port 161) for requests and responses, the receiver (162) for
     * traps; {@code fromClient} says which side sent it. Returns whether it was SNMP (false: malformed, counted).
     */
    public boolean onDatagram(ConnInfo conn, boolean fromClient, byte[] b, int off, int len, long frame, long timeNs) {
        SnmpDecoder.Decoded d;
        try {
            d = SnmpDecoder.decode(b, off, len, cfg);
        } catch (BerException e) {
            anomalies.add(e.problem() == BerException.Problem.TOO_DEEP ? Anomaly.BER_TOO_DEEP : Anomaly.SNMP_MALFORMED, frame);
            return false;
        }
        if (d.varbindsDropped() > 0) anomalies.add(Anomaly.SNMP_VARBIND_LIMIT, frame);
        out.emit(new SnmpMessage(conn, fromClient, d.version(), d.community(), d.pduType(), d.requestId(), d.errorStatus(),
                d.oids(), frame, timeNs));
        if (d.version() == 3) return true;
        expire(timeNs);
        long key = ((long) conn.stream() << 32) | (d.requestId() & 0xffffffffL);
        boolean request = d.pduType() == 0 || d.pduType() == 1 || d.pduType() == 3 || d.pduType() == 5 || d.pduType() == 6;
        if (request) {
            if (pending.containsKey(key)) return true; // a retry with the same request-id: one attempt
            if (pending.size() >= cfg.maxPending()) {
                Iterator<Pending> it = pending.values().iterator();
                unanswered(it.next());
                it.remove();
                anomalies.add(Anomaly.SNMP_PENDING_LIMIT, frame);
            }
            pending.put(key, new Pending(conn, d.community(), d.version(), d.pduType(),
                    d.oids().isEmpty() ? null : d.oids().get(0), d.oids().size(), frame, timeNs));
        } else if (d.pduType() == 2) {
            Pending p = pending.remove(key);
            Credential.Result r = d.errorStatus() == 16 ? Credential.Result.REJECTED : Credential.Result.ACCEPTED;
            String detail = (p != null ? describe(p.pduType(), p.firstOid(), p.oids()) : "request not captured")
                    + " -> get-response " + errorName(d.errorStatus());
            long sf = p != null ? p.frame() : frame, st = p != null ? p.timeNs() : timeNs;
            String community = p != null ? p.community() : d.community();
            ConnInfo c = p != null ? p.conn() : conn;
            out.emit(new Credential(c, "snmp", "community", null, null, Credential.Kind.COMMUNITY, community, r, sf, st,
                    frame, timeNs, 0, "v" + (d.version() == 0 ? "1" : "2c") + " " + detail));
        }
        return true;
    }

    /** Reports the requests still unanswered (the capture ended). */
    public void finish() {
        for (Pending p : pending.values()) unanswered(p);
        pending.clear();
    }

    private void expire(long nowNs) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (nowNs - p.timeNs() < cfg.pendingNs()) break; // insertion order is time order
            unanswered(p);
            it.remove();
        }
    }

    private void unanswered(Pending p) {
        out.emit(new Credential(p.conn(), "snmp", "community", null, null, Credential.Kind.COMMUNITY, p.community(),
                Credential.Result.UNKNOWN, p.frame(), p.timeNs(), p.frame(), p.timeNs(), 0,
                "v" + (p.version() == 0 ? "1" : "2c") + " " + describe(p.pduType(), p.firstOid(), p.oids()) + " -> no response"));
    }

    private static String describe(int pduType, String firstOid, int n) {
        return SnmpMessage.pduName(pduType) + (firstOid == null ? "" : " " + firstOid + (n > 1 ? " (+" + (n - 1) + ")" : ""));
    }

    /** error-status names of [RFC 3416] 3. */
    static String errorName(int s) {
        String[] names = {"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
                "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable",
                "commitFailed", "undoFailed", "authorizationError", "notWritable", "inconsistentName"};
        return s >= 0 && s < names.length ? names[s] : "error " + s;
    }

    /** Requests awaiting a response (for tests). */
    int pendingCount() {
        return pending.size();
    }
}
