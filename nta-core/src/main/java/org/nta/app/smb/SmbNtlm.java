package org.nta.app.smb;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nta.app.gss.Spnego;
import org.nta.app.ntlm.NtlmAuthenticate;
import org.nta.app.ntlm.NtlmChallenge;
import org.nta.app.ntlm.NtlmException;
import org.nta.app.ntlm.NtlmLogon;
import org.nta.app.ntlm.NtlmMessage;
import org.nta.app.ntlm.NtlmTracker;
import org.nta.app.ntlm.Ntlmssp;
import org.nta.bytes.Anomaly;
import org.nta.event.Credential;
import org.nta.event.NtlmAuthentication;

/**
 * The NTLMSSP exchanges of one SMB connection's session setups: the server's CHALLENGE is paired with the client's
 * AUTHENTICATE of the same session (SMB2 SessionId; SMB1 has one exchange at a time), which yields an
 * {@link NtlmAuthentication} on the request's frame and, once the server has answered, a {@link Credential} with the
 * NetNTLMv2/v1 hashcat line and the result.
 */
final class SmbNtlm {
    private final SmbState s;
    private final Map<Long, NtlmTracker> trackers = new LinkedHashMap<>();

    SmbNtlm(SmbState s) {
        this.s = s;
    }

    private static String carrier(SmbState.Pending q) {
        return q.version == 1 ? "smb" : "smb2";
    }

    private NtlmTracker tracker(long session) {
        NtlmTracker t = trackers.get(session);
        if (t == null) {
            if (trackers.size() >= s.config.maxOpenFiles()) trackers.remove(trackers.keySet().iterator().next());
            t = new NtlmTracker();
            trackers.put(session, t);
        }
        return t;
    }

    private NtlmMessage parse(byte[] b, int off, int len, long frame) {
        int[] at = Spnego.ntlmssp(b, off, len);
        if (at == null) return null;
        try {
            return Ntlmssp.parse(b, at[0], at[1]);
        } catch (NtlmException e) {
            s.anomalies.add(Anomaly.SMB_NTLMSSP_MALFORMED, frame);
            return null;
        }
    }

    /** A session setup response's blob: keeps a CHALLENGE. */
    void challenge(long session, byte[] b, int off, int len, long frame) {
        if (parse(b, off, len, frame) instanceof NtlmChallenge c) tracker(session).onChallenge(c);
    }

    /** A session setup request's blob: returns {@code DOMAIN\\user} of an AUTHENTICATE, or null. */
    String authenticate(long session, byte[] b, int off, int len, SmbState.Pending q, long frame, long timeNs) {
        if (!(parse(b, off, len, frame) instanceof NtlmAuthenticate a)) return null;
        NtlmTracker t = trackers.get(session);
        NtlmLogon logon = t != null ? t.onAuthenticate(a) : NtlmTracker.pair(a, null);
        q.logon = logon;
        s.emit(new NtlmAuthentication(frame, timeNs, s.conn, carrier(q), a.user(), a.domain(), a.workstation(),
                a.version() == null ? null : a.version().toString(), logon.mechanism()));
        return a.domain().isEmpty() ? a.user() : a.domain() + "\\" + a.user();
    }

    /** The server answered a session setup: the logon it carried becomes a {@link Credential}. */
    void result(long status, SmbState.Pending q, long frame, long timeNs) {
        NtlmLogon logon = q.logon;
        if (logon == null || status == Smb2Parser.MORE_PROCESSING) return;
        q.logon = null;
        Credential.Result r = status < 0 ? Credential.Result.UNKNOWN
                : status == 0 ? Credential.Result.ACCEPTED : Credential.Result.REJECTED;
        s.emit(new Credential(s.conn, carrier(q), logon.mechanism(), logon.user(), logon.domain(), Credential.Kind.HASH,
                logon.hashcatLine(), r, q.frame, q.timeNs, status < 0 ? q.frame : frame, status < 0 ? q.timeNs : timeNs,
                logon.hashcatMode(), SmbNames.status(status)));
    }
}
