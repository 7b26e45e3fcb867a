package org.nta.investigation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A capture's answer key (captures/NAME.answers.json, schema nta-answers/1).
 *
 * @param pivots the accounts the story must follow from host to host: each {@code account}, {@code obtained_by},
 *               {@code used_from}, {@code used_on} and the {@code incident} ("attacker → victim") it joins
 */
record AnswerKey(String capture, String verdict, List<String> attackers, List<String> benignHosts, List<JsonNode> findings,
                 List<String> absent, Map<String, Set<String>> sameHost, List<JsonNode> pivots) {
    static AnswerKey load(Path json) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        List<JsonNode> findings = new ArrayList<>();
        n.path("findings").forEach(findings::add);
        Map<String, Set<String>> same = new HashMap<>();
        for (JsonNode pair : n.path("same_host")) {
            Set<String> group = new TreeSet<>();
            pair.forEach(a -> group.add(a.asText()));
            for (String a : group) same.put(a, group);
        }
        List<JsonNode> pivots = new ArrayList<>();
        n.path("pivots").forEach(pivots::add);
        return new AnswerKey(n.path("capture").asText(), n.path("verdict").asText(), texts(n.path("attackers")),
                texts(n.path("benign_hosts")), findings, texts(n.path("absent_findings")), same, pivots);
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Whether two addresses name the same host (identical, or an IPv4/IPv6 pair of one host). */
    boolean sameHost(String a, String b) {
        if (a == null || b == null) return a == null && b == null;
        return a.equals(b) || sameHost.getOrDefault(a, Set.of(a)).contains(b);
    }
}
