package org.nta.app.ntlm;

import org.nta.bytes.Bytes;

/**
 * AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3): who logs on, and the responses to the server's challenge.
 *
 * @param lmResponse  LmChallengeResponse (a copy; empty when absent)
 * @param ntResponse  NtChallengeResponse (a copy; empty when absent)
 * @param domain      DomainName ("" when empty)
 * @param user        UserName ("" for an anonymous logon)
 * @param workstation Workstation ("" when empty)
 */
public record NtlmAuthenticate(long flags, byte[] lmResponse, byte[] ntResponse, String domain, String user,
                               String workstation, NtlmVersion version) implements NtlmMessage {
    @Override
    public int type() {
        return Ntlmssp.AUTHENTICATE;
    }

    /** Which response the client sent ([MS-NLMP] 3.3.1, 3.3.2, and 3.2.5.1.2 for anonymous). */
    public NtlmResponseKind responseKind() {
        int nt = ntResponse.length, lm = lmResponse.length;
        if (nt == 0 && (lm == 0 || (lm == 1 && lmResponse[0] == 0))) {
            return user.isEmpty() ? NtlmResponseKind.ANONYMOUS : NtlmResponseKind.NONE;
        }
        if (nt > 24) return NtlmResponseKind.NTLMV2;
        if (nt == 24) {
            boolean ess = (flags & Ntlmssp.NEGOTIATE_EXTENDED_SESSIONSECURITY) != 0 && lm == 24 && zero(lmResponse, 8, 24);
            return ess ? NtlmResponseKind.NTLMV1_ESS : NtlmResponseKind.NTLMV1;
        }
        if (nt == 0 && lm == 24) return NtlmResponseKind.LM;
        return NtlmResponseKind.NONE;
    }

    /** The first 16 bytes of an NTLMv2 response (NTProofStr) in hex, or null. */
    public String ntProofStrHex() {
        return ntResponse.length > 24 ? Bytes.hex(ntResponse, 0, 16) : null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
