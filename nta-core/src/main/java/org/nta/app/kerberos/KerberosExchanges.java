package org.nta.app.kerberos;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.KerberosMessage;

/**
 * Pairs each Kerberos request with the reply that follows it on the same conversation (one UDP flow, or one TCP
 * connection), and turns the crackable material into {@link Credential}s with their result: an AS-REQ's pre-auth
 * (accepted by an AS-REP, rejected by a KRB-ERROR such as PREAUTH_FAILED), an AS-REP's enc-part and a TGS-REP's
 * ticket (both issued, so accepted). Remembers at most {@code maxFlows} unanswered requests.
 */
public final class KerberosExchanges {
    private final int maxFlows;
    private final Consumer<? super Event> sink;
    private final Map<String, KerberosMessage> pending = new LinkedHashMap<>();

    public KerberosExchanges(int maxFlows, Consumer<? super Event> sink) {
        this.maxFlows = maxFlows;
        this.sink = sink;
    }

    private static String key(ConnInfo c) {
        return c.transport() + c.stream();
    }

    public void onMessage(KerberosMessage m) {
        sink.accept(m);
        String key = key(m.conn());
        if (m.isRequest()) {
            KerberosMessage old = pending.remove(key);
            if (old != null) answer(old, null);
            if (pending.size() >= maxFlows) {
                Iterator<KerberosMessage> it = pending.values().iterator();
                KerberosMessage oldest = it.next();
                it.remove();
                answer(oldest, null);
            }
            pending.put(key, m);
            return;
        }
        if (m.msgType() != 11 && m.msgType() != 13 && m.msgType() != 30) return;
        KerberosMessage req = pending.remove(key);
        if (req != null) answer(req, m);
        if (m.hashcat() != null) {
            String detail = m.msgType() == 11
                    ? "AS-REP enc-part etype " + m.encPartEtype() + (req != null && req.preauthEtype() < 0 ? ", requested without pre-authentication" : "")
                    : "service ticket for " + m.spn() + ", etype " + m.ticketEtype() + (m.ticketEtype() != 23 && m.spn() != null && m.spn().indexOf('/') >= 0
                    ? "; the line carries the SPN where hashcat wants the service account's name (its AES salt): put the account name there before cracking"
                    : "");
            sink.accept(new Credential(m.conn(), "kerberos", m.msgType() == 11 ? "AS-REP" : "TGS-REP", m.client(), m.crealm(),
                    Credential.Kind.HASH, m.hashcat(), Credential.Result.ACCEPTED, m.frame(), m.timeNs(), m.frame(), m.timeNs(),
                    m.hashcatMode(), detail));
        }
    }

    /** The request's pre-auth, answered by {@code reply} (null: never answered). */
    private void answer(KerberosMessage req, KerberosMessage reply) {
        if (req.msgType() != 10 || req.preauthEtype() < 0) return;
        Credential.Result r = reply == null ? Credential.Result.UNKNOWN
                : reply.msgType() == 11 ? Credential.Result.ACCEPTED
                : reply.errorCode() == 52 ? Credential.Result.UNKNOWN : Credential.Result.REJECTED; // too big: retried over TCP
        String detail = reply == null ? null : reply.msgType() == 30 ? KerberosNames.error(reply.errorCode()) : "AS-REP";
        String realm = req.realms().isEmpty() ? null : req.realms().get(req.realms().size() - 1);
        long frame = reply == null ? req.frame() : reply.frame(), time = reply == null ? req.timeNs() : reply.timeNs();
        sink.accept(new Credential(req.conn(), "kerberos", "AS-REQ pre-auth etype " + req.preauthEtype(), req.client(), realm,
                Credential.Kind.HASH, req.hashcat(), r, req.frame(), req.timeNs(), frame, time, req.hashcatMode(), detail));
    }

    /** The end of the capture (UDP) or of the connection (TCP): requests never answered. */
    public void finish() {
        for (KerberosMessage m : pending.values()) answer(m, null);
        pending.clear();
    }
}
