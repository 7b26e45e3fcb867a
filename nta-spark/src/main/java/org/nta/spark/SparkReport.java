package org.nta.spark;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.nta.detect.Finding;
import org.nta.incident.Incident;
import org.nta.report.TimeFormat;

/** {@code DIR/report.md}: the verdict, one line per incident, the findings table (each finding with its capture). */
final class SparkReport {
    private SparkReport() {}

    static String markdown(SparkAnalyze.Merged m) {
        IdentityHashMap<Finding, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < m.findings().size(); i++) index.put(m.findings().get(i).finding(), i);
        StringBuilder b = new StringBuilder();
        b.append("# NTA analysis of ").append(m.captures().size()).append(m.captures().size() == 1 ? " capture" : " captures").append("\n\n");
        b.append("**Verdict: ").append(m.verdict().level().id().toUpperCase(java.util.Locale.ROOT)).append("**");
        if (!m.verdict().reasons().isEmpty()) b.append(" — ").append(cell(m.verdict().reasons().get(0)));
        b.append("\n\n## Captures\n\n| capture | packets | first | last | findings | verdict |\n|---|---|---|---|---|---|\n");
        for (Map<String, Object> c : m.captures()) {
            b.append("| ").append(cell(c.get("capture"))).append(" | ");
            if (c.get("error") != null) {
                b.append("unreadable: ").append(cell(c.get("error"))).append(" | | | | |\n");
                continue;
            }
            b.append(c.get("packets")).append(" | ").append(cell(c.get("first_time"))).append(" | ").append(cell(c.get("last_time")))
                    .append(" | ").append(c.get("findings")).append(" | ").append(cell(c.get("verdict"))).append(" |\n");
        }
        b.append("\n## Incidents\n\n");
        if (m.incidents().isEmpty()) b.append("None.\n");
        for (Incident i : m.incidents()) {
            List<String> phases = new ArrayList<>();
            for (Incident.PhaseSummary p : i.phases()) phases.add(p.phase().id() + " (" + p.status().id() + ")");
            b.append("- **").append(i.verdict().level().id()).append("** ").append(cell(i.attacker())).append(" → ")
                    .append(i.victim() == null ? "*" : cell(i.victim())).append(": ").append(String.join(", ", phases))
                    .append("; ").append(TimeFormat.isoUtc(i.firstTimeNs(), m.digits())).append(" – ")
                    .append(TimeFormat.isoUtc(i.lastTimeNs(), m.digits())).append("; in ")
                    .append(String.join(", ", captures(i, m, index))).append("; findings ")
                    .append(i.findings().stream().map(f -> "#" + index.get(f)).toList()).append("\n");
        }
        b.append("\n## Findings\n\n| # | capture | severity | type | attacker | victim | frames | summary | filter |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < m.findings().size(); k++) {
            SparkAnalyze.CaptureFinding cf = m.findings().get(k);
            Finding f = cf.finding();
            b.append("| ").append(k).append(" | ").append(cell(cf.capture())).append(" | ").append(f.severity().id())
                    .append(" | ").append(f.type().id()).append(" | ").append(cell(f.attacker())).append(" | ")
                    .append(cell(f.victim())).append(" | ").append(f.firstFrame()).append("–").append(f.lastFrame())
                    .append(" | ").append(cell(f.summary())).append(" | `").append(code(f.filter())).append("` |\n");
        }
        return b.toString();
    }

    /** The captures an incident's findings come from, in the order of the findings. */
    static List<String> captures(Incident i, SparkAnalyze.Merged m, IdentityHashMap<Finding, Integer> index) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Finding f : i.findings()) out.add(m.findings().get(index.get(f)).capture());
        return new ArrayList<>(out);
    }

    /** A filter in a code span of a table cell: no backtick to end the span, no bar to end the cell, one line. */
    private static String code(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) out.append(ch < 0x20 || ch == 0x7f ? '·' : ch == '`' ? '\'' : ch);
        return out.toString().replace("|", "\\|");
    }

    private static String cell(Object o) {
        return o == null ? "" : org.nta.report.MarkdownText.text(o.toString()).replace("\n", " ");
    }
}
