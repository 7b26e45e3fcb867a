package org.nta.report.html;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.nta.incident.Incident;

import org.nta.report.Json;

/**
 * The HTML report ({@code nta analyze --html}, {@code nta report RESULT.json --html}): one self-contained page drawn
 * from the JSON of the analysis ({@link org.nta.report.AnalysisJson}), so a report remade from a saved JSON file is
 * the same page, byte for byte, as the one written with the analysis. No request leaves the page (inline style and
 * script allowed by hash in a Content-Security-Policy, charts as inline SVG), it reads with scripts off, and every
 * string from the capture is escaped text ({@link Html}). Tables are bounded ({@link Limits}); the JSON holds the rest.
 */
public final class HtmlReport {
    /** Rows drawn per table at most; a note says how many more the JSON holds. */
    public record Limits(int findings, int indicators, int conversations, int protocols, int files) {
        public static final Limits DEFAULTS = new Limits(200, 300, 25, 60, 100);
    }

    private final JsonNode root;
    private final Limits limits;
    private final Html h = new Html(1 << 16);

    private HtmlReport(JsonNode root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    /** The page for an analysis' JSON text (what {@code analyze --json} writes). */
    public static String render(String analysisJson) {
        try {
            return render(Json.mapper().readTree(analysisJson), Limits.DEFAULTS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not the JSON of nta analyze: " + e.getOriginalMessage(), e);
        }
    }

    public static String render(JsonNode analysis, Limits limits) {
        if (!analysis.path("verdict").isObject() || !analysis.path("findings").isArray()) {
            throw new IllegalArgumentException("not the JSON of nta analyze (no verdict or findings)");
        }
        try {
            return new HtmlReport(analysis, limits).page();
        } catch (java.time.DateTimeException e) {
            // a saved JSON edited by hand or cut short: one line for nta report, not a stack trace
            throw new IllegalArgumentException("not the JSON of nta analyze: a time that is not an ISO-8601 instant", e);
        }
    }

    private String page() {
        JsonNode s = root.path("summary");
        String file = fileName(s.path("file").asText());
        h.doctype();
        h.open("html", "lang", "en").nl();
        h.open("head").nl();
        h.empty("meta", "charset", "utf-8");
        h.empty("meta", "http-equiv", "Content-Security-Policy", "content", Assets.contentSecurityPolicy());
        h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.empty("meta", "name", "referrer", "content", "no-referrer").nl();
        h.el("title", "NTA report: " + file + " — " + root.path("verdict").path("level").asText());
        h.open("style").trusted(Assets.css()).close().nl();
        h.close().nl();
        h.open("body").nl();
        h.open("header", "class", "top");
        h.el("h1", "Network traffic analysis: " + file);
        h.el("p", "Written by NTA from the capture alone: every time below is capture time (UTC), every claim names its "
                + "frames and a Wireshark display filter.");
        h.close().nl();
        h.open("nav", "class", "toc", "aria-label", "Sections");
        String[][] toc = {{"#verdict", "Verdict"}, {"#incidents", "Incidents"}, {"#hosts", "Hosts"}, {"#findings", "Key findings"},
            {"#iocs", "Indicators"}, {"#files", "Files"}, {"#traffic", "Traffic"}, {"#observations", "Other observations"},
            {"#limits", "Limits"}};
        for (String[] t : toc) h.el("a", t[1], "href", t[0]);
        h.close().nl();
        h.open("main").nl();
        verdict();
        incidents();
        hosts();
        findings();
        indicators();
        files();
        traffic();
        observations();
        limitsReached();
        h.close().nl();
        h.open("footer", "class", "note").el("p", "NTA analysis JSON schema " + root.path("schema_version").asText()
                + "; the full result, every finding and its evidence unbounded, is in the JSON (nta analyze --json).").close().nl();
        h.open("textarea", "id", "nta-clip", "readonly", "", "tabindex", "-1", "aria-label", "Copy buffer", "rows", "1").close().nl();
        h.open("script").trusted(Assets.js()).close().nl();
        h.close().nl();
        h.close().nl();
        return h.build();
    }

    private void verdict() {
        JsonNode v = root.path("verdict"), s = root.path("summary");
        String level = v.path("level").asText();
        h.open("section", "id", "verdict", "class", "first");
        h.open("div", "class", "verdict " + level, "id", "verdict-banner");
        h.el("h2", "Verdict: " + level.toUpperCase(Locale.ROOT), "id", "verdict-level");
        h.el("p", s.path("text").asText());
        if (v.path("reasons").size() > 0) {
            h.el("strong", "Why:");
            h.open("ul", "id", "verdict-reasons");
            for (JsonNode r : v.path("reasons")) h.el("li", r.asText());
            h.close();
        }
        h.close();
        h.el("h2", "Capture");
        h.open("dl", "class", "facts", "id", "capture-facts");
        fact("File", s.path("file").asText());
        if (s.path("files").size() > 0) {
            List<String> files = new ArrayList<>();
            for (JsonNode x : s.path("files")) {
                files.add(x.path("file").asText() + " (frames " + x.path("first_frame").asText() + "–" + x.path("last_frame").asText()
                        + (x.path("status").asText().equals("ok") ? "" : ", damaged") + (x.path("overlaps_previous").asBoolean() ? ", overlaps an earlier file" : "") + ")");
            }
            fact("Files, in reading order", String.join("; ", files));
        }
        if (s.has("sha256")) fact("SHA-256", s.path("sha256").asText());
        fact("Status", s.path("status").asText().equals("ok") ? "read completely" : "read up to a damaged or cut-off point");
        fact("Frames", count(s.path("packets").asLong()));
        if (!s.path("first_time").isNull()) {
            fact("Span", s.path("first_time").asText() + " → " + s.path("last_time").asText() + " ("
                    + Charts.n(Math.round(s.path("duration_s").asDouble() * 10) / 10.0) + " s)");
        }
        JsonNode st = root.path("stats");
        fact("TCP / UDP streams", count(st.path("tcp_streams").asLong()) + " / " + count(st.path("udp_streams").asLong()));
        int attack = FindingsHtml.bySeverity(root.path("findings"), true).size();
        fact("Incidents", String.valueOf(root.path("incidents").size()));
        fact("Findings", attack + " of attack activity, " + (root.path("findings").size() - attack) + " other observations");
        h.close();
        h.close().nl();
    }

    private void fact(String k, String v) {
        h.el("dt", k).el("dd", v);
    }

    private void incidents() {
        h.open("section", "id", "incidents");
        h.el("h2", "Incidents");
        JsonNode incidents = root.path("incidents");
        if (incidents.size() == 0) h.el("p", "No incident: no attacker was found.");
        int k = 0;
        for (JsonNode i : incidents) {
            k++;
            h.open("div", "class", "incident", "id", "incident-" + k);
            h.el("h3", "Incident " + k + ": " + party(i, "attacker", root) + " → " + party(i, "victim", root) + " (" + i.path("verdict").asText() + ")");
            h.open("div", "class", "kill", "aria-label", "Kill-chain phases");
            for (JsonNode p : i.path("phases")) {
                h.el("span", FindingsHtml.phaseTitle(p.path("phase").asText()) + " · " + p.path("status").asText() + " · frames "
                        + p.path("first_frame").asText() + "–" + p.path("last_frame").asText(), "class", p.path("status").asText());
            }
            h.close();
            pivots(i);
            h.open("div", "class", "legend");
            for (int s = Charts.SEVERITIES.length - 1; s >= 0; s--) {
                h.open("span").el("span", "", "class", "sw " + Charts.SEVERITIES[s]).text(Charts.SEVERITIES[s]).close();
            }
            h.text(" — time from " + i.path("first_time").asText() + "; hover a bar for its finding");
            h.close();
            Charts.timeline(h, i, root.path("findings"), "timeline-" + k);
            h.close().nl();
        }
        h.close().nl();
    }

    /** How other hosts' findings joined the story: the accounts obtained and used elsewhere. */
    private void pivots(JsonNode incident) {
        JsonNode ps = incident.path("pivots");
        if (ps.size() == 0) return;
        h.open("ul", "class", "pivots", "aria-label", "Accounts that carried the story to other hosts");
        for (JsonNode p : ps) {
            Incident.Pivot pv = new Incident.Pivot(p.path("account").asText(), text(p.path("obtained_by")), p.path("obtained_in").asText(),
                    p.path("obtained_frame").asLong(), text(p.path("used_from")), text(p.path("used_on")), p.path("used_in").asText(),
                    p.path("used_frame").asLong());
            h.el("li", "Account " + pv.describe(a -> a == null ? "many hosts" : HostLabels.shortLabel(root.path("hosts"), a)));
        }
        h.close();
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String party(JsonNode incident, String role, JsonNode root) {
        JsonNode addr = incident.path(role);
        if (addr.isNull() || addr.isMissingNode()) return "many hosts";
        String named = HostLabels.label(root.path("hosts"), addr.asText());
        JsonNode all = incident.path(role + "_addresses");
        if (all.size() <= 1) return named;
        List<String> more = new ArrayList<>();
        for (int j = 1; j < all.size(); j++) more.add(all.get(j).asText());
        return named + " (also " + String.join(", ", more) + ")";
    }

    private void hosts() {
        h.open("section", "id", "hosts");
        h.el("h2", "Hosts");
        Map<String, Charts.Node> nodes = new LinkedHashMap<>();
        List<Charts.Edge> edges = new ArrayList<>();
        JsonNode findings = root.path("findings");
        for (JsonNode i : root.path("incidents")) {
            String a = i.path("attacker").asText();
            nodes.putIfAbsent(a, new Charts.Node(a, "attacker", new ArrayList<>()));
            if (i.path("victim").isNull()) continue;
            String v = i.path("victim").asText();
            if (!nodes.containsKey(v)) nodes.put(v, new Charts.Node(v, "victim", new ArrayList<>()));
            Set<String> types = new LinkedHashSet<>();
            for (JsonNode idx : i.path("findings")) types.add(findings.path(idx.asInt()).path("type").asText());
            edges.add(new Charts.Edge(a, v, String.join(", ", types), true));
            for (JsonNode p : i.path("pivots")) {   // the intruder's steps from and to other hosts
                String from = p.path("used_from").asText(), to = text(p.path("used_on"));
                if (to == null || from.equals(a) && to.equals(v)) continue;
                nodes.putIfAbsent(from, new Charts.Node(from, "attacker", new ArrayList<>()));
                nodes.putIfAbsent(to, new Charts.Node(to, "victim", new ArrayList<>()));
                edges.add(new Charts.Edge(from, to, p.path("used_in").asText() + " as " + p.path("account").asText(), true));
            }
        }
        // the busiest conversations between other pairs, summed per protocol and server port
        Set<String> attackPairs = new java.util.HashSet<>();
        for (Charts.Edge e : edges) {
            attackPairs.add(e.a() + "\u0000" + e.b());
            attackPairs.add(e.b() + "\u0000" + e.a());
        }
        Map<String, Map<String, long[]>> convEdges = new LinkedHashMap<>();
        int others = 0;
        for (JsonNode c : root.path("traffic").path("conversations")) {
            String a = c.path("a").asText(), b = c.path("b").asText();
            if (attackPairs.contains(a + "\u0000" + b)) continue;
            for (String x : new String[] {a, b}) {
                if (!nodes.containsKey(x) && others < 8) {
                    nodes.put(x, new Charts.Node(x, "other", new ArrayList<>()));
                    others++;
                }
            }
            if (!nodes.containsKey(a) || !nodes.containsKey(b)) continue;
            convEdges.computeIfAbsent(a + "\u0000" + b, k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.path("proto").asText() + "/" + c.path("b_port").asText(), k -> new long[2]);
            long[] sum = convEdges.get(a + "\u0000" + b).get(c.path("proto").asText() + "/" + c.path("b_port").asText());
            sum[0]++;
            sum[1] += c.path("bytes").asLong();
        }
        convEdges.forEach((k, byPort) -> {
            String[] ab = k.split("\u0000", 2);
            List<String> l = new ArrayList<>();
            byPort.forEach((port, sum) -> l.add(port + " " + size(sum[1]) + (sum[0] > 1 ? " (" + sum[0] + ")" : "")));
            List<String> shown = l.size() > 2 ? List.of(l.get(0), l.get(1), "+" + (l.size() - 2)) : l;
            edges.add(new Charts.Edge(ab[0], ab[1], String.join(", ", shown), false));
        });
        if (nodes.isEmpty()) h.el("p", "No hosts to draw: the capture holds no attack and no TCP or UDP conversation.");
        else {
            h.el("p", "Attack edges (red) carry the incident's finding types; grey edges the busiest conversations "
                    + "(protocol/server port, bytes).", "class", "note");
            Charts.hostGraph(h, new ArrayList<>(nodes.values()), edges);
        }
        hostTable();
        h.close().nl();
    }

    /** Who the attackers and victims are, as nta hosts knows them (absent from the JSON of older versions). */
    private void hostTable() {
        JsonNode hosts = root.path("hosts");
        if (hosts.size() == 0) return;
        h.open("table", "id", "hosts-table");
        h.open("thead").open("tr").el("th", "Addresses").el("th", "Names").el("th", "MAC").el("th", "Users").el("th", "OS hints")
                .el("th", "Roles").el("th", "Frames").close().close();
        h.open("tbody");
        for (JsonNode r : hosts) {
            String mac = r.path("mac").isTextual() ? r.path("mac").asText() : "";
            if (!mac.isEmpty() && r.path("vendor").isTextual()) mac += " (" + r.path("vendor").asText() + ")";
            else if (!mac.isEmpty() && r.path("mac_local").asBoolean()) mac += " (locally administered)";
            h.open("tr").el("td", HostLabels.join(r.path("addresses")), "class", "mono").el("td", HostLabels.join(r.path("names")))
                    .el("td", mac, "class", "mono").el("td", HostLabels.join(r.path("users"))).el("td", HostLabels.join(r.path("os_hints")))
                    .el("td", HostLabels.join(r.path("roles"))).el("td", r.path("first_frame").asText() + "–" + r.path("last_frame").asText(), "class", "num")
                    .close();
        }
        h.close().close();
    }

    private void findings() {
        h.open("section", "id", "findings");
        h.el("h2", "Key findings");
        List<Integer> rows = FindingsHtml.bySeverity(root.path("findings"), true);
        if (rows.isEmpty()) h.el("p", "No attack activity was found.");
        else {
            h.el("p", "Most severe first. Open a row for its evidence and its Wireshark filter; the headings sort, the box filters.", "class", "note");
            FindingsHtml.table(h, root.path("findings"), rows, "key-findings", limits.findings());
        }
        h.close().nl();
    }

    private void observations() {
        h.open("section", "id", "observations");
        h.el("h2", "Other observations");
        List<Integer> rows = FindingsHtml.bySeverity(root.path("findings"), false);
        if (rows.isEmpty()) h.el("p", "None.");
        else {
            h.el("p", "Activity no attacker is behind (ordinary users' logins and uploads, banners): not counted in the verdict.", "class", "note");
            FindingsHtml.table(h, root.path("findings"), rows, "other-findings", limits.findings());
        }
        h.close().nl();
    }

    private void indicators() {
        h.open("section", "id", "iocs");
        h.el("h2", "Indicators of compromise");
        Map<String, String[]> iocs = Indicators.of(root);
        if (iocs.isEmpty()) {
            h.el("p", "None: no attack was found.");
            h.close().nl();
            return;
        }
        h.open("div", "class", "tools js-only", "hidden", "");
        h.el("button", "Copy all values", "type", "button", "class", "copy-iocs");
        h.el("a", "Download CSV", "id", "ioc-csv", "href", "#iocs", "download", "nta-indicators.csv");
        h.close();
        h.open("table", "id", "ioc-table");
        h.open("thead").open("tr").el("th", "Type").el("th", "Value").el("th", "Context").close().close();
        h.open("tbody");
        int k = 0;
        for (String[] row : iocs.values()) {
            if (k++ == limits.indicators()) break;
            h.open("tr").el("td", row[0]).el("td", row[1], "class", "mono ioc-value").el("td", row[2]).close();
        }
        h.close().close();
        if (iocs.size() > limits.indicators()) h.el("p", (iocs.size() - limits.indicators()) + " more indicators are in the JSON's findings.", "class", "note");
        h.close().nl();
    }

    private void files() {
        h.open("section", "id", "files");
        h.el("h2", "Files");
        List<String[]> files = Indicators.files(root);
        if (files.isEmpty()) h.el("p", "No file with a hash in the findings' evidence.");
        else {
            h.el("p", "Files named in the findings' evidence (uploads, files read through shells). "
                    + "nta analyze --extract DIR writes them, and the answers that prove the findings, with a manifest.", "class", "note");
            h.open("table", "id", "files-table");
            h.open("thead").open("tr").el("th", "File").el("th", "Size", "class", "num").el("th", "SHA-256").el("th", "Type").el("th", "Finding").close().close();
            h.open("tbody");
            int k = 0;
            for (String[] f : files) {
                if (k++ == limits.files()) break;
                h.open("tr").el("td", f[0], "class", "mono").el("td", f[1], "class", "num").el("td", f[2], "class", "mono")
                        .el("td", f[3]).open("td").el("a", f[4], "href", "#" + f[5]).close().close();
            }
            h.close().close();
            if (files.size() > limits.files()) h.el("p", (files.size() - limits.files()) + " more files are in the JSON.", "class", "note");
        }
        h.close().nl();
    }

    private void traffic() {
        h.open("section", "id", "traffic");
        h.el("h2", "Traffic");
        JsonNode t = root.path("traffic");
        if (t.isMissingNode()) {
            h.el("p", "This JSON was written without traffic statistics.");
            h.close().nl();
            return;
        }
        JsonNode hist = t.path("histogram");
        double bucket = hist.path("bucket_s").asDouble(1);
        h.el("h3", "Packets over time (per " + Charts.n(bucket) + " s)");
        Charts.histogram(h, hist.path("packets"), bucket, "Packets per " + Charts.n(bucket) + " s", "chart-packets", false);
        h.el("h3", "Bytes over time (per " + Charts.n(bucket) + " s)");
        Charts.histogram(h, hist.path("bytes"), bucket, "Bytes per " + Charts.n(bucket) + " s", "chart-bytes", true);

        h.el("h3", "Top conversations by bytes");
        JsonNode convs = t.path("conversations");
        // over several sensors each conversation says whose it is (its stream counts within that sensor's files)
        boolean bySensor = false;
        for (JsonNode c : convs) bySensor |= c.has("sensor");
        h.open("table", "id", "conversations-table");
        h.open("thead").open("tr");
        if (bySensor) h.el("th", "Sensor, file");
        for (String c : new String[] {"Proto", "Stream", "Address A", "Port A", "Address B", "Port B"}) h.el("th", c);
        for (String c : new String[] {"Frames", "Bytes", "Start", "Duration"}) h.el("th", c, "class", "num");
        h.el("th", "State");
        h.close().close();
        h.open("tbody");
        int k = 0;
        for (JsonNode c : convs) {
            if (k++ == limits.conversations()) break;
            h.open("tr");
            if (bySensor) h.el("td", c.has("sensor") ? c.path("sensor").asText() + ": " + fileName(c.path("file").asText("")) : "", "class", "mono");
            h.el("td", c.path("proto").asText()).el("td", c.path("stream").asText(), "class", "num")
                    .el("td", c.path("a").asText(), "class", "mono").el("td", c.path("a_port").asText(), "class", "num")
                    .el("td", c.path("b").asText(), "class", "mono").el("td", c.path("b_port").asText(), "class", "num")
                    .el("td", count(c.path("frames").asLong()), "class", "num").el("td", size(c.path("bytes").asLong()), "class", "num")
                    .el("td", Charts.rel(c.path("rel_start_s").asDouble()), "class", "num")
                    .el("td", Charts.n(Math.round(c.path("duration_s").asDouble() * 1000) / 1000.0) + " s", "class", "num")
                    .el("td", c.path("state").asText(""));
            h.close();
        }
        h.close().close();
        long total = t.path("conversation_count").asLong();
        int drawn = Math.min(convs.size(), limits.conversations());
        if (total > drawn) h.el("p", (total - drawn) + " more conversations (" + count(total) + " in all; the JSON holds the busiest "
                + convs.size() + ", nta conversations lists every one).", "class", "note");

        h.el("h3", "Protocol hierarchy");
        JsonNode protos = t.path("protocols");
        long frames = Math.max(1, root.path("summary").path("packets").asLong());
        h.open("table", "id", "protocols-table");
        h.open("thead").open("tr").el("th", "Protocol").el("th", "Frames", "class", "num").el("th", "% frames", "class", "num")
                .el("th", "Bytes", "class", "num").close().close();
        h.open("tbody");
        k = 0;
        for (JsonNode p : protos) {
            if (k++ == limits.protocols()) break;
            String path = p.path("path").asText();
            String name = path.substring(path.lastIndexOf(':') + 1);
            int depth = Math.min(7, p.path("depth").asInt());
            h.open("tr").el("td", name, "class", depth == 0 ? "mono" : "mono d" + depth, "title", path)
                    .el("td", count(p.path("frames").asLong()), "class", "num")
                    .el("td", String.format(Locale.ROOT, "%.1f", 100.0 * p.path("frames").asLong() / frames), "class", "num")
                    .el("td", size(p.path("bytes").asLong()), "class", "num").close();
        }
        h.close().close();
        if (protos.size() > limits.protocols()) h.el("p", (protos.size() - limits.protocols()) + " more rows in the JSON.", "class", "note");
        h.close().nl();
    }

    private void limitsReached() {
        h.open("section", "id", "limits");
        h.el("h2", "Limits reached and malformed input");
        JsonNode lim = root.path("summary").path("limits_reached");
        if (lim.size() == 0) h.el("p", "No limit was reached: everything the capture carries was analysed.");
        else {
            h.el("p", "Less was analysed than the capture carries (the options of nta analyze --help raise these limits):");
            table(lim, "limits-table");
        }
        JsonNode mal = root.path("summary").path("malformed");
        Map<String, Long> other = new LinkedHashMap<>();
        for (Iterator<String> it = mal.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!lim.has(k)) other.put(k, mal.path(k).asLong());
        }
        if (other.isEmpty()) h.el("p", "No malformed input was counted.");
        else {
            h.el("p", "Malformed input, counted and skipped:");
            table(Json.mapper().valueToTree(other), "malformed-table");
        }
        h.close().nl();
    }

    private void table(JsonNode counts, String id) {
        h.open("table", "id", id).open("thead").open("tr").el("th", "Kind").el("th", "Count", "class", "num").close().close().open("tbody");
        for (Iterator<String> it = counts.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            h.open("tr").el("td", k, "class", "mono").el("td", count(counts.path(k).asLong()), "class", "num").close();
        }
        h.close().close();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String size(long b) {
        if (b < 10_000) return count(b) + " B";
        if (b < 10_000_000) return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        if (b < 10_000_000_000L) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }

    private static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i >= 0 ? path.substring(i + 1) : path;
    }
}
