package org.nta.detect.ad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.event.ConnInfo;
import org.nta.event.KerberosMessage;

/**
 * Pairs Kerberos requests with the answer on the same connection (TCP stream or UDP conversation): the last request
 * seen on it waits for its AS-REP, TGS-REP or KRB-ERROR. At most {@code max} requests wait; the oldest goes first.
 */
final class KdcPairs {
    /** A request as the detectors remember it. */
    record Req(String client, String kdc, int stream, String transport, String name, String spn, long frame, long timeNs,
               List<Integer> offered, boolean preauth) {
    }

    private final int max;
    private final LinkedHashMap<String, Req> waiting;

    KdcPairs(int max) {
        this.max = max;
        this.waiting = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Req> e) {
                return size() > KdcPairs.this.max;
            }
        };
    }

    private static String key(ConnInfo c) {
        return c.transport() + ':' + c.stream();
    }

    /** Remembers a request (AS-REQ or TGS-REQ) and returns it. */
    Req request(KerberosMessage k) {
        ConnInfo c = k.conn();
        boolean preauth = k.preauthEtype() >= 0 || k.padataTypes().contains(2) || k.padataTypes().contains(138);
        Req r = new Req(c.clientAddr(), c.serverAddr(), c.stream(), c.transport(), lower(k.client()), k.spn(), k.frame(),
                k.timeNs(), k.requestedEtypes(), preauth);
        waiting.put(key(c), r);
        return r;
    }

    /** The request an answer (reply or error) belongs to, forgotten once answered; null when none waits. */
    Req answer(KerberosMessage k) {
        return waiting.remove(key(k.conn()));
    }

    /** Requests never answered. */
    Iterable<Req> unanswered() {
        return waiting.values();
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    static boolean isAes(int etype) {
        return etype == 17 || etype == 18 || etype == 19 || etype == 20;
    }

    /** Whether a request offers no AES type (only RC4, DES and the like): what a roasting tool asks for. */
    static boolean weakOnly(List<Integer> offered) {
        if (offered.isEmpty()) return false;
        for (int e : offered) if (isAes(e)) return false;
        return true;
    }
}
