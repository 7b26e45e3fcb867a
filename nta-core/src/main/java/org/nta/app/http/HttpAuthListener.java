package org.nta.app.http;

import org.nta.app.gss.Spnego;
import org.nta.app.ntlm.NtlmAuthenticate;
import org.nta.app.ntlm.NtlmChallenge;
import org.nta.app.ntlm.NtlmEvents;
import org.nta.app.ntlm.NtlmException;
import org.nta.app.ntlm.NtlmLogon;
import org.nta.app.ntlm.NtlmMessage;
import org.nta.app.ntlm.NtlmTracker;
import org.nta.app.ntlm.Ntlmssp;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.EventSink;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpHeader;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * HTTP authentication on one connection, read from the messages the HTTP parser completes (the parser itself is
 * untouched): Basic, Digest, NTLM and Negotiate in Authorization / Proxy-Authorization, the NTLMSSP CHALLENGE in the
 * answer's WWW-Authenticate / Proxy-Authenticate, each paired with the status that answered it (401/407 rejected,
 * 2xx/3xx accepted, else unknown). Emits {@link Credential} when the exchange ends and an
 * {@link org.nta.event.NtlmsspMessage} on each frame carrying NTLMSSP; passes every HTTP event on to {@code next}.
 */
public final class HttpAuthListener implements HttpListener {
    /** Requests with credentials awaiting their answer, at most this many (pipelining). */
    static final int MAX_PENDING = 32;
    static final int MAX_DIGEST_PARAMS = 24;

    private final HttpListener next;
    private final EventSink out;
    private final AnomalyCounter anomalies;
    /** Made on the first NTLMSSP message or credential: most connections carry none. */
    private NtlmTracker ntlm;
    private ArrayDeque<Pending> pending;

    private record Pending(int requestIndex, Credential credential) {
    }

    public HttpAuthListener(HttpListener next, EventSink out, AnomalyCounter anomalies) {
        this.next = next;
        this.out = out;
        this.anomalies = anomalies;
    }

    @Override
    public void onRequest(HttpRequest q) {
        next.onRequest(q);
        for (HttpHeader h : q.headers().list()) {
            boolean proxy = h.name().equalsIgnoreCase("proxy-authorization");
            if (!proxy && !h.name().equalsIgnoreCase("authorization")) continue;
            Credential c = credential(q, h.value(), proxy);
            if (c == null) continue;
            if (pending == null) pending = new ArrayDeque<>(4);
            if (pending.size() == MAX_PENDING) {
                out.emit(pending.removeFirst().credential()); // never answered in time: result unknown
                anomalies.add(Anomaly.HTTP_AUTH_PENDING_LIMIT, q.frame());
            }
            pending.addLast(new Pending(q.index(), c));
        }
    }

    @Override
    public void onResponse(HttpResponse s) {
        next.onResponse(s);
        if (s.isInterim()) return;
        for (HttpHeader h : s.headers().list()) {
            if (!h.name().equalsIgnoreCase("www-authenticate") && !h.name().equalsIgnoreCase("proxy-authenticate")) continue;
            NtlmMessage m = ntlmssp(s.conn(), h.value(), s.frame(), s.timeNs());
            if (m instanceof NtlmChallenge c) tracker().onChallenge(c);
        }
    }

    @Override
    public void onTransaction(HttpTransaction t) {
        next.onTransaction(t);
        if (t.request() == null || pending == null) return;
        int idx = t.request().index();
        while (!pending.isEmpty() && pending.peekFirst().requestIndex() <= idx) {
            Pending p = pending.removeFirst();
            if (p.requestIndex() < idx) {
                out.emit(p.credential());
                continue;
            }
            HttpResponse s = t.response();
            if (s == null) {
                out.emit(p.credential());
                continue;
            }
            int st = s.status();
            Credential.Result r = st == 401 || st == 407 ? Credential.Result.REJECTED
                    : st >= 200 && st < 400 ? Credential.Result.ACCEPTED : Credential.Result.UNKNOWN;
            out.emit(p.credential().withResult(r, s.frame(), s.timeNs(), null));
        }
    }

    @Override
    public void onFile(HttpFileObject file) {
        next.onFile(file);
    }

