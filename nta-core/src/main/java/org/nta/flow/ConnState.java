package org.nta.flow;

import static org.nta.flow.TcpSide.*;

/**
 * Zeek's {@code conn_state} codes (base/protocols/conn/main.zeek) from the two endpoint states. The
 * originator is the side that sent the first SYN (or A when no SYN was seen).
 */
public final class ConnState {
    private ConnState() {}

    static String of(Flow f) {
        TcpSide o = f.origIsB ? f.tcpB : f.tcpA;
        TcpSide r = f.origIsB ? f.tcpA : f.tcpB;
        int os = o.state, rs = r.state;
        boolean oInactive = os == INACTIVE || os == PARTIAL;
        boolean rInactive = rs == INACTIVE || rs == PARTIAL;
        if (rs == RESET) {
            if (os == SYN_SENT || os == SYN_ACK_SENT || (os == RESET && o.size == 0 && r.size == 0)) return "REJ";
            return oInactive ? "RSTRH" : "RSTR";
        }
        if (os == RESET) {
            if (rInactive) return synThenResetOnly(f) ? "RSTOS0" : "OTH";
            return "RSTO";
        }
        if (rs == CLOSED && os == CLOSED) return "SF";
        if (os == CLOSED) return rInactive ? "SH" : "S2";
        if (rs == CLOSED) return oInactive ? "SHR" : "S3";
        if (os == SYN_SENT && rs == INACTIVE) return "S0";
        if (os == ESTABLISHED && rs == ESTABLISHED) return "S1";
        return "OTH";
    }

    /** Zeek's {@code /^\^?S[^HAFGIQ]* R.* /}: the originator's SYN, then its RST with no handshake letters between. */
    private static boolean synThenResetOnly(Flow f) {
        String h = f.origIsB ? swapCase(f.history()) : f.history();
        if (h.isEmpty() || h.charAt(0) != 'S') return false;
        for (int i = 1; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == 'R') return true;
            if ("HAFGIQ".indexOf(c) >= 0) return false;
        }
        return false;
    }

    private static String swapCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        return sb.toString();
    }
}
