package org.nta.app.ntlm;

import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.NtlmsspMessage;

/** Turns parsed NTLMSSP into the shared events, the same way for every carrier (HTTP, LDAP, SMB …). */
public final class NtlmEvents {
    private NtlmEvents() {}

    /** The {@link NtlmsspMessage} for a message carried by {@code carrier} on {@code frame}. */
    public static NtlmsspMessage message(ConnInfo conn, String carrier, NtlmMessage m, long frame, long timeNs) {
        String v = m.version() == null ? null : m.version().toString();
        if (m instanceof NtlmAuthenticate a) {
            return new NtlmsspMessage(conn, carrier, 3, a.user(), a.domain(), a.workstation(), null, v, a.ntProofStrHex(),
                    frame, timeNs);
        }
        if (m instanceof NtlmChallenge c) {
            return new NtlmsspMessage(conn, carrier, 2, null, null, null, c.challengeHex(), v, null, frame, timeNs);
        }
        return new NtlmsspMessage(conn, carrier, m.type(), null, null, null, null, v, null, frame, timeNs);
    }

    /**
     * The mechanism a Credential names for this logon: {@code NTLMv2}, {@code NTLMv1} (also with extended session
     * security), else {@code NTLM} (anonymous, LM only, no response).
     */
    public static String mechanism(NtlmLogon l) {
        return switch (l.kind()) {
            case NTLMV2 -> "NTLMv2";
            case NTLMV1, NTLMV1_ESS -> "NTLMv1";
            default -> "NTLM";
        };
    }

    /**
     * The credential of a logon, result unknown until the carrier learns it: a {@link Credential.Kind#HASH} with
     * the hashcat line when the challenge was seen, else a {@link Credential.Kind#TOKEN} without secret. The detail
     * names the response kind, the workstation and the client's Windows version.
     */
    public static Credential credential(ConnInfo conn, String protocol, NtlmLogon l, String detailPrefix, long frame,
                                        long timeNs) {
        NtlmAuthenticate a = l.auth();
        StringBuilder d = new StringBuilder();
        if (detailPrefix != null) d.append(detailPrefix).append("; ");
        d.append(l.kind().label());
        if (!a.workstation().isEmpty()) d.append("; workstation ").append(a.workstation());
        if (a.version() != null) d.append("; version ").append(a.version());
        if (l.challenge() == null && l.kind() != NtlmResponseKind.ANONYMOUS) d.append("; challenge not seen");
        boolean hash = l.hashcatLine() != null;
        return new Credential(conn, protocol, mechanism(l), a.user().isEmpty() ? null : a.user(),
                a.domain().isEmpty() ? null : a.domain(), hash ? Credential.Kind.HASH : Credential.Kind.TOKEN,
                l.hashcatLine(), Credential.Result.UNKNOWN, frame, timeNs, frame, timeNs, l.hashcatMode(), d.toString());
    }
}
