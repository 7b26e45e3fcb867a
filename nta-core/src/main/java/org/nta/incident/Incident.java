package org.nta.incident;

import java.util.List;

import org.nta.detect.Finding;
import org.nta.detect.Phase;

/**
 * One attacker's story against one victim: the findings in order, grouped into phases.
 *
 * @param victim null when the findings touch many hosts (a sweep)
 */
public record Incident(String attacker, String victim, Verdict verdict, List<PhaseSummary> phases, List<Finding> findings,
                       long firstFrame, long lastFrame, long firstTimeNs, long lastTimeNs) {
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
    }
}
