package org.nta.incident;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

/**
 * Turns findings into stories: one incident per attacker → victim with its phases (reconnaissance → … → actions
 * on objectives), whether each phase succeeded or was only attempted, and a verdict with its reasons.
 */
public final class StoryBuilder {
    private StoryBuilder() {}

    public static List<Incident> incidents(List<Finding> findings) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.attacker() == null) continue;
            groups.computeIfAbsent(f.attacker() + " → " + (f.victim() == null ? "*" : f.victim()), k -> new ArrayList<>()).add(f);
        }
        List<Incident> out = new ArrayList<>();
        for (List<Finding> fs : groups.values()) {
            Finding first = fs.get(0);
            EnumMap<Phase, List<Integer>> byPhase = new EnumMap<>(Phase.class);
            for (int i = 0; i < fs.size(); i++) byPhase.computeIfAbsent(fs.get(i).phase(), k -> new ArrayList<>()).add(i);
            List<Incident.PhaseSummary> phases = new ArrayList<>();
            for (Map.Entry<Phase, List<Integer>> e : byPhase.entrySet()) {
                long ff = Long.MAX_VALUE, lf = 0, ft = Long.MAX_VALUE, lt = Long.MIN_VALUE;
                boolean ok = false, failed = false;
                TreeSet<String> tech = new TreeSet<>();
                for (int i : e.getValue()) {
                    Finding f = fs.get(i);
                    ff = Math.min(ff, f.firstFrame());
                    lf = Math.max(lf, f.lastFrame());
                    ft = Math.min(ft, f.firstTimeNs());
                    lt = Math.max(lt, f.lastTimeNs());
                    if (Boolean.TRUE.equals(f.succeeded())) ok = true;
                    if (Boolean.FALSE.equals(f.succeeded())) failed = true;
                    tech.addAll(f.techniques());
                }
                Incident.Status st = ok ? Incident.Status.SUCCEEDED : failed ? Incident.Status.ATTEMPTED : Incident.Status.OBSERVED;
                phases.add(new Incident.PhaseSummary(e.getKey(), st, e.getValue(), ff, lf, ft, lt, new ArrayList<>(tech)));
            }
            long ff = Long.MAX_VALUE, lf = 0, ft = Long.MAX_VALUE, lt = Long.MIN_VALUE;
            for (Finding f : fs) {
                ff = Math.min(ff, f.firstFrame());
                lf = Math.max(lf, f.lastFrame());
                ft = Math.min(ft, f.firstTimeNs());
                lt = Math.max(lt, f.lastTimeNs());
            }
            out.add(new Incident(first.attacker(), first.victim(), verdict(fs), phases, fs, ff, lf, ft, lt));
        }
        out.sort((a, b) -> {
            int c = Integer.compare(b.verdict().level().ordinal(), a.verdict().level().ordinal());
            return c != 0 ? c : Long.compare(a.firstFrame(), b.firstFrame());
        });
        return out;
    }

    /** The verdict over a set of findings, with the reasons that led to it (most serious first). */
    public static Verdict verdict(List<Finding> findings) {
        List<String> malicious = new ArrayList<>(), suspicious = new ArrayList<>();
        for (Finding f : findings) {
            boolean compromise = switch (f.type()) {
                case WEBSHELL_COMMAND, REVERSE_SHELL -> !Boolean.FALSE.equals(f.succeeded());
                case FILE_UPLOAD -> Boolean.TRUE.equals(f.evidence().get("webshell")) && !Boolean.FALSE.equals(f.succeeded());
                case WEB_ATTACK, LOGIN_BRUTEFORCE -> Boolean.TRUE.equals(f.succeeded()) && f.severity().atLeast(Severity.HIGH);
                default -> f.severity().atLeast(Severity.CRITICAL);
            };
            String reason = f.type().id() + ": " + f.summary() + " (frames " + f.firstFrame() + "–" + f.lastFrame() + ")";
            if (compromise) malicious.add(reason);
            else if (f.severity().atLeast(Severity.MEDIUM)) suspicious.add(reason);
        }
        if (!malicious.isEmpty()) {
            List<String> reasons = new ArrayList<>(malicious);
            reasons.addAll(suspicious);
            return new Verdict(Verdict.Level.MALICIOUS, reasons);
        }
        if (!suspicious.isEmpty()) return new Verdict(Verdict.Level.SUSPICIOUS, suspicious);
        return new Verdict(Verdict.Level.BENIGN, List.of("no finding above low severity"));
    }

    /** True when a finding type belongs to an intrusion that got a foothold. */
    static boolean foothold(FindingType t) {
        return t == FindingType.WEBSHELL_COMMAND || t == FindingType.REVERSE_SHELL;
    }
}
