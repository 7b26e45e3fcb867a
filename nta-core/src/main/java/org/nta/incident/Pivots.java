package org.nta.incident;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.Finding;

/**
 * Joins the stories of attacker → victim pairs into one story per intruder where an account leads from one to the
 * next (and names the account's steps within one pair's story too): the account roasted, sprayed or captured by one host, then used from another host, or against another host,
 * to move (a service created on the next host). The story keeps the name of the pair that obtained the account; a
 * chain (an account obtained in a joined story, used further on) joins the same story.
 */
final class Pivots {
    private Pivots() {}

    /**
     * One story: every finding of the pairs joined, the findings of the pair it is named after, and the pivots that
     * joined the others.
     */
    record Story(List<Finding> findings, List<Finding> first, List<Incident.Pivot> pivots) {
    }

    private record Obtained(int group, Finding finding) {
    }

    static List<Story> join(List<List<Finding>> groups) {
        int n = groups.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        Map<String, List<Obtained>> byAccount = new LinkedHashMap<>();
        for (int g = 0; g < n; g++) {
            for (Finding f : groups.get(g)) {
                for (String a : AccountTrail.obtained(f)) byAccount.computeIfAbsent(a, k -> new ArrayList<>()).add(new Obtained(g, f));
            }
        }
        List<List<Incident.Pivot>> pivots = new ArrayList<>();
        for (int g = 0; g < n; g++) pivots.add(new ArrayList<>());
        if (!byAccount.isEmpty()) {
            Set<String> seen = new HashSet<>();
            for (int g = 0; g < n; g++) {
                for (Finding u : groups.get(g)) {
                    for (String a : AccountTrail.used(u)) {
                        Obtained o = earliestBefore(byAccount.get(a), u.firstFrame());
                        if (o == null || !seen.add(a + ' ' + g)) continue;
                        Finding of = o.finding();
                        pivots.get(o.group()).add(new Incident.Pivot(AccountTrail.name(a), of.attacker(), of.type().id(), of.firstFrame(),
                                u.attacker(), u.victim(), u.type().id(), u.firstFrame()));
                        union(parent, o.group(), g);
                    }
                }
            }
        }
        Map<Integer, Story> stories = new LinkedHashMap<>();
        for (int g = 0; g < n; g++) {
            int r = find(parent, g);
            Story st = stories.computeIfAbsent(r, k -> new Story(new ArrayList<>(), groups.get(k), new ArrayList<>()));
            st.findings().addAll(groups.get(g));
            st.pivots().addAll(pivots.get(g));
        }
        List<Story> out = new ArrayList<>();
        for (Story st : stories.values()) {
            st.pivots().sort(java.util.Comparator.comparingLong(Incident.Pivot::usedFrame));
            out.add(st);
        }
        return out;
    }

    /** The first finding that obtained the account before {@code frame}, or null. */
    private static Obtained earliestBefore(List<Obtained> all, long frame) {
        if (all == null) return null;
        Obtained best = null;
        for (Obtained o : all) {
            if (o.finding().firstFrame() >= frame) continue;
            if (best == null || o.finding().firstFrame() < best.finding().firstFrame()) best = o;
        }
        return best;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins the user's story into the obtainer's, which keeps its name. */
    private static void union(int[] parent, int obtainer, int user) {
        int ro = find(parent, obtainer), ru = find(parent, user);
        if (ro != ru) parent[ru] = ro;
    }

}
