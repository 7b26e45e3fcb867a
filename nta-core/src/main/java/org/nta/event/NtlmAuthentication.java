package org.nta.event;

/**
 * An NTLMSSP AUTHENTICATE message, wherever it was carried (SMB session setup, HTTP, LDAP, DCE/RPC …), on the frame
 * that carried it: who logged on from which workstation, and the client's Windows version when it sent one. Its
 * result and hashcat line follow in a {@link Credential}.
 *
 * @param carrier     display-filter name of the protocol that carried it ({@code smb2}, {@code smb}, {@code http} …)
 * @param user        UserName ("" for an anonymous logon)
 * @param domain      DomainName ("" when empty)
 * @param workstation Workstation ("" when empty)
 * @param version     the VERSION field as Wireshark shows it ({@code 10.0 (build 19041)}), or null when absent
 * @param kind        the response kind: {@code NTLMv2}, {@code NTLMv1}, {@code NTLMv1-ESS}, {@code LM},
 *                    {@code anonymous}, {@code none}
 */
public record NtlmAuthentication(long frame, long timeNs, ConnInfo conn, String carrier, String user, String domain,
                                 String workstation, String version, String kind) implements Event {
}
