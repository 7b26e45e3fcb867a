package org.nta.report.html;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Indicators of compromise and files, gathered from the analysis JSON: the attack findings only (other
 * observations are ordinary users). Addresses of attackers and victims, ports, host names, URLs, User-Agents,
 * file names and hashes, each once, with the first finding that names it.
 */
final class Indicators {
    private Indicators() {}

    /** type + value → {type, value, context}, in the order found. */
    static Map<String, String[]> of(JsonNode root) {
        Map<String, String[]> out = new LinkedHashMap<>();
        JsonNode findings = root.path("findings");
        for (JsonNode i : root.path("incidents")) {
            String ctx = "incident " + i.path("attacker").asText() + " → " + (i.path("victim").isNull() ? "many hosts" : i.path("victim").asText());
            for (JsonNode a : i.path("attacker_addresses")) add(out, "attacker address", a.asText(), ctx);
            for (JsonNode v : i.path("victim_addresses")) add(out, "victim address", v.asText(), ctx);
        }
        for (int n : FindingsHtml.bySeverity(findings, true)) {
            JsonNode f = findings.get(n);
            String type = f.path("type").asText();
            String ctx = "finding #" + (n + 1) + " " + type;
            JsonNode ev = f.path("evidence");
            if (type.equals("reverse_shell") && ev.has("port")) add(out, "port", ev.path("port").asText() + "/tcp", ctx);
            if (type.equals("port_scan")) for (JsonNode p : ev.path("open_ports")) add(out, "port", p.asText() + "/tcp open on " + f.path("victim").asText(), ctx);
            if (ev.path("host").isTextual()) add(out, "host name", ev.path("host").asText(), ctx);
            for (String k : new String[] {"domain", "query_name", "qname", "sni", "server_name"}) {
                if (ev.path(k).isTextual()) add(out, "domain", ev.path(k).asText(), ctx);
            }
            for (JsonNode d : ev.path("domains")) if (d.isTextual()) add(out, "domain", d.asText(), ctx);
            if (ev.path("uri").isTextual()) add(out, "URL", ev.path("uri").asText(), ctx);
            for (JsonNode u : ev.path("uris")) if (u.isTextual()) add(out, "URL", u.asText(), ctx);
            if (ev.path("user_agent").isTextual()) add(out, "User-Agent", ev.path("user_agent").asText(), ctx);
            for (JsonNode u : ev.path("user_agents")) if (u.isTextual()) add(out, "User-Agent", u.asText(), ctx);
            walkFiles(ev, 0, fm -> {
                if (!name(fm).isEmpty()) add(out, "file name", name(fm), ctx);
                add(out, "SHA-256", fm.path("sha256").asText(), ctx);
            });
        }
        return out;
    }

    private static void add(Map<String, String[]> out, String type, String value, String ctx) {
        if (value == null || value.isEmpty()) return;
        out.putIfAbsent(type + "\u0000" + value, new String[] {type, value, ctx});
    }

    /** {name, size, sha256, type, finding label, finding anchor} for each file object with a hash, once per hash and name. */
    static List<String[]> files(JsonNode root) {
        Map<String, String[]> out = new LinkedHashMap<>();
        JsonNode findings = root.path("findings");
        for (int n = 0; n < findings.size(); n++) {
            JsonNode f = findings.get(n);
            int k = n;
            walkFiles(f.path("evidence"), 0, fm -> {
                String size = fm.has("size") ? HtmlReport.count(fm.path("size").asLong()) + " B"
                        : fm.has("bytes") ? HtmlReport.count(fm.path("bytes").asLong()) + " B" : "";
                String type = fm.path("content_type").asText(fm.path("detected_type").asText(fm.path("mime").asText("")));
                out.putIfAbsent(fm.path("sha256").asText() + "\u0000" + name(fm), new String[] {name(fm), size, fm.path("sha256").asText(), type,
                    "#" + (k + 1) + " " + f.path("type").asText(), "f-" + (k + 1)});
            });
        }
        return new ArrayList<>(out.values());
    }

    private static String name(JsonNode fm) {
        for (String k : new String[] {"filename", "file", "name", "path", "uri"}) {
            if (fm.path(k).isTextual() && !fm.path(k).asText().isEmpty()) return fm.path(k).asText();
        }
        return "";
    }

    /** Calls {@code each} for every object in the evidence that carries a {@code sha256}. */
    private static void walkFiles(JsonNode v, int depth, java.util.function.Consumer<JsonNode> each) {
        if (depth > 6) return;
        if (v.isObject()) {
            if (v.path("sha256").isTextual()) each.accept(v);
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) walkFiles(it.next(), depth + 1, each);
        } else if (v.isArray()) {
            for (JsonNode x : v) walkFiles(x, depth + 1, each);
        }
    }
}
