package org.nta.app.ntlm;

import org.nta.bytes.Bytes;

/**
 * CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2): the server's 8-byte challenge and its names.
 *
 * @param serverChallenge the 8 bytes (a copy)
 * @param targetName      the TargetName field (domain or server), or null when empty
 * @param nbComputerName  MsvAvNbComputerName from the TargetInfo, or null
 * @param nbDomainName    MsvAvNbDomainName, or null
 * @param dnsComputerName MsvAvDnsComputerName, or null
 * @param dnsDomainName   MsvAvDnsDomainName, or null
 */
public record NtlmChallenge(long flags, byte[] serverChallenge, String targetName, NtlmVersion version,
                            String nbComputerName, String nbDomainName, String dnsComputerName, String dnsDomainName)
        implements NtlmMessage {
    @Override
    public int type() {
        return Ntlmssp.CHALLENGE;
    }

    /** The challenge in lower-case hex ({@code ntlmssp.ntlmserverchallenge}). */
    public String challengeHex() {
        return Bytes.hex(serverChallenge);
    }
}
