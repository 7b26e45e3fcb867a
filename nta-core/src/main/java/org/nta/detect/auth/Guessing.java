package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.event.Credential;

/**
 * Password guessing told from credential uses: the uses of one client against one server and protocol, split into
 * bursts by silences longer than {@link AuthConfig#bruteMaxGapSec}, and each burst judged by its shape:
 * <ul>
 * <li>{@code brute_force}: one user (or a few), many passwords (T1110.001);</li>
 * <li>{@code spraying}: one password (or a few), many users (T1110.003);</li>
 * <li>{@code stuffing}: many distinct pairs, each user and each password tried about once (T1110.004).</li>
 * </ul>
 * A burst needs {@link AuthConfig#bruteMinAttempts} uses, {@link AuthConfig#bruteMinDistinct} distinct passwords,
 * users or pairs, {@link AuthConfig#bruteMinFailures} uses not accepted, and no more accepted than failed: a user
 * retyping a password, or a mail client polling with one saved (even wrong) password, is none of these.
 */
final class Guessing {
    private Guessing() {}

    /** One burst judged as guessing. */
    record Burst(String client, String server, String protocol, String pattern, List<Use> uses, List<Use> wins,
                 long failures, long unanswered, int users, int passwords, int pairs, boolean secretsKnown, boolean web) {
        Use first() {
            return uses.get(0);
        }

        Use last() {
            return uses.get(uses.size() - 1);
        }

        /** ATT&CK sub-technique of the pattern. */
        String technique() {
            return switch (pattern) {
                case "spraying" -> "T1110.003";
                case "stuffing" -> "T1110.004";
                default -> "T1110.001";
            };
        }
    }

    /** Every burst found, and the uses that belong to one. */
    record Analysis(List<Burst> bursts, Set<Integer> members) {
        /** Whether this client guessed on this server and protocol before {@code frame}. */
        Burst before(String client, String server, String protocol, long frame) {
            for (Burst b : bursts) {
                if (b.client.equals(client) && b.server.equals(server) && b.protocol.equals(protocol) && b.first().secretFrame() < frame) {
                    return b;
                }
            }
            return null;
        }
    }

    static Analysis analyze(List<Use> uses, AuthConfig config) {
        Map<String, List<Use>> groups = new LinkedHashMap<>();
        for (Use u : uses) groups.computeIfAbsent(u.client() + " " + u.server() + " " + u.protocol(), k -> new ArrayList<>()).add(u);
        List<Burst> bursts = new ArrayList<>();
        Set<Integer> members = new HashSet<>();
        long gap = config.bruteMaxGapSec() * 1_000_000_000L;
        for (List<Use> g : groups.values()) {
            List<Use> burst = new ArrayList<>();
            Set<String> won = new HashSet<>();
            for (Use u : g) {
                if (!burst.isEmpty() && u.secretNs() - burst.get(burst.size() - 1).secretNs() > gap) {
                    judge(burst, config, bursts, members);
                    burst = new ArrayList<>();
                    won.clear();
                }
                // logging in again with a pair already accepted is using what was found, not guessing: not an attempt
                if (u.result() == Credential.Result.ACCEPTED && u.secret() != null && !won.add(u.userKey() + "\u0000" + u.secret())) continue;
                burst.add(u);
            }
            judge(burst, config, bursts, members);
        }
        bursts.sort((a, b) -> Long.compare(a.first().secretFrame(), b.first().secretFrame()));
        return new Analysis(bursts, members);
    }

    private static void judge(List<Use> burst, AuthConfig config, List<Burst> out, Set<Integer> members) {
        Burst b = judge(burst, config);
        if (b == null) return;
        out.add(b);
        for (Use u : burst) members.add(u.seq());
    }

    /** The burst as guessing, or null when it is not. */
    static Burst judge(List<Use> burst, AuthConfig config) {
        if (burst.size() < config.bruteMinAttempts()) return null;
        Map<String, Set<String>> perUser = new HashMap<>(), perPassword = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        List<Use> wins = new ArrayList<>();
        long failures = 0, unanswered = 0, known = 0;
        for (Use u : burst) {
            perUser.computeIfAbsent(u.userKey(), k -> new HashSet<>());
            if (u.secret() != null) {
                known++;
                perUser.get(u.userKey()).add(u.secret());
                perPassword.computeIfAbsent(u.secret(), k -> new HashSet<>()).add(u.userKey());
                pairs.add(u.userKey() + "\u0000" + u.secret());
            }
            switch (u.result()) {
                case ACCEPTED -> wins.add(u);
                case REJECTED -> failures++;
                default -> unanswered++;
            }
        }
        if (failures + unanswered < config.bruteMinFailures() || wins.size() > failures + unanswered) return null;
        int users = perUser.size(), passwords = perPassword.size();
        boolean secretsKnown = known * 2 >= burst.size();
        String pattern;
        if (!secretsKnown) {
            // hashes and mechanisms that hide the password: only the users tell the shape, and one user failing
            // again and again may be a stale saved password, told from guessing by its pace
            pattern = users >= config.bruteMinDistinct() ? "spraying" : "brute_force";
            if (users < config.bruteMinDistinct()) {
                long spanNs = burst.get(burst.size() - 1).secretNs() - burst.get(0).secretNs();
                if (spanNs > 0 && burst.size() * 60e9 / spanNs < config.blindMinPerMinute()) return null;
            }
        } else {
            if (passwords < config.bruteMinDistinct() && users < config.bruteMinDistinct()) return null;
            int maxPwPerUser = 0, maxUsersPerPw = 0;
            for (Set<String> s : perUser.values()) maxPwPerUser = Math.max(maxPwPerUser, s.size());
            for (Set<String> s : perPassword.values()) maxUsersPerPw = Math.max(maxUsersPerPw, s.size());
            if (users >= config.bruteMinDistinct() && pairs.size() >= config.bruteMinDistinct()
                    && maxPwPerUser <= config.stuffingMaxRepeats() && maxUsersPerPw <= config.stuffingMaxRepeats()) {
                pattern = "stuffing";
            } else if (maxUsersPerPw >= config.bruteMinDistinct() && maxUsersPerPw > maxPwPerUser) {
                pattern = "spraying";
            } else {
                pattern = "brute_force";
            }
        }
        Use first = burst.get(0);
        return new Burst(first.client(), first.server(), first.protocol(), pattern, List.copyOf(burst), wins, failures, unanswered,
                users, passwords, pairs.size(), secretsKnown, first.web());
    }
}
