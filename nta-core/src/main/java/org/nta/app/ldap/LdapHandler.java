package org.nta.app.ldap;

import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.ntlm.NtlmAuthenticate;
import org.nta.app.ntlm.NtlmChallenge;
import org.nta.app.ntlm.NtlmEvents;
import org.nta.app.ntlm.NtlmException;
import org.nta.app.ntlm.NtlmMessage;
import org.nta.app.ntlm.NtlmTracker;
import org.nta.app.ntlm.Ntlmssp;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.EventSink;
import org.nta.event.LdapMessage;
import org.nta.reassembly.StreamHandler;

import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One LDAP connection: frames each direction's byte stream into LDAPMessages (several per segment, one across many),
 * emits an {@link LdapMessage} for each on the frame that completed it, and pairs binds with their bindResponse by
 * messageID: simple binds (DN and password), SASL mechanisms and NTLMSSP inside SASL GSS-SPNEGO or Microsoft's sicily
 * binds become {@link Credential}s with the result code's verdict (0 accepted, 49 and other errors rejected).
 * After a successful StartTLS the connection is TLS and is no longer read; after a successful SASL or NTLM bind,
 * bytes that are not an LDAPMessage are a SASL buffer (signed or sealed) and end the reading too, without anomaly.
 */
public final class LdapHandler implements StreamHandler {
    private final LdapConfig cfg;
    private final AnomalyCounter anomalies;
    private final EventSink out;
    private final Direction[] dirs = {new Direction(), new Direction()};
    private final NtlmTracker ntlm = new NtlmTracker();
    private final LinkedHashMap<Long, Credential> binds = new LinkedHashMap<>();
    private ConnInfo conn;
    private long startTlsId = -1;
    private boolean tls;
    /** A SASL or NTLM bind succeeded: what follows may be SASL-wrapped (signed or sealed) and is then not read. */
    private boolean saslBound;
    private final java.util.Set<Long> saslBinds = new java.util.HashSet<>();

    /** One direction's framing state. */
    private static final class Direction {
        byte[] buf = new byte[256];
        int len;
        long skip;
        boolean lost;
        /** A gap lost bytes: the next data is read only if it starts an LDAPMessage. */
        boolean resync;
    }

    public LdapHandler(ConnInfo conn, LdapConfig cfg, AnomalyCounter anomalies, EventSink out) {
        this.conn = conn;
        this.cfg = cfg;
        this.anomalies = anomalies;
        this.out = out;
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Direction d = dirs[fromClient ? 0 : 1];
        if (tls || d.lost) return;
        if (d.resync) {
            if (!LdapDetect.looksLikeLdap(data, off, len)) {
                d.lost = true;
                return;
            }
            d.resync = false;
        }
        if (d.skip > 0) {
            int n = (int) Math.min(d.skip, len);
            d.skip -= n;
            off += n;
            len -= n;
        }
        // parse straight from the caller's slice when nothing is buffered, else append and parse the buffer
        if (d.len == 0) {
            int used = frames(d, fromClient, data, off, off + len, frame, timeNs);
            keep(d, data, off + used, len - used);
        } else {
            keep(d, data, off, len);
            int used = frames(d, fromClient, d.buf, 0, d.len, frame, timeNs);
            if (d.lost || tls) {
                d.len = 0;
                return;
            }
            System.arraycopy(d.buf, used, d.buf, 0, d.len - used);
            d.len -= used;
        }
    }

    /** Reads whole messages from {@code b[from, end)}; returns the bytes consumed. */
    private int frames(Direction d, boolean fromClient, byte[] b, int from, int end, long frame, long timeNs) {
        int p = from;
        while (p < end && !d.lost && !tls) {
            if (d.skip > 0) {
                int n = (int) Math.min(d.skip, end - p);
                d.skip -= n;
                p += n;
                continue;
            }
            long size;
            try {
                if (b[p] != 0x30 && saslBound) { // a SASL buffer (4-byte length, then wrapped bytes): not readable
                    tls = true;
                    return end - from;
                }
                size = BerReader.frameLength(b, p, end);
                if (b[p] != 0x30) throw new BerException(BerException.Problem.UNEXPECTED_TAG, p);
            } catch (BerException e) {
                lose(d, frame);
                return end - from;
            }
            if (size < 0) break;
            if (size > cfg.maxMessageBytes()) {
                anomalies.add(Anomaly.LDAP_MESSAGE_TOO_LARGE, frame);
                d.skip = size;
                continue;
            }
            if (p + size > end) break;
            message(fromClient, b, p, (int) size, frame, timeNs);
            p += (int) size;
        }
        return p - from;
    }

    private void keep(Direction d, byte[] b, int off, int len) {
        if (len <= 0 || d.lost || tls) return;
        if (d.len + len > d.buf.length) {
            int cap = d.buf.length;
            while (cap < d.len + len) cap *= 2;
            byte[] nb = new byte[cap];
            System.arraycopy(d.buf, 0, nb, 0, d.len);
            d.buf = nb;
        }
        System.arraycopy(b, off, d.buf, d.len, len);
        d.len += len;
    }

    private void lose(Direction d, long frame) {
        anomalies.add(Anomaly.LDAP_MALFORMED, frame);
        d.lost = true;
        d.len = 0;
        d.buf = new byte[0];
    }

