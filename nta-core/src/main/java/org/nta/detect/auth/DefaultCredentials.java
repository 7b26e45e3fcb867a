package org.nta.detect.auth;

import java.util.Locale;

import org.nta.event.Credential;

/** Whether a credential is a well-known default ({@link AuthConfig#defaultCredentials}, {@link AuthConfig#defaultCommunities}). */
final class DefaultCredentials {
    private final AuthConfig config;

    DefaultCredentials(AuthConfig config) {
        this.config = config;
    }

    boolean matches(Use u) {
        if (u.kind() == Credential.Kind.COMMUNITY) return u.secret() != null && config.defaultCommunities().contains(u.secret());
        if (u.kind() != Credential.Kind.PASSWORD || u.user() == null) return false;
        String user = u.user().toLowerCase(Locale.ROOT);
        for (String d : config.defaultCredentials()) {
            int c = d.indexOf(':');
            if (!d.substring(0, c).equalsIgnoreCase(user)) continue;
            String pw = d.substring(c + 1);
            if (pw.equals("*") || u.secret() != null && pw.equals(u.secret())) return true;
        }
        return false;
    }
}
