package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;

/**
 * Joins what the c2 detectors found with each other and with the other families, once every finding is in:
 * an upload to a host already seen attacking the sender (any family) is data leaving to the attacker (high); a
 * payload download followed by a beacon from the same host to the server or name it came from is the payload
 * running (both high; a beacon elsewhere, say a chat client polling after a software update, is not joined); a beacon to a host
 * that attacked the client is a command channel (high). Upload candidates that nothing raised are dropped.
 */
public final class C2Correlation {
    /** A beacon starting this long after a download at most is what the download did. */
    static final long FOLLOW_NS = 3600L * 1_000_000_000L;

    private C2Correlation() {}

    public static List<Finding> apply(List<Finding> findings) {
        Map<String, Set<String>> attackersOf = new HashMap<>();
        Set<String> attackers = new HashSet<>();
        for (Finding f : findings) {
            // a beacon names its server as the attacker: were it counted here, every beacon would raise itself as
            // "a beacon to a host that attacked the client" (a beacon alone to an unknown destination is suspicious)
            if (f.attacker() == null || f.victim() == null || !f.severity().atLeast(Severity.MEDIUM) || f.type() == FindingType.EXFILTRATION
                    || f.type() == FindingType.BEACON) continue;
            attackersOf.computeIfAbsent(f.victim(), k -> new HashSet<>()).add(f.attacker());
            attackers.add(f.attacker());
        }
        List<Finding> beacons = new ArrayList<>(), deliveries = new ArrayList<>();
        for (Finding f : findings) {
            if (f.type() == FindingType.BEACON) beacons.add(f);
            if (f.type() == FindingType.PAYLOAD_DELIVERY) deliveries.add(f);
        }
        Map<Finding, Finding> replaced = new HashMap<>();
        // what a payload did next
        for (Finding d : deliveries) {
            Finding next = null;
            for (Finding b : beacons) {
                if (!d.victim().equals(b.victim()) || !sameServer(d, b)) continue;
                // the beacon goes on after the download (it may have begun with the dropper's own fetches)
                long dt = b.firstTimeNs() - d.firstTimeNs();
                if (b.lastTimeNs() <= d.lastTimeNs() || dt > FOLLOW_NS) continue;
                if (next == null || b.firstTimeNs() < next.firstTimeNs()) next = b;
            }
            if (next == null) continue;
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("finding", next.type().id());
            after.put("destination", next.evidence().get("destination"));
            after.put("first_frame", next.firstFrame());
            after.put("seconds_after", RobustStats.round3(Math.max(0, next.firstTimeNs() - d.firstTimeNs()) / 1e9));
            long later = next.firstTimeNs() - d.firstTimeNs();
            replaced.put(d, with(d, Severity.HIGH, d.attacker() != null ? d.attacker() : server(d), Boolean.TRUE,
                    d.summary() + (later >= 0 ? "; a beacon started " + Math.round(later / 1e9) + " s later" : "; a beacon went on after it"),
                    Map.of("followed_by", after)));
            if (replaced.containsKey(next)) continue; // the beacon names its first download only
            Finding b = next;
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("finding", d.type().id());
            before.put("file", d.evidence().get("file"));
            before.put("sha256", d.evidence().get("sha256"));
            before.put("frame", d.lastFrame());
            String attacker = b.attacker() != null ? b.attacker() : firstServer(b);
            replaced.put(next, with(b, Severity.HIGH, attacker, Boolean.TRUE,
                    b.summary() + "; it started after a payload download (frame " + d.lastFrame() + ")", Map.of("after_delivery", before)));
        }
        // a beacon to a server with a suspicious certificate, from a client dressed as a browser
        for (Finding b : beacons) {
            Finding cur = replaced.getOrDefault(b, b);
            Finding raised = TlsSignals.raise(cur, findings);
            if (raised != cur) replaced.put(b, raised);
        }
        // a second channel from the same host to the server of a command channel already judged suspicious or worse
        // (an implant that also keeps a UDP socket or a fallback connection to its C2) is that C2's as well
        Map<String, Map<String, Finding>> c2Of = new HashMap<>();
        for (Finding b : beacons) {
            Finding cur = replaced.getOrDefault(b, b);
            String dest = firstServer(cur);
            if (dest == null || !cur.severity().atLeast(Severity.MEDIUM) || "dns_query".equals(cur.evidence().get("destination_kind"))) continue;
            c2Of.computeIfAbsent(cur.victim(), k -> new HashMap<>()).merge(dest, cur, (x, y) -> x.severity().atLeast(y.severity()) ? x : y);
        }
        for (Finding b : beacons) {
            Finding cur = replaced.getOrDefault(b, b);
            String dest = firstServer(cur);
            if (dest == null || cur.severity().atLeast(Severity.MEDIUM) || "dns_query".equals(cur.evidence().get("destination_kind"))) continue;
            Finding other = c2Of.getOrDefault(cur.victim(), Map.of()).get(dest);
            if (other == null) continue;
            replaced.put(b, with(cur, other.severity(), dest, cur.succeeded(), cur.summary() + "; its server is the one of another command channel from "
                    + cur.victim() + " (frames " + other.firstFrame() + "–" + other.lastFrame() + ")", Map.of("same_server_as_frame", other.firstFrame())));
        }
        // a beacon to a host that attacked the client
        for (Finding b : beacons) {
            Finding cur = replaced.getOrDefault(b, b);
            String dest = firstServer(cur);
            if (dest == null || cur.severity().atLeast(Severity.HIGH)) continue;
            if (attackersOf.getOrDefault(cur.victim(), Set.of()).contains(dest)) {
                replaced.put(b, with(cur, Severity.HIGH, dest, Boolean.TRUE, cur.summary() + "; the destination attacked this host",
                        Map.of("known_attacker", true)));
            }
        }
        // what the joins above raised names an attacker too (a payload server whose beacon followed), and so does a
        // suspicious beacon's server for the data sent to it
        List<Finding> named = new ArrayList<>(replaced.values());
        for (Finding b : beacons) named.add(replaced.getOrDefault(b, b));
        for (Finding f : named) {
            if (f.attacker() == null || f.victim() == null || !f.severity().atLeast(Severity.MEDIUM)) continue;
            attackersOf.computeIfAbsent(f.victim(), k -> new HashSet<>()).add(f.attacker());
            attackers.add(f.attacker());
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding cur = replaced.getOrDefault(f, f);
            if (cur.type() == FindingType.EXFILTRATION) {
                String dest = server(cur);
                boolean known = dest != null && (attackersOf.getOrDefault(cur.victim(), Set.of()).contains(dest) || attackers.contains(dest));
                if (known) {
                    cur = with(cur, cur.severity().atLeast(Severity.HIGH) ? cur.severity() : Severity.HIGH, dest, Boolean.TRUE,
                            cur.summary() + " — a host already seen attacking", knownAttacker());
                } else if (Boolean.TRUE.equals(cur.evidence().get("candidate"))) {
                    continue;
                }
            }
            out.add(cur);
        }
        return out;
    }

