package org.nta.detect.web;

import org.nta.event.Credential;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

/**
 * An HTTP login form (URL-encoded, multipart, JSON or query string) as a {@link Credential}, so that
 * {@code nta creds} and the credential-reuse detector see form logins beside the logins of other protocols.
 * Recognising a login form and telling its outcome are the web detectors' heuristics ({@link LoginForms},
 * {@link CleartextCredentialsDetector#outcome}), so this is derived here, not emitted by the HTTP parser. HTTP
 * Basic is left out: the HTTP authentication parser emits it as a Credential of its own.
 */
public final class FormCredentials {
    /** The protocol name such credentials carry. */
    public static final String PROTOCOL = "http";

    private FormCredentials() {}

    /** The form login a transaction carries, or null. */
    public static Credential of(HttpTransaction t) {
        HttpRequest r = t.request();
        if (r == null) return null;
        LoginForms.Login l = LoginForms.of(r);
        if (l == null || l.method().equals("basic") || l.password() == null || l.password().isEmpty()) return null;
        HttpResponse resp = t.response();
        Boolean ok = CleartextCredentialsDetector.outcome(l, r, resp);
        Credential.Result result = ok == null ? Credential.Result.UNKNOWN : ok ? Credential.Result.ACCEPTED : Credential.Result.REJECTED;
        long frame = resp != null ? resp.frame() : r.frame();
        long timeNs = resp != null ? resp.timeNs() : r.timeNs();
        String path = r.path() != null ? r.path() : r.uri();
        String detail = r.method() + " " + path + (resp != null ? " → " + resp.status() : "");
        return new Credential(r.conn(), PROTOCOL, l.method(), l.username(), null, Credential.Kind.PASSWORD, l.password(), result,
                r.frame(), r.timeNs(), frame, timeNs, 0, detail);
    }

    /** Whether a credential is an HTTP form or Basic login, which the web detectors judge. */
    public static boolean judgedByWebDetectors(Credential c) {
        if (!PROTOCOL.equals(c.protocol())) return false;
        String m = c.mechanism().toLowerCase(java.util.Locale.ROOT);
        return m.equals("basic") || m.equals("form") || m.equals("multipart") || m.equals("json") || m.equals("query");
    }
}
