package org.nta.report;

import java.util.ArrayList;
import java.util.List;

import org.nta.detect.Finding;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.pipeline.CaptureSummary;
import org.nta.hosts.HostNames;
import org.nta.incident.Incident;
import org.nta.incident.Verdict;

/** The terminal view of an analysis: the verdict first, then each incident's phases as a table, then key findings. */
public final class AnalysisText {
    /** Most severe first; findings with an attacker before observations of ordinary activity; then by frame. */
    static final java.util.Comparator<Finding> BY_SEVERITY = java.util.Comparator
            .comparing(Finding::severity, java.util.Comparator.reverseOrder())
            .thenComparing(f -> f.attacker() == null)
            .thenComparingLong(Finding::firstFrame);

    private AnalysisText() {}

    /** One line: the verdict in words. */
    public static String headline(Analysis.Result r) {
        Verdict v = r.verdict();
        return switch (v.level()) {
            case MALICIOUS -> "MALICIOUS: " + story(r);
            case SUSPICIOUS -> "SUSPICIOUS: " + suspicion(r);
            case BENIGN -> "BENIGN: no attack found";
        };
    }

    /** "attack activity by 10.0.0.66 against 10.0.0.5 (reconnaissance), no sign of a compromise" */
    private static String suspicion(Analysis.Result r) {
        List<String> who = new ArrayList<>();
        for (Incident i : r.incidents()) {
            if (i.verdict().level() != Verdict.Level.SUSPICIOUS) continue;
            List<String> steps = new ArrayList<>();
            for (Incident.PhaseSummary p : i.phases()) steps.add(p.phase().title().toLowerCase());
            who.add(i.attacker() + (i.victim() == null ? " against many hosts" : " against " + i.victim())
                    + " (" + String.join(", ", steps) + ")");
        }
        String text = who.isEmpty() ? "attack activity" : "attack activity by " + String.join("; ", who.subList(0, Math.min(3, who.size())))
                + (who.size() > 3 ? " and " + (who.size() - 3) + " more" : "");
        return text + ", no sign of a compromise";
    }

    /** ", then moved with svc_sql from 10.0.0.41 to 10.0.0.30": the pivots that took the story to other hosts. */
    private static String moves(Incident i) {
        List<String> out = new ArrayList<>();
        for (Incident.Pivot p : i.pivots()) {
            boolean elsewhere = !p.usedFrom().equals(i.attacker()) || p.usedOn() != null && !p.usedOn().equals(i.victim());
            // the account is the capture's text (an LDAP answer, a logon): one line, no control characters
            String m = TerminalText.safe(p.account()) + " from " + p.usedFrom() + (p.usedOn() == null ? "" : " to " + p.usedOn());
            if (elsewhere && !out.contains(m)) out.add(m);
        }
        if (out.isEmpty()) return "";
        return ", then moved with " + String.join("; ", out.subList(0, Math.min(3, out.size()))) + (out.size() > 3 ? " and " + (out.size() - 3) + " more" : "");
    }

    private static String story(Analysis.Result r) {
        for (Incident i : r.incidents()) {
            if (i.verdict().level() != Verdict.Level.MALICIOUS) continue;
            List<String> steps = new ArrayList<>();
            for (Incident.PhaseSummary p : i.phases()) steps.add(p.phase().title().toLowerCase());
            return i.attacker() + " compromised " + (i.victim() == null ? "several hosts" : i.victim()) + " (" + String.join(" → ", steps) + ")"
                    + moves(i);
        }
        return "attack activity with signs of success";
    }

    /** Files of a multi-file capture listed under the capture line; the JSON lists them all. */
    static final int MAX_FILES_LISTED = 12;

    public static String render(Analysis.Result r, TimeFormat tf, Ansi ansi, int maxFindings) {
        return render(r, tf, ansi, maxFindings, HostNames.none());
    }

