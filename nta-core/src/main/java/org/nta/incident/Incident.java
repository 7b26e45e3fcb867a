package org.nta.incident;

import java.util.List;

import org.nta.detect.Finding;
import org.nta.detect.Phase;

/**
 * One attacker's story against one victim: the findings in order, grouped into phases.
 *
 * @param victim            null when the findings touch many hosts (a sweep)
 * @param attackerAddresses every address the attacker used ({@code attacker} first): a dual-stack host has two
 * @param victimAddresses   every address of the victim the findings name ({@code victim} first)
 * @param pivots            the accounts this attacker obtained and then used, in this pair's findings or from or
 *                          against other hosts, whose findings then joined this story (empty when none)
 */
public record Incident(String attacker, String victim, Verdict verdict, List<PhaseSummary> phases, List<Finding> findings,
                       long firstFrame, long lastFrame, long firstTimeNs, long lastTimeNs, List<String> attackerAddresses,
                       List<String> victimAddresses, List<Pivot> pivots) {
    /**
     * An account obtained in one finding and used in a later one: the step that carries one intruder's story from
     * the account's theft to its use, and across hosts when another host uses it or is its target.
     *
     * @param obtainedIn the finding type that gave the account away ({@code kerberoasting} …)
     * @param usedIn     the finding type of its use ({@code lateral_movement} …)
     */
    public record Pivot(String account, String obtainedBy, String obtainedIn, long obtainedFrame, String usedFrom,
                        String usedOn, String usedIn, long usedFrame) {
        /**
         * "svc_sql: obtained by A (kerberoasting, frame 412), used from B against C (lateral_movement, frame 980)",
         * each host named by {@code name}.
         */
        public String describe(java.util.function.UnaryOperator<String> name) {
            return account + ": obtained by " + name.apply(obtainedBy) + " (" + obtainedIn + ", frame " + obtainedFrame
                    + "), used from " + name.apply(usedFrom) + (usedOn == null ? "" : " against " + name.apply(usedOn))
                    + " (" + usedIn + ", frame " + usedFrame + ")";
        }
    }

    /** One phase of the story. */
    public record PhaseSummary(Phase phase, Status status, List<Integer> findings, long firstFrame, long lastFrame,
                               long firstTimeNs, long lastTimeNs, List<String> techniques) {
    }

    /** Whether a phase's findings show success. */
    public enum Status {
        SUCCEEDED, ATTEMPTED, OBSERVED;

        public String id() {
            return name().toLowerCase();
        }
    }

    public Incident {
        phases = List.copyOf(phases);
        findings = List.copyOf(findings);
        attackerAddresses = List.copyOf(attackerAddresses);
        victimAddresses = List.copyOf(victimAddresses);
        pivots = List.copyOf(pivots);
    }

    /** "fd77::66 (also 192.168.77.66)" */
    public static String label(String address, List<String> all) {
        if (address == null) return "many hosts";
        if (all.size() <= 1) return address;
        return address + " (also " + String.join(", ", all.subList(1, all.size())) + ")";
    }
}
