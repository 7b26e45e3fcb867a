package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;

/**
 * What the TLS findings add to a beacon from the same client to the same server: a suspicious certificate from the
 * server, a client dressed as a browser. Each raises the beacon one step, low to medium to high (an unknown
 * destination that hides behind a throw-away certificate or a borrowed User-Agent is no monitoring job; a periodic
 * channel with both is a command channel, whatever its destination's address).
 */
final class TlsSignals {
    private TlsSignals() {}

    /** The beacon raised by what {@code findings} say about its server and client, or {@code b} itself. */
    static Finding raise(Finding b, List<Finding> findings) {
        Map<String, Object> extra = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        for (Finding f : findings) {
            if (f.type() == FindingType.SUSPICIOUS_CERTIFICATE && !extra.containsKey("suspicious_certificate") && certificateOf(f, b)) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("frame", f.firstFrame());
                c.put("subject", f.evidence().get("subject"));
                c.put("sha256", f.evidence().get("sha256"));
                c.put("signals", f.evidence().get("signals"));
                extra.put("suspicious_certificate", c);
                why.add("its server presented a suspicious certificate (" + String.join(", ", strings(f.evidence().get("signals"))) + ")");
            } else if (f.type() == FindingType.CLIENT_IMPERSONATION && !extra.containsKey("client_impersonation") && impersonationOf(f, b)) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("claimed_browser", f.evidence().get("claimed_browser"));
                c.put("user_agent_frame", f.evidence().get("user_agent_frame"));
                c.put("contradictions", f.evidence().get("contradictions"));
                extra.put("client_impersonation", c);
                why.add("its client claims to be " + f.evidence().get("claimed_browser") + " but is not");
            }
        }
        if (extra.isEmpty()) return b;
        // sizes alone prove nothing (a chat client's message after a push looks alike), but beside a lie they are the
        // channel at work: an answer of another size, then the client sending several times its usual
        Boolean succeeded = b.succeeded();
        int steps = extra.size();
        if (b.evidence().get("orders_by_size") instanceof List<?> pairs && !pairs.isEmpty() && pairs.get(0) instanceof Map<?, ?> p) {
            steps++;
            succeeded = Boolean.TRUE;
            why.add("an answer of " + p.get("order_bytes") + " bytes instead of " + p.get("idle_bytes") + " (frame " + p.get("order_frame")
                    + ") was followed by " + p.get("result_bytes") + " bytes from the client (frame " + p.get("result_frame")
                    + "): an order and its result, by their sizes");
        }
        Severity sev = b.severity();
        for (int i = 0; i < steps; i++) {
            if (sev == Severity.INFO || sev == Severity.LOW) sev = Severity.MEDIUM;
            else if (sev == Severity.MEDIUM) sev = Severity.HIGH;
        }
        String attacker = b.attacker() != null ? b.attacker() : servers(b).isEmpty() ? null : servers(b).get(0);
        Map<String, Object> ev = new LinkedHashMap<>(b.evidence());
        ev.putAll(extra);
        return new Finding(b.type(), sev, b.phase(), attacker, b.victim(), b.firstFrame(), b.lastFrame(), b.firstTimeNs(),
                b.lastTimeNs(), b.streams(), b.filter(), b.summary() + "; " + String.join("; ", why), succeeded,
                b.techniques(), ev, b.streamCount());
    }

    /** The certificate came from the beacon's server (address, or the name the client asked for) to its client. */
    static boolean certificateOf(Finding cert, Finding beacon) {
        if (!strings(cert.evidence().get("clients")).contains(beacon.victim())) return false;
        Object server = cert.evidence().get("server");
        if (servers(beacon).contains(server)) return true;
        String dest = beacon.evidence().get("destination") instanceof String s ? s : "";
        return strings(cert.evidence().get("server_names")).contains(dest.toLowerCase(java.util.Locale.ROOT));
    }

    static boolean impersonationOf(Finding imp, Finding beacon) {
        if (!String.valueOf(imp.evidence().get("client")).equals(beacon.victim())) return false;
        String d = String.valueOf(imp.evidence().get("destination"));
        String dest = beacon.evidence().get("destination") instanceof String s ? s : "";
        return servers(beacon).contains(d) || dest.equalsIgnoreCase(d);
    }

    private static List<String> servers(Finding b) {
        return strings(b.evidence().get("server_addresses"));
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object x : l) out.add(String.valueOf(x));
        return out;
    }
}
