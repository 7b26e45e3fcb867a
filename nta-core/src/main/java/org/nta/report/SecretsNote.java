package org.nta.report;

import java.util.List;

import org.nta.detect.Finding;

/**
 * Whether an analysis hides secrets (passwords, communities, found credentials are masked unless {@code analyze
 * --show-secrets}), and the sentence the reports print about it.
 */
public final class SecretsNote {
    public static final String TEXT = "Passwords and other secrets in the findings are masked (****); "
            + "run nta analyze --show-secrets to see them, or nta creds --show-secrets to list every credential.";

    private SecretsNote() {}

    /** Whether some finding's evidence carries a masked secret ({@code passwords_masked}: true). */
    public static boolean masked(List<Finding> findings) {
        for (Finding f : findings) if (Boolean.TRUE.equals(f.evidence().get("passwords_masked"))) return true;
        return false;
    }
}
