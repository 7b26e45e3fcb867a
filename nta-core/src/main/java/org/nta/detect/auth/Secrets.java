package org.nta.detect.auth;

import org.nta.event.Credential;

/** Secrets as findings show them: {@code ****} unless {@link AuthConfig#showSecrets()}. */
final class Secrets {
    private Secrets() {}

    static String shown(String secret, AuthConfig config) {
        return secret == null ? null : config.showSecrets() ? secret : Credential.MASK;
    }
}
