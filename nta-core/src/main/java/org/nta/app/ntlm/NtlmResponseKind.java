package org.nta.app.ntlm;

/** The kind of challenge response in an AUTHENTICATE message. */
public enum NtlmResponseKind {
    /** NTLMv2: an NtChallengeResponse longer than 24 bytes (NTProofStr and blob); hashcat 5600. */
    NTLMV2("NTLMv2"),
    /** NTLMv1: a 24-byte NtChallengeResponse; hashcat 5500. */
    NTLMV1("NTLMv1"),
    /** NTLMv1 with extended session security (NTLM2 session response); hashcat 5500 reads it too. */
    NTLMV1_ESS("NTLMv1-ESS"),
    /** Only an LM response (very old clients). */
    LM("LM"),
    /** An anonymous (null session) logon: no user, no responses. */
    ANONYMOUS("anonymous"),
    /** A user but no usable response. */
    NONE("none");

    private final String label;

    NtlmResponseKind(String label) {
        this.label = label;
    }

    /** The name people and the Credential mechanism use: {@code NTLMv2}, {@code NTLMv1} … */
    public String label() {
        return label;
    }
}