    /**
     * Whether the beacon goes where the download came from: one of its server addresses is the delivery's, or the
     * name it is keyed by is the delivery's Host.
     */
    static boolean sameServer(Finding delivery, Finding beacon) {
        String server = server(delivery);
        if (server != null && beacon.evidence().get("server_addresses") instanceof List<?> l && l.contains(server)) return true;
        String dest = beacon.evidence().get("destination") instanceof String s ? s : null;
        if (dest == null) return false;
        return delivery.evidence().get("host") instanceof String host && host.equalsIgnoreCase(dest);
    }

    /** The server address of an exfiltration or delivery finding. */
    static String server(Finding f) {
        return f.evidence().get("server_address") instanceof String s ? s : f.attacker();
    }

    private static String firstServer(Finding b) {
        if (b.evidence().get("server_addresses") instanceof List<?> l && !l.isEmpty()) return String.valueOf(l.get(0));
        return b.attacker();
    }

    /** In this order (Map.of's order changes from run to run, and the JSON must not). */
    private static Map<String, Object> knownAttacker() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("known_attacker", true);
        m.put("candidate", false);
        return m;
    }

    private static Finding with(Finding f, Severity sev, String attacker, Boolean succeeded, String summary, Map<String, Object> extra) {
        Map<String, Object> ev = new LinkedHashMap<>(f.evidence());
        ev.putAll(extra);
        return new Finding(f.type(), sev, f.phase(), attacker, f.victim(), f.firstFrame(), f.lastFrame(), f.firstTimeNs(),
                f.lastTimeNs(), f.streams(), f.filter(), summary, succeeded, f.techniques(), ev, f.streamCount());
    }
}
