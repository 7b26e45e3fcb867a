package org.nta.detect.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

/** A poisoning responder as a finding: the names it answered, whom it lured, and the logons it received. */
final class PoisoningFindings {
    private PoisoningFindings() {}

    static Finding finding(Responder r, List<String> foreign, NamesConfig config) {
        boolean captured = !r.credentials.isEmpty();
        Severity sev = captured ? Severity.HIGH : Severity.MEDIUM;
        String victim = captured ? r.credentials.get(0).victim() : r.askers.iterator().next();
        List<String> signals = new ArrayList<>();
        if (foreign.size() >= config.minForeignNames()) signals.add("answered " + foreign.size() + " names that are not its own, each with its own address");
        for (Responder.Conflict c : r.conflicts) signals.add("answered " + c.name() + ", which " + c.owner() + " owns (frame " + c.frame() + ")");
        if (!r.connections.isEmpty()) signals.add("askers then connected to it (" + String.join(", ", r.connections.keySet()) + ")");
        if (captured) signals.add("askers then logged on to it with NTLM: a challenge-response to crack or relay");
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("poisoner", r.addr);
        ev.put("protocols", new ArrayList<>(r.protocols));
        ev.put("names", foreign);
        ev.put("answers_given", r.answerCount);
        if (r.namesNotKept > 0) ev.put("names_not_kept", r.namesNotKept);
        ev.put("askers", new ArrayList<>(r.askers));
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Responder.Answer a : r.answers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", a.frame());
            m.put("protocol", a.protocol());
            m.put("name", a.name());
            m.put("asker", a.asker());
            m.put("address", a.address());
            answers.add(m);
        }
        ev.put("answers", answers);
        List<Map<String, Object>> conflicts = new ArrayList<>();
        for (Responder.Conflict c : r.conflicts) { // in this order: Map.of's changes from run to run
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", c.frame());
            m.put("name", c.name());
            m.put("owner", c.owner());
            conflicts.add(m);
        }
        ev.put("conflicts", conflicts);
        List<Map<String, Object>> connections = new ArrayList<>();
        r.connections.forEach((k, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connection", k);
            m.put("frame", v);
            connections.add(m);
        });
        ev.put("connections", connections);
        List<Map<String, Object>> creds = new ArrayList<>();
        TreeSet<Long> frames = new TreeSet<>();
        for (Responder.Answer a : r.answers) frames.add(a.frame());
        for (Responder.Captured c : r.credentials) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", c.frame());
            m.put("victim", c.victim());
            m.put("user", c.user());
            m.put("domain", c.domain());
            m.put("workstation", c.workstation());
            m.put("carrier", c.carrier());
            m.put("kind", c.kind());
            creds.add(m);
            frames.add(c.frame());
        }
        ev.put("credentials", creds);
        ev.put("signals", signals);
        String names = String.join(", ", foreign.subList(0, Math.min(6, foreign.size()))) + (foreign.size() > 6 ? ", …" : "");
        StringBuilder summary = new StringBuilder(r.addr).append(" poisoned name resolution: answered ")
                .append(foreign.isEmpty() ? "names other hosts own" : foreign.size() + (foreign.size() == 1 ? " name" : " names") + " it does not own (" + names + ")")
                .append(" over ").append(String.join(" and ", r.protocols.stream().map(p -> p.toUpperCase(java.util.Locale.ROOT)).toList()))
                .append(" with its own address to ").append(String.join(", ", r.askers));
        if (captured) {
            Responder.Captured c = r.credentials.get(0);
            summary.append("; ").append(c.victim()).append(" then logged on to it as ")
                    .append(c.domain().isEmpty() ? c.user() : c.domain() + "\\" + c.user()).append(" (").append(c.kind()).append(" over ")
                    .append(c.carrier()).append(", frame ").append(c.frame()).append(")");
            if (r.credentials.size() > 1) summary.append(" and ").append(r.credentials.size() - 1).append(" more logons");
        }
        List<String> tech = captured ? List.of("T1557.001", "T1187") : List.of("T1557.001");
        return new Finding(FindingType.NAME_POISONING, sev, Phase.EXPLOITATION, r.addr, victim, r.firstFrame, r.lastFrame,
                r.firstNs, r.lastNs, r.streams, Filters.frameSet(frames), summary.toString(), captured ? Boolean.TRUE : null, tech, ev);
    }
}