    /** With each incident's hosts named as {@code nta hosts} knows them ("DC1 10.0.0.2 (alice@CORP)"). */
    public static String render(Analysis.Result r, TimeFormat tf, Ansi ansi, int maxFindings, HostNames names) {
        StringBuilder sb = new StringBuilder();
        Verdict v = r.verdict();
        String head = "Verdict: " + TerminalText.safe(headline(r));
        sb.append(switch (v.level()) {
            case MALICIOUS -> ansi.red(head);
            case SUSPICIOUS -> ansi.yellow(head);
            case BENIGN -> ansi.green(head);
        }).append('\n');
        int n = 0;
        for (String reason : v.reasons()) {
            if (n++ == 6) {
                sb.append("  … and ").append(v.reasons().size() - 6).append(" more reasons\n");
                break;
            }
            sb.append("  - ").append(TerminalText.safe(reason)).append('\n');
        }
        CaptureSummary c = r.capture();
        if (SecretsNote.masked(r.findings())) sb.append('\n').append(ansi.dim(SecretsNote.TEXT)).append('\n');
        sb.append('\n').append(ansi.dim("Capture: " + TerminalText.safe(c.file()) + ", " + Numbers.count(c.packets()) + " frames, "
                + (c.packets() == 0 ? "empty" : tf.format(c.firstNs(), r.captureStartNs()) + " → " + tf.format(c.lastNs(), r.captureStartNs()))
                + (c.problem() != null ? ", read up to a damaged point" : ""))).append('\n');
        int listed = 0;
        for (org.nta.capture.CapturePart p : c.parts()) {
            if (listed++ == MAX_FILES_LISTED) {
                sb.append(ansi.dim("  … " + (c.parts().size() - MAX_FILES_LISTED) + " more files (see --json)")).append('\n');
                break;
            }
            sb.append(ansi.dim("  " + TerminalText.safe(p.file()) + ": frames " + p.firstFrame() + "–" + p.lastFrame()
                    + (p.packets() == 0 ? ", empty" : ", " + tf.format(p.firstNs(), r.captureStartNs()) + " → " + tf.format(p.lastNs(), r.captureStartNs()))
                    + (p.problem() != null ? ", read up to a damaged point" : "")
                    + (p.overlapsPrevious() ? ", overlaps an earlier file in time (another sensor?)" : ""))).append('\n');
        }
        for (Incident i : r.incidents()) {
            sb.append('\n').append(ansi.bold(TerminalText.safe(party(i.attacker(), i.attackerAddresses(), names) + " → "
                    + party(i.victim(), i.victimAddresses(), names))
                    + "  (" + i.verdict().level().id() + ")")).append('\n');
            TextTable t = new TextTable("Phase", "Status", "Frames", "Started", "ATT&CK", "Findings");
            for (Incident.PhaseSummary p : i.phases()) {
                List<String> types = new ArrayList<>();
                for (int k : p.findings()) {
                    String id = i.findings().get(k).type().id();
                    if (!types.contains(id)) types.add(id);
                }
                t.add(p.phase().title(), p.status().id(), p.firstFrame() + "–" + p.lastFrame(), tf.format(p.firstTimeNs(), r.captureStartNs()),
                        String.join(",", p.techniques()), String.join(", ", types));
            }
            sb.append(indent(t.render()));
            for (Incident.Pivot p : i.pivots()) {
                sb.append("  ").append(TerminalText.safe("Account " + p.describe(a -> a == null ? "many hosts" : names.shortLabel(a)))).append('\n');
            }
        }
        List<Finding> key = new ArrayList<>(r.findings());
        key.sort(BY_SEVERITY);
        int shown = 0;
        boolean attackHeader = false, contextHeader = false;
        for (Finding f : key) {
            if (shown++ == maxFindings) {
                sb.append("  … ").append(key.size() - maxFindings).append(" more (see --report or --json)\n");
                break;
            }
            if (f.attacker() != null && !attackHeader) {
                sb.append('\n').append(ansi.bold("Key findings")).append('\n');
                attackHeader = true;
            } else if (f.attacker() == null && !contextHeader) {
                sb.append('\n').append(ansi.bold("Other observations (no attacker behind them)")).append('\n');
                contextHeader = true;
            }
            String sev = "[" + f.severity().id().toUpperCase() + "]";
            sev = f.severity().atLeast(Severity.HIGH) ? ansi.red(sev) : f.severity() == Severity.MEDIUM ? ansi.yellow(sev) : sev;
            sb.append("  ").append(sev).append(' ').append(f.type().id()).append(": ").append(TerminalText.safe(f.summary())).append('\n');
            sb.append("      frames ").append(f.firstFrame()).append('–').append(f.lastFrame());
            String inFiles = FileFrames.text(r.capture().parts(), f.firstFrame(), f.lastFrame());
            if (inFiles != null) sb.append(" (").append(TerminalText.safe(inFiles)).append(')');
            if (!f.streams().isEmpty()) sb.append(", ").append(streamText(f));
            sb.append(", ").append(tf.format(f.firstTimeNs(), r.captureStartNs())).append('\n');
            String filter = f.filter().length() <= 240 ? f.filter()
                    : f.filter().substring(0, 200) + "… (" + f.filter().length() + " characters: see --report or --json)";
            sb.append("      ").append(ansi.dim("filter: " + TerminalText.safe(filter))).append('\n');
        }
        return sb.toString();
    }

    /** The incident's side as {@link Incident#label}, its first address named when the host is known. */
    static String party(String address, List<String> all, HostNames names) {
        String label = Incident.label(address, all);
        return address == null ? label : names.label(address) + label.substring(address.length());
    }

    /** "stream 7", "streams 7, 9", or "631 streams (1099–1729)" (a long list holds the lowest and the highest). */
    static String streamText(Finding f) {
        List<Integer> streams = f.streams();
        if (streams.size() == 1) return "stream " + streams.get(0);
        if (f.streamCount() <= 6) return "streams " + String.join(", ", streams.stream().map(String::valueOf).toList());
        return Numbers.count(f.streamCount()) + " streams (" + streams.get(0) + "–" + streams.get(streams.size() - 1) + ")";
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String l : s.split("\n")) sb.append("  ").append(l).append('\n');
        return sb.toString();
    }
}
