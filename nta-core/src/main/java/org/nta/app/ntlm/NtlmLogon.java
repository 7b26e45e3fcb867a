package org.nta.app.ntlm;

/**
 * An AUTHENTICATE message paired with the CHALLENGE before it on the same connection: who logged on and, when the
 * challenge was seen, the response in hashcat's format.
 *
 * @param kind        the response kind
 * @param hashcatMode 5600 (NetNTLMv2), 5500 (NetNTLMv1), or 0 when there is no line
 * @param hashcatLine {@code user::domain:challenge:NTProofStr:blob} or {@code user::domain:lm:nt:challenge}; null
 *                    when the challenge was not seen, the logon is anonymous, or the response is unusable
 * @param challenge   the CHALLENGE it answers, or null when it was not seen
 */
public record NtlmLogon(NtlmAuthenticate auth, NtlmChallenge challenge, NtlmResponseKind kind, int hashcatMode,
                        String hashcatLine) {
    public String user() {
        return auth.user();
    }

    public String domain() {
        return auth.domain();
    }

    public String workstation() {
        return auth.workstation();
    }

    /** {@code NTLMv2}, {@code NTLMv1}, {@code NTLMv1-ESS}, {@code anonymous} … (a Credential mechanism). */
    public String mechanism() {
        return kind.label();
    }

    public boolean anonymous() {
        return kind == NtlmResponseKind.ANONYMOUS;
    }
}
