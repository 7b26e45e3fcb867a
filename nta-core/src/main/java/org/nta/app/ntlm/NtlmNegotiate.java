package org.nta.app.ntlm;

/** NEGOTIATE_MESSAGE ([MS-NLMP] 2.2.1.1): the client's offer; the domain and workstation are rarely filled in. */
public record NtlmNegotiate(long flags, String domain, String workstation, NtlmVersion version) implements NtlmMessage {
    @Override
    public int type() {
        return Ntlmssp.NEGOTIATE;
    }
}
