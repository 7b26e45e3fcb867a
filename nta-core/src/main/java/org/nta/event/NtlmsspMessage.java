package org.nta.event;

import java.util.Objects;

/**
 * One NTLMSSP message seen inside another protocol (HTTP, LDAP, SMB …), on the frame Wireshark shows it on: what the
 * {@code ntlmssp.*} display-filter fields read. The credential it makes is a separate {@link Credential}.
 *
 * @param carrier         the carrying protocol's filter name ({@code http}, {@code ldap}, {@code smb2} …)
 * @param messageType     1 NEGOTIATE, 2 CHALLENGE, 3 AUTHENTICATE
 * @param user            AUTHENTICATE's user name, else null
 * @param domain          AUTHENTICATE's domain, else null
 * @param host            AUTHENTICATE's workstation, else null
 * @param serverChallenge CHALLENGE's 8 bytes in hex, else null
 * @param version         the message's VERSION ({@code 10.0.19041}), or null
 * @param ntProofStr      an NTLMv2 AUTHENTICATE's NTProofStr in hex, else null
 */
public record NtlmsspMessage(ConnInfo conn, String carrier, int messageType, String user, String domain, String host,
                             String serverChallenge, String version, String ntProofStr, long frame, long timeNs)
        implements Event {
    public NtlmsspMessage {
        Objects.requireNonNull(conn);
        Objects.requireNonNull(carrier);
    }
}
