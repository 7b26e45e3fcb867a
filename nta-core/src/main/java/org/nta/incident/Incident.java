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
 */
public record Incident(String attacker, String victim, Verdict verdict, List<PhaseSummary> phases, List<Finding> findings,
                       long firstFrame, long lastFrame, long firstTimeNs, long lastTimeNs, List<String> attackerAddresses,
                       List<String> victimAddresses) {
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
    }

    /** "fd77::66 (also 192.168.77.66)" */
    public static String label(String address, List<String> all) {
        if (address == null) return "many hosts";
        if (all.size() <= 1) return address;
        return address + " (also " + String.join(", ", all.subList(1, all.size())) + ")";
    }
}
