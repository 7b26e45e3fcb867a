package org.nta.detect.auth;

import java.util.List;

import org.nta.detect.Detector;

/**
 * The authentication detectors, in report order. The {@link CredentialLog} comes first: it records the credential
 * uses the others judge when the capture ends.
 */
public final class AuthDetectors {
    private AuthDetectors() {}

    public static List<Detector> all(AuthConfig config) {
        CredentialLog log = new CredentialLog(config);
        return List.of(
                log,
                new AuthBruteforceDetector(config, log),
                new SshBruteforceDetector(config),
                new AuthCleartextDetector(config, log),
                new CredentialReuseDetector(config, log),
                new PostLoginActivityDetector(config, log));
    }
}
