package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;

/**
 * A scored beacon as a finding. Severity comes from what the capture shows: an internal destination, or one that
 * many clients use, or a browser's requests make ordinary periodic software (low); otherwise a beacon to an unknown
 * destination is suspicious (medium), and one whose answers carried orders followed by results is an established
 * command channel (high).
 */
final class BeaconFindings {
    /** Frames listed in the filter one by one up to this many; beyond, the filter selects the connections' SYNs. */
    private static final int MAX_FILTER_FRAMES = 256;

    private BeaconFindings() {}

    static Finding finding(BeaconScore.Scored sc, BeaconDetector d, BeaconConfig config) {
        BeaconSeries s = sc.series();
        Contacts c = sc.contacts();
        int n = c.size;
        List<String> signals = new ArrayList<>();
        boolean internalDest = !s.servers.isEmpty();
        for (String a : s.servers) internalDest &= Hosts.internal(a);
        int clients = s.kind == BeaconSeries.Kind.DNS_QUERY ? d.askers(s.destination) : d.clients(s.destination);
        boolean popular = clients >= config.popularClients();
        boolean http = s.kind == BeaconSeries.Kind.HTTP_HOST;
        boolean browserOnly = http && s.requests > 0 && s.browser == s.requests;
        boolean bare = http && Hosts.bareAddress(s.destination) || s.kind == BeaconSeries.Kind.ADDRESS;
        String clientKind = !http ? "unknown" : browserOnly ? "browser" : s.scripted > 0 || s.notBrowserShaped > 0 ? "scripted"
                : s.noUa > 0 ? "none" : "other";
        // orders and results: answers that differ from the usual idle answer, then requests carrying a body
        long idle = mode(c.in, n);
        int tasks = 0, results = 0, firstTask = -1;
        for (int i = 0; i < n; i++) {
            if (c.in[i] > 0 && c.in[i] != idle) {
                tasks++;
                if (firstTask < 0) firstTask = i;
            }
            if (http && c.out[i] > 0 && firstTask >= 0 && i >= firstTask) results++;
        }
        boolean dnsPoll = s.kind == BeaconSeries.Kind.DNS_QUERY;
        DnsPollSignals.Judged dns = dnsPoll ? DnsPollSignals.judge(s, d, config, clients) : null;
        boolean channel = dnsPoll ? dns.channel() : http && tasks > 0 && results > 0;
        // UDP: all contacts inside one flow (one socket kept open) of small constant datagrams is a keep-alive's
        // rhythm; NTP-sized exchanges (48 bytes, up to 72 with a MAC) to port 123 are a time client's polls
        boolean udp = s.transport.equals("udp");
        java.util.Set<Integer> sessions = new java.util.HashSet<>();
        for (int i = 0; i < n && sessions.size() < 2; i++) sessions.add(c.stream[i]);
        boolean oneSession = !dnsPoll && !http && sessions.size() == 1;
        long medianOut = median(c.out, n), medianIn = median(c.in, n);
        boolean keepAlive = oneSession && medianOut <= 64 && medianIn <= 64 && sc.sizeMadm() >= 0.9;
        boolean ntpShape = udp && s.port == 123 && medianOut >= 48 && medianOut <= 72 && medianIn >= 48 && medianIn <= 72;
        Severity sev;
        if (dnsPoll) {
            signals.addAll(dns.signals());
            sev = dns.severity();
        } else {
            if (internalDest) signals.add("internal destination");
            else signals.add("external destination");
            if (popular) signals.add("destination used by " + clients + " or more clients");
            if (browserOnly) signals.add("browser requests");
            if (http && s.scripted > 0) signals.add("scripted client");
            if (http && s.noUa > 0) signals.add("no User-Agent");
            if (http && s.notBrowserShaped > 0) signals.add(s.notBrowserShaped + " requests with a browser's User-Agent but not a browser's headers (no Accept-Language or compressed Accept-Encoding)");
            if (http && Hosts.bareAddress(s.destination)) signals.add("host is a bare address");
            if (channel) signals.add("answers carried data followed by requests with bodies");
            if (oneSession) signals.add(udp ? "all contacts inside one UDP flow" : "all contacts inside one TCP connection");
            if (keepAlive) signals.add(udp ? "small datagrams of constant size (a keep-alive's shape)" : "small payloads of constant size (a keep-alive's shape)");
            if (ntpShape) signals.add("NTP-sized exchanges with port 123 (a time client's polls)");
            if (internalDest || popular || browserOnly && !channel || keepAlive || ntpShape) {
                sev = Severity.LOW;
            } else {
                sev = channel ? Severity.HIGH : Severity.MEDIUM;
            }
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", s.client);
        ev.put("destination", s.kind == BeaconSeries.Kind.ADDRESS ? s.destination + ":" + s.port : s.destination);
        ev.put("destination_kind", s.kind.id);
        ev.put("server_addresses", new ArrayList<>(s.servers));
        ev.put("port", s.port);
        ev.put("transport", s.transport);
        ev.put("score", RobustStats.round3(sc.score()));
        ev.put("interval_skew_score", RobustStats.round3(sc.intervalSkew()));
        ev.put("interval_madm_score", RobustStats.round3(sc.intervalMadm()));
        ev.put("interval_bounded_score", RobustStats.round3(sc.intervalBounded()));
        ev.put("size_skew_score", RobustStats.round3(sc.sizeSkew()));
        ev.put("size_madm_score", RobustStats.round3(sc.sizeMadm()));
        ev.put("coverage_score", RobustStats.round3(sc.coverage()));
        ev.put("duration_score", RobustStats.round3(sc.duration()));
        ev.put("period_s", RobustStats.round3(sc.periodSec()));
        ev.put("jitter_pct", Math.round(sc.jitter() * 100));
        ev.put("contacts", n);
        ev.put("duration_s", RobustStats.round3((c.time[n - 1] - c.time[0]) / 1e9));
        ev.put("first_frame", c.frame[0]);
        ev.put("last_frame", c.frame[n - 1]);
        long out = 0, in = 0;
        for (int i = 0; i < n; i++) {
            out += c.out[i];
            in += c.in[i];
        }
        ev.put("bytes_out", out);
        ev.put("bytes_in", in);
        ev.put("median_size", (long) sc.medianSize());
        ev.put("clients_of_destination", clients);
        ev.put("client_kind", clientKind);
        if (http) {
            ev.put("requests", s.requests);
            ev.put("methods", new ArrayList<>(s.methods));
            ev.put("uris", new ArrayList<>(s.uris));
            ev.put("user_agents", new ArrayList<>(s.userAgents));
            ev.put("orders", samples(s.answers, idle));
            ev.put("results", samples(s.bodies, -1));
        }
        if (dnsPoll) ev.putAll(dns.evidence());
        if (!http && !dnsPoll) {
            List<Map<String, Object>> bySize = ordersBySize(c, n);
            if (!bySize.isEmpty()) ev.put("orders_by_size", bySize);
        }
        ev.put("signals", signals);
        if (s.droppedContacts > 0) ev.put("contacts_not_kept", s.droppedContacts);
        StreamSet streams = new StreamSet();
        List<Long> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            streams.add(c.stream[i]);
            frames.add(c.frame[i]);
        }
        String filter;
        if (n <= MAX_FILTER_FRAMES) {
            filter = Filters.frameSet(frames);
        } else if (dnsPoll) {
            filter = Filters.and(Filters.src(s.client), "dns.flags.response == 0", "dns.qry.name contains " + Filters.quote(s.destination),
                    Filters.frames(c.frame[0], c.frame[n - 1]));
        } else if (http) {
            filter = Filters.and(Filters.src(s.client), "http.request", "http.host contains " + Filters.quote(s.destination),
                    Filters.frames(c.frame[0], c.frame[n - 1]));
        } else {
            filter = Filters.and(Filters.src(s.client), s.transport.equals("tcp") ? "tcp.flags.syn == 1 && tcp.flags.ack == 0" : "udp",
                    s.transport + ".dstport == " + s.port, Filters.frames(c.frame[0], c.frame[n - 1]));
        }
        String inOne = udp ? "exchanges in one UDP flow with " : "exchanges in one TCP connection with ";
        String what = switch (s.kind) {
            case HTTP_HOST -> "HTTP requests to " + s.destination;
            case TLS_SNI -> (oneSession ? "exchanges in one TLS connection with " : "TLS connections to ") + s.destination;
            case DNS_NAME -> (oneSession ? inOne : "connections to ") + s.destination + " (" + String.join(", ", s.servers) + ")";
            case ADDRESS -> (oneSession ? inOne : udp ? "UDP exchanges with " : "TCP connections to ") + s.destination + ":" + s.port;
            case DNS_QUERY -> "DNS lookups under " + s.destination + " (through " + String.join(", ", s.servers) + ")";
        };
        String summary = String.format(java.util.Locale.ROOT, "%s beacons: %d %s every %ss (±%d%%) for %s, score %.2f%s",
                s.client, n, what, trim(sc.periodSec()), Math.round(sc.jitter() * 100), span((c.time[n - 1] - c.time[0]) / 1e9),
                sc.score(), sev == Severity.LOW ? " (" + String.join(", ", signals) + ")" : channel ? "; its answers carried orders and results went back" : "");
        List<String> tech = new ArrayList<>();
        if (dnsPoll) tech.add("T1071.004");
        else if (http) tech.add("T1071.001");
        else if (s.kind == BeaconSeries.Kind.TLS_SNI || s.port == 443) tech.add("T1573");
        else tech.add("T1071");
        // ordinary periodic software is an observation, not an attacker's channel
        String attacker = dnsPoll ? dns.attacker() : sev == Severity.LOW || s.servers.isEmpty() ? null : s.servers.first();
        return new Finding(FindingType.BEACON, sev, Phase.COMMAND_AND_CONTROL, attacker,
                s.client, c.frame[0], c.frame[n - 1], c.time[0], c.time[n - 1], streams, filter, summary,
                channel ? Boolean.TRUE : null, tech, ev);
    }

