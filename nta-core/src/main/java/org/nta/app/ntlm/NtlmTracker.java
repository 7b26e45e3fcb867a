package org.nta.app.ntlm;

import org.nta.bytes.Bytes;

/**
 * Follows one connection's (or one security context's) NTLMSSP exchange: remembers the last CHALLENGE and pairs it
 * with the next AUTHENTICATE, which yields an {@link NtlmLogon} with its hashcat line. Constant memory.
 */
public final class NtlmTracker {
    private NtlmChallenge challenge;

    /** Records a CHALLENGE; the next AUTHENTICATE answers it. */
    public void onChallenge(NtlmChallenge c) {
        challenge = c;
    }

    /** The last CHALLENGE not yet answered, or null. */
    public NtlmChallenge pendingChallenge() {
        return challenge;
    }

    /** Pairs an AUTHENTICATE with the pending CHALLENGE (which it consumes). */
    public NtlmLogon onAuthenticate(NtlmAuthenticate a) {
        NtlmChallenge c = challenge;
        challenge = null;
        return pair(a, c);
    }

    /** Feeds any message: CHALLENGEs are kept, AUTHENTICATEs answered, NEGOTIATEs ignored. */
    public NtlmLogon onMessage(NtlmMessage m) {
        if (m instanceof NtlmChallenge c) onChallenge(c);
        else if (m instanceof NtlmAuthenticate a) return onAuthenticate(a);
        return null;
    }

    /** The logon an AUTHENTICATE makes with a CHALLENGE (null when not seen). */
    public static NtlmLogon pair(NtlmAuthenticate a, NtlmChallenge c) {
        NtlmResponseKind kind = a.responseKind();
        if (c == null) return new NtlmLogon(a, null, kind, 0, null);
        String chal = c.challengeHex();
        byte[] nt = a.ntResponse(), lm = a.lmResponse();
        return switch (kind) {
            case NTLMV2 -> new NtlmLogon(a, c, kind, 5600, a.user() + "::" + a.domain() + ":" + chal + ":"
                    + Bytes.hex(nt, 0, 16) + ":" + Bytes.hex(nt, 16, nt.length - 16));
            case NTLMV1, NTLMV1_ESS -> new NtlmLogon(a, c, kind, 5500, a.user() + "::" + a.domain() + ":"
                    + (lm.length == 24 ? Bytes.hex(lm) : Bytes.hex(nt)) + ":" + Bytes.hex(nt) + ":" + chal);
            default -> new NtlmLogon(a, c, kind, 0, null);
        };
    }
}
