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

    /**
     * Names the attacker of an observation that had none when the client it reached attacks the same server
     * elsewhere in the capture (a directory listing the attacker's browser was shown is part of the enumeration);
     * the observation then succeeded. Everything else is returned as it is.
     */
    public static List<Finding> attribute(List<Finding> findings, Map<String, List<String>> sameHost) {
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (Finding f : findings) {
            if (f.attacker() != null && f.victim() != null && f.severity().atLeast(Severity.MEDIUM)) {
                pairs.add(host(f.attacker(), sameHost) + " " + host(f.victim(), sameHost));
            }
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Object client = f.evidence().get("client");
            boolean byAttacker = f.attacker() == null && f.victim() != null && client instanceof String c
                    && pairs.contains(host(c, sameHost) + " " + host(f.victim(), sameHost));
            out.add(byAttacker ? new Finding(f.type(), f.severity(), f.phase(), (String) client, f.victim(), f.firstFrame(),
                    f.lastFrame(), f.firstTimeNs(), f.lastTimeNs(), f.streams(), f.filter(), f.summary(), Boolean.TRUE,
                    f.techniques(), f.evidence(), f.streamCount()) : f);
        }
        return out;
    }

    public static List<Incident> incidents(List<Finding> findings) {
        return incidents(findings, Map.of());
    }

    /**
     * @param sameHost address → every address of that host (a dual-stack host's IPv4 and IPv6 addresses); one host's
     *                 findings against one host make one story, whichever addresses they used
     */
    public static List<Incident> incidents(List<Finding> findings, Map<String, List<String>> sameHost) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        List<Finding> sweeps = new ArrayList<>();
        for (Finding f : findings) {
            if (f.attacker() == null) continue;
            if (f.victim() == null) {
                sweeps.add(f);
                continue;
            }
            groups.computeIfAbsent(host(f.attacker(), sameHost) + " → " + host(f.victim(), sameHost), k -> new ArrayList<>()).add(f);
        }
        // a sweep is the first step of the attacks its source then made on the hosts it found
        for (Finding sw : sweeps) {
            boolean joined = false;
            Object swept = sw.evidence().get("hosts");
            for (List<Finding> fs : groups.values()) {
                Finding first = fs.get(0);
                boolean sameAttacker = host(first.attacker(), sameHost).equals(host(sw.attacker(), sameHost));
                if (sameAttacker && swept instanceof List<?> hosts && anyAddress(hosts, first.victim(), sameHost)) {
                    fs.add(sw);
                    joined = true;
                }
            }
            if (!joined) groups.computeIfAbsent(host(sw.attacker(), sameHost) + " → *", k -> new ArrayList<>()).add(sw);
        }
        List<Incident> out = new ArrayList<>();
        for (Pivots.Story st : Pivots.join(new ArrayList<>(groups.values()))) {
            st.findings().sort(java.util.Comparator.comparingLong(Finding::firstFrame));
            st.first().sort(java.util.Comparator.comparingLong(Finding::firstFrame));
            out.add(incident(st.findings(), st.first(), st.pivots(), sameHost));
        }
        out.sort((a, b) -> {
            int c = Integer.compare(b.verdict().level().ordinal(), a.verdict().level().ordinal());
            return c != 0 ? c : Long.compare(a.firstFrame(), b.firstFrame());
        });
        return out;
    }

    private static String host(String address, Map<String, List<String>> sameHost) {
        List<String> all = sameHost.get(address);
        return all == null ? address : all.get(0);
    }

    private static boolean anyAddress(List<?> hosts, String victim, Map<String, List<String>> sameHost) {
        List<String> addrs = sameHost.getOrDefault(victim, List.of(victim));
        for (Object h : hosts) if (addrs.contains(String.valueOf(h))) return true;
        return false;
    }

    /**
     * @param own the findings of the attacker → victim pair the story is named after; the others joined it through
     *            {@code pivots} (an account it obtained, used from or against another host)
     */
    private static Incident incident(List<Finding> fs, List<Finding> own, List<Incident.Pivot> pivots,
                                     Map<String, List<String>> sameHost) {
        Finding main = own.get(0);
        for (Finding f : own) if (f.victim() != null) { main = f; break; }
        TreeSet<String> attackers = new TreeSet<>(), victims = new TreeSet<>();
        EnumMap<Phase, List<Integer>> byPhase = new EnumMap<>(Phase.class);
        for (int i = 0; i < fs.size(); i++) {
            Finding f = fs.get(i);
            byPhase.computeIfAbsent(f.phase(), k -> new ArrayList<>()).add(i);
        }
        for (Finding f : own) {
            attackers.add(f.attacker());
            if (f.victim() != null) victims.add(f.victim());
        }
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
        return new Incident(main.attacker(), main.victim(), verdict(fs), phases, fs, ff, lf, ft, lt,
                ordered(main.attacker(), attackers), ordered(main.victim(), victims), pivots);
    }

    /** The addresses used, the incident's own first. */
    private static List<String> ordered(String first, TreeSet<String> all) {
        List<String> out = new ArrayList<>();
        if (first != null) out.add(first);
        for (String a : all) if (!a.equals(first)) out.add(a);
        return out;
    }

    /** The verdict over a set of findings, with the reasons that led to it (most serious first). */
    public static Verdict verdict(List<Finding> findings) {
        List<String> malicious = new ArrayList<>(), suspicious = new ArrayList<>();
        for (Finding f : findings) {
            boolean compromise = switch (f.type()) {
                case WEBSHELL_COMMAND, REVERSE_SHELL -> !Boolean.FALSE.equals(f.succeeded());
                case FILE_UPLOAD -> Boolean.TRUE.equals(f.evidence().get("webshell")) && !Boolean.FALSE.equals(f.succeeded());
                case WEB_ATTACK, LOGIN_BRUTEFORCE, CREDENTIAL_REUSE, POST_LOGIN_ACTIVITY -> Boolean.TRUE.equals(f.succeeded()) && f.severity().atLeast(Severity.HIGH);
                // a command channel established, data gone to the attacker, a payload that then called out
                case BEACON, DNS_TUNNEL -> f.severity().atLeast(Severity.HIGH) && !Boolean.FALSE.equals(f.succeeded());
                case EXFILTRATION -> f.severity().atLeast(Severity.HIGH);
                case PAYLOAD_DELIVERY -> f.evidence().containsKey("followed_by");
                // a crackable Kerberos hash obtained, an executable dropped on an admin share
                case KERBEROASTING, ASREP_ROASTING -> Boolean.TRUE.equals(f.succeeded()) && f.severity().atLeast(Severity.HIGH);
                case LATERAL_MOVEMENT -> f.severity().atLeast(Severity.HIGH) && !Boolean.FALSE.equals(f.succeeded());
                case DCSYNC, ZEROLOGON -> Boolean.TRUE.equals(f.succeeded());
                // a logon lured to the poisoner: its NTLM response is the attacker's to crack or relay
                case NAME_POISONING -> Boolean.TRUE.equals(f.succeeded()) && f.severity().atLeast(Severity.HIGH);
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