    private static List<Map<String, Object>> samples(Map<Long, BeaconSeries.Sample> m, long skip) {
        List<Map<String, Object>> out = new ArrayList<>();
        TreeSet<Long> frames = new TreeSet<>();
        for (Map.Entry<Long, BeaconSeries.Sample> e : m.entrySet()) {
            if (e.getKey() == skip || out.size() >= 8) continue;
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("frame", e.getValue().frame());
            x.put("bytes", e.getKey());
            x.put("text", e.getValue().text());
            out.add(x);
            frames.add(e.getValue().frame());
        }
        out.sort((a, b) -> Long.compare((Long) a.get("frame"), (Long) b.get("frame")));
        return out;
    }

    /**
     * Orders and results told by their sizes alone, for channels whose content cannot be read (TLS, unknown
     * protocols): most answers have one size (the idle answer, at least 60% of them), one is larger (an order), and
     * within the next three contacts the client sends at least four times its median and 512 bytes more (the
     * result). Up to four such pairs; empty when the answers have no usual size.
     */
    static List<Map<String, Object>> ordersBySize(Contacts c, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        long idle = mode(c.in, n);
        int usual = 0;
        for (int i = 0; i < n; i++) if (c.in[i] == idle) usual++;
        if (usual * 10 < n * 6) return out;
        long medOut = median(c.out, n);
        for (int i = 0; i < n && out.size() < 4; i++) {
            if (c.in[i] <= idle) continue;
            for (int j = i + 1; j <= i + 3 && j < n; j++) {
                if (c.out[j] >= 4 * medOut && c.out[j] - medOut >= 512) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("order_frame", c.frame[i]);
                    m.put("order_bytes", c.in[i]);
                    m.put("idle_bytes", idle);
                    m.put("result_frame", c.frame[j]);
                    m.put("result_bytes", c.out[j]);
                    m.put("usual_bytes", medOut);
                    out.add(m);
                    i = j;
                    break;
                }
            }
        }
        return out;
    }

    private static long median(long[] v, int n) {
        long[] c = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(c);
        return n == 0 ? 0 : c[(n - 1) / 2];
    }

    /** The most frequent value (the smallest of the tied ones). */
    static long mode(long[] v, int n) {
        Map<Long, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) counts.merge(v[i], 1, Integer::sum);
        long best = 0;
        int bestN = -1;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestN) {
                best = e.getKey();
                bestN = e.getValue();
            }
        }
        return best;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static String span(double s) {
        if (s >= 3600) return String.format(java.util.Locale.ROOT, "%.1f h", s / 3600);
        if (s >= 60) return String.format(java.util.Locale.ROOT, "%.1f min", s / 60);
        return String.format(java.util.Locale.ROOT, "%.0f s", s);
    }
}
