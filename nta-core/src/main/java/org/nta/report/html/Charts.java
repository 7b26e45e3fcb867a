package org.nta.report.html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.nta.detect.Phase;

/**
 * The report's charts as inline SVG, drawn here in Java: no charting library to ship or trust, the same input gives
 * the same bytes (coordinates are rounded to one decimal with a fixed locale), and they render with scripts off and
 * in print. Every label from the capture goes through {@link Html}'s escaping like any other text.
 */
final class Charts {
    static final String[] SEVERITIES = {"info", "low", "medium", "high", "critical"};
    static final Map<String, String> SEVERITY_COLOUR = Map.of("critical", "#8e1b1b", "high", "#c0392b", "medium", "#d68910",
            "low", "#2874a6", "info", "#7f8c8d");

    /** Findings drawn on one incident's timeline at most (the table lists them all, up to its own bound). */
    static final int MAX_BARS = 400;

    private Charts() {}

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static long epochNs(String iso) {
        if (iso == null || iso.isEmpty()) return 0;
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** "+12.3 s" */
    static String rel(double s) {
        if (s >= 3600) return "+" + n(Math.round(s / 360.0) / 10.0) + " h";
        if (s >= 120) return "+" + n(Math.round(s / 6.0) / 10.0) + " min";
        return "+" + n(Math.round(s * 10) / 10.0) + " s";
    }

    /**
     * One incident's findings over capture time: a row per kill-chain phase, a bar per finding from its first to
     * its last frame's time, coloured by severity; hovering shows the summary (an SVG {@code title}).
     */
    static void timeline(Html h, JsonNode incident, JsonNode findings, String id) {
        long t0 = epochNs(incident.path("first_time").asText()), t1 = epochNs(incident.path("last_time").asText());
        double span = Math.max(1e-3, (t1 - t0) / 1e9);
        Phase[] phases = Phase.values();
        int left = 170, width = 1000, plot = width - left - 20, laneH = 20, top = 10;
        // bars of one phase that would overlap go to lanes below each other (first lane whose last bar ended)
        List<List<double[]>> lanes = new ArrayList<>();
        for (int p = 0; p < phases.length; p++) lanes.add(new ArrayList<>());
        List<double[]> bars = new ArrayList<>(); // x, w, phase, lane, finding index
        for (JsonNode idx : incident.path("findings")) {
            if (bars.size() == MAX_BARS) break;
            JsonNode f = findings.path(idx.asInt());
            int p = phaseIndex(f.path("phase").asText());
            long a = epochNs(f.path("first_time").asText()), b = epochNs(f.path("last_time").asText());
            double x = left + plot * ((a - t0) / 1e9) / span;
            double w = Math.max(4, plot * ((b - a) / 1e9) / span);
            if (x + w > left + plot) x = Math.max(left, left + plot - w);
            List<double[]> ends = lanes.get(p);
            int lane = 0;
            while (lane < ends.size() && ends.get(lane)[0] > x - 2) lane++;
            if (lane == ends.size()) ends.add(new double[] {0});
            ends.get(lane)[0] = x + w;
            bars.add(new double[] {x, w, p, lane, idx.asInt()});
        }
        double[] rowY = new double[phases.length + 1];
        rowY[0] = top;
        for (int p = 0; p < phases.length; p++) rowY[p + 1] = rowY[p] + Math.max(1, lanes.get(p).size()) * laneH + 6;
        double yAxis = rowY[phases.length];
        int height = (int) Math.ceil(yAxis + 28);
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart timeline", "id", id, "viewBox",
                "0 0 " + width + " " + height, "width", String.valueOf(width), "height", String.valueOf(height), "role", "img",
                "aria-label", "Findings of the incident over capture time, by kill-chain phase");
        for (int p = 0; p < phases.length; p++) {
            h.empty("line", "class", "grid", "x1", n(left), "y1", n(rowY[p + 1]), "x2", n(left + plot), "y2", n(rowY[p + 1]));
            h.el("text", phases[p].title(), "x", n(left - 8), "y", n((rowY[p] + rowY[p + 1]) / 2 + 4), "text-anchor", "end");
        }
        int ticks = 5;
        for (int k = 0; k <= ticks; k++) {
            double x = left + plot * k / (double) ticks;
            h.empty("line", "class", "axis", "x1", n(x), "y1", n(yAxis), "x2", n(x), "y2", n(yAxis + 5));
            h.el("text", rel(span * k / ticks), "x", n(x), "y", n(yAxis + 18), "text-anchor", k == 0 ? "start" : k == ticks ? "end" : "middle");
        }
        for (double[] bar : bars) {
            int i = (int) bar[4];
            JsonNode f = findings.path(i);
            String sev = f.path("severity").asText();
            h.open("rect", "class", "bar sev-" + sev, "x", n(bar[0]), "y", n(rowY[(int) bar[2]] + 3 + bar[3] * laneH), "width", n(bar[1]),
                    "height", n(laneH - 6), "rx", "2", "fill", SEVERITY_COLOUR.getOrDefault(sev, "#7f8c8d"), "opacity", "0.85");
            h.el("title", "#" + (i + 1) + " " + sev + " " + f.path("type").asText() + ": " + f.path("summary").asText());
            h.close();
        }
        h.close();
    }

