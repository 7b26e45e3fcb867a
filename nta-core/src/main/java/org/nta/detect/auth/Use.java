package org.nta.detect.auth;

import java.util.Locale;

import org.nta.event.Credential;

/**
 * One credential use as the auth detectors keep it: the {@link Credential} without its long hash line (a secret
 * longer than {@link AuthConfig#maxSecretChars} or a hash is kept as null).
 *
 * @param seq capture-order index of the use in the log
 * @param web an HTTP form or Basic login, judged by the web detectors (only credential reuse reads it)
 */
record Use(int seq, String client, String server, int serverPort, String transport, int stream, String protocol,
           String mechanism, String user, String domain, Credential.Kind kind, String secret, Credential.Result result,
           long secretFrame, long secretNs, long frame, long timeNs, boolean web) {
    static Use of(int seq, Credential c, int maxSecretChars, boolean web) {
        String secret = c.kind() == Credential.Kind.HASH || c.secret() == null || c.secret().length() > maxSecretChars ? null : c.secret();
        return new Use(seq, c.conn().clientAddr(), c.conn().serverAddr(), c.conn().serverPort(), c.conn().transport(),
                c.conn().stream(), c.protocol(), c.mechanism(), c.user(), c.domain(), c.kind(), secret, c.result(),
                c.secretFrame(), c.secretTimeNs(), c.frame(), c.timeNs(), web);
    }

    boolean accepted() {
        return result == Credential.Result.ACCEPTED;
    }

    /** The user name compared without case, "" for none. */
    String userKey() {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }

    /** A secret readable in the traffic: a password or community as sent (not a hash or token). */
    boolean cleartext() {
        return secret != null && (kind == Credential.Kind.PASSWORD || kind == Credential.Kind.COMMUNITY);
    }

    /** The frame where the attempt starts (the secret's) and where it ends (the answer's). */
    long lastFrame() {
        return Math.max(frame, secretFrame);
    }
}
