package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Severity;

/**
 * How a regular series of lookups under one domain is judged. An implant that polls over DNS is told apart from a
 * health check or a chatty resolver client by what the answers and names held: answers with addresses no one
 * connects to (0.0.0.0, 127.0.0.1: "nothing to do"), answers to the same question that change (orders), names that
 * carry encoded data after such a change (results). A domain the Public Suffix List does not know (corp.lan), or one
 * many clients ask, is the site's own; lookups that answered the same thing each time are a health check (low).
 */
final class DnsPollSignals {
    private DnsPollSignals() {}

    /** The severity, what led to it, whether orders were followed by results, and the DNS-specific evidence. */
    record Judged(Severity severity, List<String> signals, boolean channel, Map<String, Object> evidence, String attacker) {}

    static Judged judge(BeaconSeries s, BeaconDetector d, BeaconConfig config, int clients) {
        DnsPollFacts f = s.dns;
        List<String> signals = new ArrayList<>();
        boolean publicDomain = d.publicDomain(s.destination);
        boolean popular = clients >= config.popularClients();
        if (d.authority(s.destination) != null) signals.add("asked through a resolver that relays it to " + d.authority(s.destination));
        List<DnsPollFacts.Answer> orders = f.orders(DnsPolls.MIN_ASKED);
        long firstOrderNs = orders.isEmpty() ? Long.MAX_VALUE : orders.get(0).firstNs;
        boolean results = !orders.isEmpty() && f.lastDataNameNs >= firstOrderNs;
        boolean sentinel = f.sentinelAnswers > 0 && f.sentinelAnswers * 2 >= f.addressAnswers;
        boolean dataNames = f.dataNames >= 2;
        boolean channel = !orders.isEmpty() && results;
        signals.add("lookups never followed by a connection to an answered address");
        signals.add(publicDomain ? "public domain" : "private domain (no public suffix)");
        if (popular) signals.add("domain asked by " + clients + " or more clients");
        if (sentinel) signals.add("answers with addresses no one connects to (" + f.sentinelAnswers + " of " + f.addressAnswers + ")");
        if (f.dataAnswers > 0) signals.add(f.dataAnswers + " answers carrying data (TXT, NULL or private types)");
        if (!orders.isEmpty()) signals.add("answers to a repeated question changed " + orders.size() + " times (orders)");
        if (dataNames) signals.add(f.dataNames + " names carrying encoded data (" + f.dataNameBytes + " characters)" + (results ? " after an order" : ""));
        Severity sev;
        if (!publicDomain || popular) sev = Severity.LOW;
        else if (channel) sev = Severity.HIGH;
        else if (sentinel || !orders.isEmpty() || dataNames) sev = Severity.MEDIUM;
        else {
            sev = Severity.LOW;
            signals.add("the same answers each time (a health check's shape)");
        }
        String authority = d.authority(s.destination);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("domain", s.destination);
        ev.put("resolvers", new ArrayList<>(s.servers));
        if (authority != null) ev.put("authoritative_server", authority);
        Map<String, Integer> types = new LinkedHashMap<>();
        f.qtypes.forEach((k, v) -> types.put(DnsTunnelFindings.typeName(k), v));
        ev.put("record_types", types);
        ev.put("unique_names", f.uniqueNames);
        ev.put("names", new ArrayList<>(f.sampleNames));
        ev.put("nxdomain", f.nxdomain);
        ev.put("sentinel_answers", f.sentinelAnswers);
        ev.put("data_answers", f.dataAnswers);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (DnsPollFacts.Answer a : orders) {
            if (shown.size() >= 8) break;
            shown.add(sample(a));
        }
        for (DnsPollFacts.Answer a : f.dataSamples) {
            if (shown.size() >= 8) break;
            if (shown.stream().noneMatch(x -> x.get("frame").equals(a.firstFrame))) shown.add(sample(a));
        }
        shown.sort((x, y) -> Long.compare((Long) x.get("frame"), (Long) y.get("frame")));
        ev.put("orders", shown);
        ev.put("data_names", f.dataNames);
        ev.put("data_name_bytes", f.dataNameBytes);
        if (f.firstDataNameFrame >= 0) ev.put("first_data_name_frame", f.firstDataNameFrame);
        byte[] decoded = f.decodedResults();
        if (decoded != null && decoded.length > 0) {
            ev.put("decoded_result_bytes", decoded.length);
            String text = Bodies.text(decoded, decoded.length, 2048);
            ev.put("decoded_results", text != null ? text : Bodies.describe(decoded, decoded.length));
        }
        String attacker = sev == Severity.LOW ? null : authority != null ? authority : s.destination;
        return new Judged(sev, signals, channel, ev, attacker);
    }

    private static Map<String, Object> sample(DnsPollFacts.Answer a) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("frame", a.firstFrame);
        x.put("answer", a.text);
        x.put("times", a.count);
        if (a.decoded != null) x.put("decoded", a.decoded);
        return x;
    }
}