    private Credential credential(HttpRequest q, String value, boolean proxy) {
        String scheme = HttpAuth.scheme(value);
        ConnInfo conn = q.conn();
        long f = q.frame(), ns = q.timeNs();
        String where = (proxy ? "Proxy-Authorization" : "Authorization") + " " + q.method() + " " + q.uri();
        if (scheme.equalsIgnoreCase("Basic")) {
            String up = HttpAuth.basic(value);
            if (up == null) {
                anomalies.add(Anomaly.HTTP_AUTH_MALFORMED, f);
                return null;
            }
            int colon = up.indexOf(':');
            String user = colon < 0 ? up : up.substring(0, colon);
            String pass = colon < 0 ? null : up.substring(colon + 1);
            return new Credential(conn, "http", "Basic", user, null, Credential.Kind.PASSWORD, pass,
                    Credential.Result.UNKNOWN, f, ns, f, ns, 0, where);
        }
        if (scheme.equalsIgnoreCase("Digest")) {
            Map<String, String> p = HttpAuth.digestParams(value, MAX_DIGEST_PARAMS);
            String user = p.get("username");
            if (user == null) {
                anomalies.add(Anomaly.HTTP_AUTH_MALFORMED, f);
                return null;
            }
            StringBuilder d = new StringBuilder(where);
            for (String k : new String[]{"realm", "uri", "algorithm", "qop", "nonce", "nc", "cnonce"}) {
                if (p.get(k) != null) d.append("; ").append(k).append('=').append(p.get(k));
            }
            return new Credential(conn, "http", "Digest", user, p.get("realm"), Credential.Kind.HASH, p.get("response"),
                    Credential.Result.UNKNOWN, f, ns, f, ns, 0, d.toString());
        }
        if (scheme.equalsIgnoreCase("NTLM") || scheme.equalsIgnoreCase("Negotiate")) {
            byte[] tok = HttpAuth.token(value);
            if (tok == null) {
                anomalies.add(Anomaly.HTTP_AUTH_MALFORMED, f);
                return null;
            }
            int[] at = Spnego.ntlmssp(tok, 0, tok.length);
            if (at == null && scheme.equalsIgnoreCase("NTLM")) {
                anomalies.add(Anomaly.NTLMSSP_MALFORMED, f);
                return null;
            }
            if (at == null) { // Negotiate with Kerberos (or another mechanism): the logon, without a secret
                return new Credential(conn, "http", "Negotiate", null, null, Credential.Kind.TOKEN, null,
                        Credential.Result.UNKNOWN, f, ns, f, ns, 0, where + "; Kerberos or another GSS-API mechanism");
            }
            NtlmMessage m = parse(conn, tok, at, f, ns);
            if (!(m instanceof NtlmAuthenticate a)) return null; // NEGOTIATE: the logon comes later
            NtlmLogon logon = tracker().onAuthenticate(a);
            return NtlmEvents.credential(conn, "http", logon, where + (scheme.equalsIgnoreCase("Negotiate") ? "; Negotiate" : ""), f, ns);
        }
        return null;
    }

    private NtlmTracker tracker() {
        if (ntlm == null) ntlm = new NtlmTracker();
        return ntlm;
    }

    /** The NTLMSSP message of a WWW-Authenticate value, also emitted as an event, or null. */
    private NtlmMessage ntlmssp(ConnInfo conn, String value, long frame, long timeNs) {
        String p = HttpAuth.params(value);
        if (p.isEmpty()) return null; // a bare scheme offered, no token
        byte[] tok = HttpAuth.token(value);
        if (tok == null) return null;
        int[] at = Spnego.ntlmssp(tok, 0, tok.length);
        return at == null ? null : parse(conn, tok, at, frame, timeNs);
    }

    private NtlmMessage parse(ConnInfo conn, byte[] tok, int[] at, long frame, long timeNs) {
        try {
            NtlmMessage m = Ntlmssp.parse(tok, at[0], at[1]);
            out.emit(NtlmEvents.message(conn, "http", m, frame, timeNs));
            return m;
        } catch (NtlmException e) {
            anomalies.add(Anomaly.NTLMSSP_MALFORMED, frame);
            return null;
        }
    }
}
