package org.nta.app.dcerpc;

import java.util.function.Consumer;

import org.nta.app.gss.Spnego;
import org.nta.app.ntlm.NtlmAuthenticate;
import org.nta.app.ntlm.NtlmEvents;
import org.nta.app.ntlm.NtlmException;
import org.nta.app.ntlm.NtlmMessage;
import org.nta.app.ntlm.NtlmTracker;
import org.nta.app.ntlm.Ntlmssp;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;

/**
 * The auth_value of a conversation's bind, bind_ack, alter_context and auth3 PDUs ([MS-RPCE] 2.2.2.11) when it is
 * NTLMSSP (auth_type 10) or SPNEGO wrapping it (9): each message becomes an NtlmsspMessage, and the AUTHENTICATE,
 * paired with the server's CHALLENGE, a Credential (carrier {@code dcerpc}). An RPC logon has no answer of its own:
 * the credential is held until the conversation's next response (accepted), a fault {@code nca_s_fault_access_denied}
 * or a bind_nak (rejected), or its end (unknown).
 */
final class DceRpcAuth {
    static final int SPNEGO = 9, NTLMSSP = 10;
    private final ConnInfo conn;
    private final AnomalyCounter anomalies;
    private final Consumer<? super Event> sink;
    private final NtlmTracker tracker = new NtlmTracker();
    private Credential pending;

    DceRpcAuth(ConnInfo conn, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.conn = conn;
        this.anomalies = anomalies;
        this.sink = sink;
    }

    void token(int authType, byte[] b, int off, int len, String carrier, long frame, long timeNs) {
        if (authType != NTLMSSP && authType != SPNEGO || len <= 0) return;
        int[] at = Spnego.ntlmssp(b, off, len);
        if (at == null) return;
        NtlmMessage m;
        try {
            m = Ntlmssp.parse(b, at[0], at[1]);
        } catch (NtlmException e) {
            anomalies.add(Anomaly.NTLMSSP_MALFORMED, frame);
            return;
        }
        sink.accept(NtlmEvents.message(conn, "dcerpc", m, frame, timeNs));
        if (m instanceof NtlmAuthenticate a) {
            settle(Credential.Result.UNKNOWN, -1, 0, null);
            pending = NtlmEvents.credential(conn, "dcerpc", tracker.onAuthenticate(a), carrier, frame, timeNs);
        } else {
            tracker.onMessage(m);
        }
    }

    /** The server answered after the logon: {@code result} with the frame that showed it (-1: none). */
    void settle(Credential.Result result, long frame, long timeNs, String detail) {
        Credential c = pending;
        if (c == null) return;
        pending = null;
        sink.accept(frame < 0 ? c : new Credential(c.conn(), c.protocol(), c.mechanism(), c.user(), c.domain(), c.kind(),
                c.secret(), result, c.secretFrame(), c.secretTimeNs(), frame, timeNs, c.hashcatMode(),
                detail == null ? c.detail() : c.detail() + "; " + detail));
    }

    boolean waiting() {
        return pending != null;
    }
}
