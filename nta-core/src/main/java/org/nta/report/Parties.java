package org.nta.report;

import java.util.LinkedHashSet;
import java.util.Set;

import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.incident.Incident;

/** The addresses an analysis names as attackers and victims, in the order of the story: incidents first. */
final class Parties {
    private Parties() {}

    static Set<String> of(Analysis.Result r) {
        Set<String> out = new LinkedHashSet<>();
        for (Incident i : r.incidents()) {
            out.addAll(i.attackerAddresses());
            if (i.attacker() != null) out.add(i.attacker());
        }
        for (Incident i : r.incidents()) {
            out.addAll(i.victimAddresses());
            if (i.victim() != null) out.add(i.victim());
        }
        for (Finding f : r.findings()) {
            if (f.attacker() != null) out.add(f.attacker());
            if (f.victim() != null) out.add(f.victim());
        }
        return out;
    }
}