    static int phaseIndex(String id) {
        for (Phase p : Phase.values()) if (p.id().equals(id)) return p.ordinal();
        return 0;
    }

    /** A bar chart of one series over capture time (the histogram of the {@code traffic} object). */
    static void histogram(Html h, JsonNode values, double bucketS, String label, String id, boolean bytes) {
        int width = 1000, height = 180, left = 70, bottom = 26, top = 10, plot = width - left - 20;
        int n = Math.max(1, values.size());
        long max = 1;
        for (JsonNode v : values) max = Math.max(max, v.asLong());
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart histogram", "id", id, "viewBox",
                "0 0 " + width + " " + height, "width", String.valueOf(width), "height", String.valueOf(height), "role", "img",
                "aria-label", label);
        double ph = height - top - bottom;
        for (int k = 0; k <= 2; k++) {
            double y = top + ph - ph * k / 2.0;
            h.empty("line", "class", "grid", "x1", n(left), "y1", n(y), "x2", n(left + plot), "y2", n(y));
            long v = max * k / 2;
            h.el("text", bytes ? HtmlReport.size(v) : HtmlReport.count(v), "x", n(left - 6), "y", n(y + 4), "text-anchor", "end");
        }
        double bw = plot / (double) n;
        int i = 0;
        for (JsonNode v : values) {
            double bh = ph * v.asLong() / (double) max;
            if (v.asLong() > 0 && bh < 1) bh = 1;
            h.open("rect", "x", n(left + i * bw), "y", n(top + ph - bh), "width", n(Math.max(0.5, bw - (bw > 3 ? 1 : 0))),
                    "height", n(bh), "fill", bytes ? "#2874a6" : "#5d6d7e");
            h.el("title", rel(i * bucketS) + ": " + (bytes ? HtmlReport.size(v.asLong()) : HtmlReport.count(v.asLong()) + " packets"));
            h.close();
            i++;
        }
        int ticks = Math.min(5, n);
        for (int k = 0; k <= ticks; k++) {
            double x = left + plot * k / (double) ticks;
            h.el("text", rel(n * bucketS * k / ticks), "x", n(x), "y", n(height - 8), "text-anchor", k == 0 ? "start" : k == ticks ? "end" : "middle");
        }
        h.close();
    }

    /** A node of the host graph. */
    record Node(String address, String role, List<String> notes) {
    }

    /** An edge of the host graph, from {@code a} to {@code b}, labelled with what passed between them. */
    record Edge(String a, String b, String label, boolean attack) {
    }

    /**
     * Who talked to whom: attackers in the left column, victims in the middle, other hosts on the right; attack edges
     * in red with the finding types, other edges grey with protocol, port and bytes.
     */
    static void hostGraph(Html h, List<Node> nodes, List<Edge> edges) {
        Map<String, double[]> pos = new LinkedHashMap<>();
        String[] roles = {"attacker", "victim", "other"};
        int[] colX = {130, 520, 880};
        int rowH = 74, top = 40;
        int maxRows = 1;
        for (int c = 0; c < roles.length; c++) {
            int row = 0;
            for (Node nd : nodes) {
                if (!nd.role().equals(roles[c])) continue;
                pos.put(nd.address(), new double[] {colX[c], top + row * rowH + 20});
                row++;
            }
            maxRows = Math.max(maxRows, row);
        }
        int width = 1000, height = top + maxRows * rowH + 10;
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart hostgraph", "id", "host-graph", "viewBox",
                "0 0 " + width + " " + height, "width", String.valueOf(width), "height", String.valueOf(height), "role", "img",
                "aria-label", "Host graph: attackers, victims and other hosts with what passed between them");
        h.open("defs");
        h.open("marker", "id", "arrow", "viewBox", "0 0 10 10", "refX", "10", "refY", "5", "markerWidth", "7", "markerHeight", "7", "orient", "auto");
        h.empty("path", "d", "M0,0 L10,5 L0,10 z", "fill", "#555");
        h.close().close();
        String[] titles = {"Attackers", "Victims", "Other hosts"};
        for (int c = 0; c < roles.length; c++) h.el("text", titles[c], "x", n(colX[c]), "y", "18", "text-anchor", "middle", "font-size", "13");
        List<double[]> labelBoxes = new ArrayList<>();
        for (Edge e : edges) {
            double[] a = pos.get(e.a()), b = pos.get(e.b());
            if (a == null || b == null || e.a().equals(e.b())) continue;
            double dx = b[0] - a[0], dy = b[1] - a[1], len = Math.max(1, Math.hypot(dx, dy));
            double r = 16;
            double x1 = a[0] + dx / len * r, y1 = a[1] + dy / len * r, x2 = b[0] - dx / len * (r + 2), y2 = b[1] - dy / len * (r + 2);
            h.open("g", "class", e.attack() ? "edge attack" : "edge");
            h.empty("line", "x1", n(x1), "y1", n(y1), "x2", n(x2), "y2", n(y2), "stroke", e.attack() ? "#c0392b" : "#9aa5b4",
                    "stroke-width", e.attack() ? "2.5" : "1.5", "marker-end", "url(#arrow)");
            String label = e.label().length() > 48 ? e.label().substring(0, 47) + "…" : e.label();
            double lx = (x1 + x2) / 2, ly = (y1 + y2) / 2 - 4;
            for (double[] box : labelBoxes) if (Math.abs(box[0] - lx) < 120 && Math.abs(box[1] - ly) < 13) ly = box[1] + 14;
            labelBoxes.add(new double[] {lx, ly});
            double lw = label.length() * 6.1 + 8;
            h.empty("rect", "x", n(lx - lw / 2), "y", n(ly - 11), "width", n(lw), "height", "14", "fill", "#fff", "opacity", "0.85");
            h.el("text", label, "x", n(lx), "y", n(ly), "text-anchor", "middle", "fill", e.attack() ? "#8e1b1b" : "#444");
            h.el("title", e.a() + " → " + e.b() + ": " + e.label());
            h.close();
        }
        for (Node nd : nodes) {
            double[] p = pos.get(nd.address());
            String fill = switch (nd.role()) {
                case "attacker" -> "#c0392b";
                case "victim" -> "#d68910";
                default -> "#7f8c8d";
            };
            h.open("g", "class", "node " + nd.role());
            h.empty("circle", "cx", n(p[0]), "cy", n(p[1]), "r", "15", "fill", fill);
            h.el("text", nd.address(), "x", n(p[0]), "y", n(p[1] + 30), "text-anchor", "middle", "font-size", "12");
            h.el("title", nd.role() + " " + nd.address() + (nd.notes().isEmpty() ? "" : ": " + String.join(", ", nd.notes())));
            h.close();
        }
        h.close();
    }
}
