package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

/** Decides whether a domain's tally is a tunnel and writes the finding. */
final class DnsTunnelFindings {
    private DnsTunnelFindings() {}

    private static final Map<Integer, String> TYPES = Map.ofEntries(Map.entry(1, "A"), Map.entry(28, "AAAA"), Map.entry(5, "CNAME"),
            Map.entry(16, "TXT"), Map.entry(10, "NULL"), Map.entry(15, "MX"), Map.entry(255, "ANY"), Map.entry(2, "NS"),
            Map.entry(12, "PTR"), Map.entry(33, "SRV"), Map.entry(6, "SOA"), Map.entry(25, "KEY"), Map.entry(65, "HTTPS"),
            Map.entry(64, "SVCB"));

    static Finding judge(DomainTally t, DnsTunnelConfig config, long captureStart, long captureEnd) {
        if (t.queries == 0 || t.unique == 0) return null;
        String tool = TunnelTools.tool(t);
        double meanLen = (double) t.sumLength / t.unique, entropy = t.sumEntropy / t.unique;
        double encoded = (double) t.encodedNames / t.unique;
        boolean shape = t.queries >= config.minQueries() && t.unique >= config.minUniqueNames() && meanLen >= config.minMeanLength()
                && (encoded >= config.minEncodedShare() || entropy >= config.minEntropy());
        if (tool == null && !shape) return null;
        if (tool != null && t.queries < config.minToolQueries()) return null;
        List<String> users = new ArrayList<>();
        for (String c : t.clients.keySet()) if (!t.servers.contains(c)) users.add(c);
        if (users.isEmpty()) users.addAll(t.clients.keySet());
        String victim = users.get(0);
        for (String c : users) if (t.clients.get(c)[0] > t.clients.get(victim)[0]) victim = c;
        long external = t.servers.stream().filter(s -> !Hosts.internal(s)).count();
        String server = t.servers.size() == 1 ? t.servers.iterator().next() : null;
        boolean direct = server != null && external == 1;
        boolean popular = tool == null && users.size() >= 4;
        byte[] decoded = TunnelTools.decode(t, tool);
        // names that decode to readable text are a message, not a lookup
        boolean readable = decoded != null && decoded.length >= 64 && Bodies.text(decoded, decoded.length, 64) != null;
        long odd = t.qtype(TunnelTools.TXT, TunnelTools.NULL, TunnelTools.CNAME, TunnelTools.MX, TunnelTools.ANY, 25);
        boolean mostlyNx = t.responses > 0 && t.nxdomain * 2 >= t.responses;
        // something must carry data: a tool's pattern, volume, data-bearing record types or labels, or text
        boolean carriesData = tool != null || readable || t.nameBytes >= config.highBytes() || odd * 2 >= t.queries || mostlyNx
                || t.maxLabel >= config.minDataLabel();
        Severity sev = popular || !carriesData ? Severity.LOW
                : tool != null || t.nameBytes >= config.highBytes() || readable ? Severity.HIGH : Severity.MEDIUM;
        List<String> signals = new ArrayList<>();
        if (tool != null) signals.add("names shaped as " + tool + " asks them");
        if (meanLen >= config.minMeanLength()) signals.add("long names");
        if (encoded >= config.minEncodedShare()) signals.add("encoded labels");
        if (odd * 2 >= t.queries) signals.add("mostly " + typeName(t.mostQtype()) + " queries");
        if (mostlyNx) signals.add("mostly NXDOMAIN");
        if (!carriesData) signals.add("short labels, address answers, little volume: no data carried");
        if (popular) signals.add("asked by " + users.size() + " or more clients");
        signals.add(direct ? "asked straight to " + server : "asked through " + String.join(", ", new java.util.TreeSet<>(t.servers)));
        if (readable) signals.add("names decode to readable text");
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("domain", t.domain);
        ev.put("tool", tool);
        String zone = TunnelTools.zone(t);
        ev.put("zone", zone.isEmpty() ? t.domain : zone + "." + t.domain);
        ev.put("client", victim);
        ev.put("clients", new ArrayList<>(t.clients.keySet()));
        ev.put("resolvers", new ArrayList<>(new java.util.TreeSet<>(t.servers)));
        ev.put("queries", t.queries);
        ev.put("responses", t.responses);
        ev.put("unique_names", t.unique);
        ev.put("mean_name_length", RobustStats.round3(meanLen));
        ev.put("max_label_length", t.maxLabel);
        ev.put("mean_entropy", RobustStats.round3(entropy));
        ev.put("encoded_share", RobustStats.round3(encoded));
        ev.put("encodings", new LinkedHashMap<>(t.encodings));
        Map<String, Long> types = new LinkedHashMap<>();
        t.qtypes.forEach((k, v) -> types.put(typeName(k), v));
        ev.put("record_types", types);
        ev.put("nxdomain_share", t.responses == 0 ? 0.0 : RobustStats.round3((double) t.nxdomain / t.responses));
        ev.put("bytes_up", t.nameBytes);
        ev.put("bytes_down", t.answerBytes);
        double secs = (t.lastTimeNs - t.firstTimeNs) / 1e9;
        ev.put("duration_s", RobustStats.round3(secs));
        ev.put("queries_per_min", RobustStats.round3(secs > 0 ? t.queries * 60 / secs : t.queries));
        ev.put("decoded_bytes", decoded == null ? 0 : decoded.length);
        ev.put("decoded", decoded == null ? null : Bodies.describe(decoded, Math.min(decoded.length, 4096)));
        if (decoded != null) ev.put("decoded_sha256", org.nta.bytes.Digests.sha256Hex(decoded));
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (int i = 0; i < Math.min(8, t.chunks.size()); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("frame", t.chunkFrames.get(i));
            c.put("name", t.chunks.get(i) + "." + t.domain);
            chunks.add(c);
        }
        ev.put("names", chunks);
        ev.put("signals", signals);
        String filter = t.framesCounted <= t.frames.size() ? Filters.frameSet(t.frames)
                : Filters.and("dns.qry.name contains " + Filters.quote(t.domain), Filters.frames(t.firstFrame, t.lastFrame));
        String summary = String.format(java.util.Locale.ROOT, "%s tunnels through DNS under %s%s: %,d queries, %,d distinct names, %,d bytes up in names, %,d down in answers%s",
                victim, zone.isEmpty() ? t.domain : zone + "." + t.domain, tool != null ? " (" + tool + ")" : "", t.queries, t.unique, t.nameBytes, t.answerBytes,
                decoded != null && decoded.length > 0 ? ", " + decoded.length + " bytes decoded" : "");
        List<String> tech = new ArrayList<>(List.of("T1071.004", "T1572"));
        if (t.nameBytes >= config.highBytes() || readable) tech.add("T1048");
        Boolean ok = t.responses > t.nxdomain ? Boolean.TRUE : null;
        String authority = authority(t);
        if (authority != null) ev.put("authoritative_server", authority);
        String attacker = sev == Severity.LOW ? null : direct ? server : authority != null ? authority
                : zone.isEmpty() ? t.domain : zone + "." + t.domain;
        return new Finding(FindingType.DNS_TUNNEL, sev, Phase.COMMAND_AND_CONTROL, attacker, victim, t.firstFrame, t.lastFrame,
                t.firstTimeNs, t.lastTimeNs, t.streams, filter, summary, ok, tech, ev);
    }

    /**
     * The server a resolver forwarded the domain's queries to, when the capture shows that leg: the one server asked
     * by a host that is itself asked (a relaying resolver) and that asks no one.
     */
    static String authority(DomainTally t) {
        boolean relayed = false;
        String upstream = null;
        for (String s : t.servers) {
            if (t.clients.containsKey(s)) {
                relayed = true;
            } else {
                if (upstream != null) return null;
                upstream = s;
            }
        }
        return relayed ? upstream : null;
    }

    static String typeName(int t) {
        return TYPES.getOrDefault(t, "TYPE" + t);
    }
}
