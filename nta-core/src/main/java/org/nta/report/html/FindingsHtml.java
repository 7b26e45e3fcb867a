package org.nta.report.html;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The findings table: one {@code <details>} per finding whose summary line is the row (severity, type, phase,
 * hosts, summary, frames) and whose body is the evidence: frames, streams, times, ATT&CK, the display filter with
 * a copy button, and every evidence field decoded (payloads, commands with their output, transcripts, files with
 * hashes). Works without scripts; the script only sorts, filters and copies.
 */
final class FindingsHtml {
    /** Longest text shown for one evidence value; the rest is in the JSON. */
    static final int MAX_TEXT = 6000;
    /** Items shown of one evidence list. */
    static final int MAX_ITEMS = 40;
    /** Fields shown of one evidence object. */
    static final int MAX_FIELDS = 80;

    private FindingsHtml() {}

    static int severityRank(String sev) {
        for (int i = 0; i < Charts.SEVERITIES.length; i++) if (Charts.SEVERITIES[i].equals(sev)) return i;
        return 0;
    }

    /** Indices of the findings, most severe first, then attack before other observations, then by first frame. */
    static List<Integer> bySeverity(JsonNode findings, boolean attack) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).path("attacker").isNull() != attack) out.add(i);
        }
        out.sort((a, b) -> {
            JsonNode x = findings.get(a), y = findings.get(b);
            int c = Integer.compare(severityRank(y.path("severity").asText()), severityRank(x.path("severity").asText()));
            if (c != 0) return c;
            c = Long.compare(x.path("first_frame").asLong(), y.path("first_frame").asLong());
            return c != 0 ? c : Integer.compare(a, b);
        });
        return out;
    }

    static void table(Html h, JsonNode findings, List<Integer> rows, String id, int maxRows) {
        h.open("div", "class", "tools js-only", "hidden", "");
        h.open("label", "for", id + "-filter").text("Filter ").close();
        h.empty("input", "type", "search", "id", id + "-filter", "class", "ffilter", "placeholder", "words in any column, e.g. critical 10.0.0.5",
                "aria-label", "Filter the findings");
        h.el("span", "", "class", "fcount muted");
        h.close();
        h.open("div", "class", "ftable", "id", id, "role", "table");
        h.open("div", "class", "fhead", "role", "row");
        String[][] cols = {{"n", "#"}, {"sev", "Severity"}, {"type", "Type"}, {"phase", "Phase"}, {"hosts", "Attacker → victim"},
            {"sum", "Summary"}, {"frames", "Frames"}};
        for (String[] c : cols) {
            h.open("span", "role", "columnheader").el("button", c[1], "type", "button", "data-col", c[0]).close();
        }
        h.close();
        h.open("div", "class", "fbody");
        int shown = 0;
        for (int i : rows) {
            if (shown++ == maxRows) break;
            row(h, findings.get(i), i);
            h.nl();
        }
        h.close().close();
        if (rows.size() > maxRows) {
            h.el("p", (rows.size() - maxRows) + " more findings are in the JSON (nta analyze --json); this page shows the "
                    + maxRows + " most severe.", "class", "note");
        }
    }

    private static void row(Html h, JsonNode f, int i) {
        String sev = f.path("severity").asText();
        h.open("details", "class", "frow", "id", "f-" + (i + 1), "data-n", String.valueOf(i), "data-sev", sev, "data-type",
                f.path("type").asText(), "data-filter", f.path("filter").asText());
        h.open("summary", "role", "row");
        h.el("span", String.valueOf(i + 1), "data-col", "n", "data-sort", String.valueOf(i + 1));
        h.open("span", "data-col", "sev", "data-sort", String.valueOf(severityRank(sev))).el("span", sev, "class", "sev " + sev).close();
        h.el("span", f.path("type").asText(), "data-col", "type", "class", "mono");
        h.el("span", phaseTitle(f.path("phase").asText()), "data-col", "phase", "data-sort", String.valueOf(Charts.phaseIndex(f.path("phase").asText())));
        String hosts = f.path("attacker").isNull() ? "(no attacker)" : f.path("attacker").asText();
        hosts += " → " + (f.path("victim").isNull() ? "many hosts" : f.path("victim").asText());
        h.el("span", hosts, "data-col", "hosts", "class", "mono");
        h.el("span", clip(f.path("summary").asText(), 600), "data-col", "sum", "class", "sum");
        long a = f.path("first_frame").asLong(), b = f.path("last_frame").asLong();
        h.el("span", a == b ? String.valueOf(a) : a + "–" + b, "data-col", "frames", "data-sort", String.valueOf(a), "class", "mono");
        h.close();
        evidence(h, f, i);
        h.close();
    }

    private static void evidence(Html h, JsonNode f, int i) {
        h.open("div", "class", "ev");
        if (f.path("summary").asText().length() > 600) h.el("p", clip(f.path("summary").asText(), MAX_TEXT));
        h.open("div", "class", "filter");
        h.el("span", "Wireshark filter", "class", "muted");
        h.el("code", f.path("filter").asText(), "id", "flt-" + (i + 1), "class", "flt");
        h.el("button", "Copy filter", "type", "button", "class", "copy js-only", "data-for", "flt-" + (i + 1), "hidden", "");
        h.close();
        h.open("dl", "class", "ev-kv");
        kv(h, "frames", f.path("first_frame").asText() + "–" + f.path("last_frame").asText());
        if (f.path("files").size() > 0) {   // a capture read from several files: where the frames are in each
            List<String> in = new ArrayList<>();
            for (JsonNode x : f.path("files")) {
                in.add(x.path("file").asText() + " frames " + x.path("first_frame").asText() + "–" + x.path("last_frame").asText());
            }
            kv(h, "in files", String.join("; ", in));
        }
        kv(h, "time", f.path("first_time").asText() + " → " + f.path("last_time").asText());
        JsonNode streams = f.path("streams");
        if (streams.size() > 0) {
            List<String> s = new ArrayList<>();
            for (JsonNode x : streams) {
                if (s.size() == MAX_ITEMS) break;
                s.add(x.asText());
            }
            long total = f.path("stream_count").asLong(streams.size());
            kv(h, "streams", String.join(", ", s) + (total > s.size() ? " … (" + total + " in all)" : ""));
        }
        kv(h, "succeeded", f.path("succeeded").isNull() ? "cannot tell" : f.path("succeeded").asBoolean() ? "yes" : "no (attempted)");
        if (f.path("techniques").size() > 0) {
            List<String> t = new ArrayList<>();
            for (JsonNode x : f.path("techniques")) t.add(x.asText());
            kv(h, "MITRE ATT&CK", String.join(", ", t));
        }
        h.close();
        if (f.path("evidence").size() > 0) {
            h.el("h4", "Evidence");
            value(h, f.path("evidence"), 0);
        }
        h.close();
    }

    private static void kv(Html h, String k, String v) {
        h.el("dt", k).el("dd", v);
    }

    /** An evidence value: objects as key/value lists, lists as bullet lists, long or multi-line text as a block. */
    static void value(Html h, JsonNode v, int depth) {
        if (v.isObject()) {
            h.open("dl", "class", "ev-kv");
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            int fields = 0;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (fields++ == MAX_FIELDS) {
                    h.el("dt", "…").el("dd", (v.size() - MAX_FIELDS) + " more fields in the JSON");
                    break;
                }
                h.el("dt", e.getKey()).open("dd");
                if (depth > 6) h.text("…");
                else value(h, e.getValue(), depth + 1);
                h.close();
            }
            h.close();
        } else if (v.isArray()) {
            if (v.size() == 0) {
                h.el("span", "none", "class", "muted");
                return;
            }
            boolean scalars = true;
            for (JsonNode x : v) scalars &= x.isValueNode();
            if (scalars && v.size() <= 12) {
                List<String> s = new ArrayList<>();
                boolean shortItems = true;
                for (JsonNode x : v) {
                    s.add(x.asText());
                    shortItems &= x.asText().length() < 40 && x.asText().indexOf('\n') < 0;
                }
                if (shortItems) {
                    h.text(String.join(", ", s));
                    return;
                }
            }
            h.open("ol");
            int k = 0;
            for (JsonNode x : v) {
                if (k++ == MAX_ITEMS) break;
                h.open("li");
                if (depth > 6) h.text("…");
                else value(h, x, depth + 1);
                h.close();
            }
            h.close();
            if (v.size() > MAX_ITEMS) h.el("p", (v.size() - MAX_ITEMS) + " more in the JSON", "class", "note");
        } else if (v.isNull()) {
            h.el("span", "null", "class", "muted");
        } else {
            String s = v.asText();
            if (s.indexOf('\n') >= 0 || s.length() > 160) h.el("pre", clip(s, MAX_TEXT));
            else h.el("span", s, "class", v.isTextual() ? "mono" : null);
        }
    }

    static String clip(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, max) + " … (" + (s.length() - max) + " more characters in the JSON)";
    }

    static String phaseTitle(String id) {
        for (org.nta.detect.Phase p : org.nta.detect.Phase.values()) if (p.id().equals(id)) return p.title();
        return id;
    }
}