    private void message(boolean fromClient, byte[] b, int off, int len, long frame, long timeNs) {
        LdapDecoder.Decoded m;
        try {
            m = LdapDecoder.decode(b, off, len, cfg);
        } catch (BerException e) {
            anomalies.add(e.problem() == BerException.Problem.TOO_DEEP ? Anomaly.BER_TOO_DEEP : Anomaly.LDAP_MALFORMED, frame);
            return;
        }
        out.emit(new LdapMessage(conn, fromClient, m.messageId(), m.op(), m.name(), m.mechanism(), m.simple(), m.filter(),
                m.scope(), m.resultCode(), m.errorMessage(), frame, timeNs, m.account(), m.spns()));
        NtlmMessage nt = null;
        if (m.ntlmOff() >= 0) {
            try {
                nt = Ntlmssp.parse(b, m.ntlmOff(), m.ntlmLen());
                out.emit(NtlmEvents.message(conn, "ldap", nt, frame, timeNs));
            } catch (NtlmException e) {
                anomalies.add(Anomaly.NTLMSSP_MALFORMED, frame);
            }
        }
        if (nt instanceof NtlmChallenge c) ntlm.onChallenge(c);
        if (fromClient && m.op() == LdapDecoder.BIND_REQUEST) bindRequest(m, nt, frame, timeNs);
        else if (!fromClient && m.op() == LdapDecoder.BIND_RESPONSE) bindResponse(m, frame, timeNs);
        else if (fromClient && m.op() == LdapDecoder.EXTENDED_REQUEST && LdapDecoder.START_TLS.equals(m.extName())) startTlsId = m.messageId();
        else if (!fromClient && m.op() == LdapDecoder.EXTENDED_RESPONSE && m.messageId() == startTlsId && m.resultCode() == 0) tls = true;
    }

    private void bindRequest(LdapDecoder.Decoded m, NtlmMessage nt, long frame, long timeNs) {
        if (m.auth() != LdapDecoder.Auth.SIMPLE && saslBinds.size() < cfg.maxPendingBinds()) saslBinds.add(m.messageId());
        Credential c = switch (m.auth()) {
            case SIMPLE -> {
                boolean anonymous = m.name().isEmpty() && m.simple().isEmpty();
                String note = anonymous ? "anonymous bind" : m.simple().isEmpty() ? "unauthenticated bind (DN without password)" : null;
                yield new Credential(conn, "ldap", "simple bind", m.name().isEmpty() ? null : m.name(), null,
                        Credential.Kind.PASSWORD, m.simple().isEmpty() ? null : m.simple(), Credential.Result.UNKNOWN,
                        frame, timeNs, frame, timeNs, 0, note);
            }
            case SASL, SICILY_RESPONSE -> {
                if (nt instanceof NtlmAuthenticate a) {
                    String how = m.auth() == LdapDecoder.Auth.SASL ? "SASL " + m.mechanism() : "sicily NTLM bind";
                    yield NtlmEvents.credential(conn, "ldap", ntlm.onAuthenticate(a), how, frame, timeNs);
                }
                if (nt != null || m.auth() == LdapDecoder.Auth.SICILY_RESPONSE) yield null;
                yield new Credential(conn, "ldap", "SASL " + m.mechanism(), m.name().isEmpty() ? null : m.name(), null,
                        Credential.Kind.TOKEN, null, Credential.Result.UNKNOWN, frame, timeNs, frame, timeNs, 0, null);
            }
            default -> null;
        };
        if (c == null) return;
        if (binds.size() >= cfg.maxPendingBinds()) {
            Iterator<Map.Entry<Long, Credential>> it = binds.entrySet().iterator();
            out.emit(it.next().getValue());
            it.remove();
        }
        Credential old = binds.put(m.messageId(), c);
        if (old != null) out.emit(old);
    }

    private void bindResponse(LdapDecoder.Decoded m, long frame, long timeNs) {
        if (saslBinds.remove(m.messageId()) && m.resultCode() == 0) saslBound = true;
        Credential c = binds.remove(m.messageId());
        if (c == null) return;
        if (m.resultCode() == 14) return; // saslBindInProgress: the next step of the same bind follows
        Credential.Result r = m.resultCode() == 0 ? Credential.Result.ACCEPTED : Credential.Result.REJECTED;
        String text = "resultCode " + m.resultCode() + (m.errorMessage() == null || m.errorMessage().isEmpty() ? "" : " " + m.errorMessage());
        String detail = c.detail() == null ? text : c.detail() + "; " + text;
        out.emit(c.withResult(r, frame, timeNs, detail));
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        Direction d = dirs[fromClient ? 0 : 1];
        if (d.skip > 0) {
            long n = Math.min(d.skip, len);
            d.skip -= n;
            len -= n;
        }
        if (len > 0 && !d.lost) { // inside a message, or a message lost whole: resume at the next that starts a segment
            d.resync = true;
            d.len = 0;
        }
    }

    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
        Direction d = dirs[0];
        dirs[0] = dirs[1];
        dirs[1] = d;
    }

    @Override
    public void onClose(long frame, long timeNs) {
        for (Credential c : binds.values()) out.emit(c);
        binds.clear();
    }
}
