package org.nta.app.ntlm;

/** One parsed NTLMSSP message; {@link Ntlmssp#parse} makes them. */
public sealed interface NtlmMessage permits NtlmNegotiate, NtlmChallenge, NtlmAuthenticate {
    /** 1 NEGOTIATE, 2 CHALLENGE, 3 AUTHENTICATE (Wireshark's {@code ntlmssp.messagetype}). */
    int type();

    /** The NegotiateFlags (0 when an old AUTHENTICATE message carries none). */
    long flags();

    /** The sender's version when the message carries one, else null. */
    NtlmVersion version();

    default boolean hasFlag(long flag) {
        return (flags() & flag) != 0;
    }
}
