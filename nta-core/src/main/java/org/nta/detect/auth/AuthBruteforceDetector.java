package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.web.EvidenceFrames;

/**
 * {@code login_bruteforce} on every protocol that emits {@link org.nta.event.Credential} events (FTP, Telnet, mail,
 * HTTP Digest/NTLM, LDAP, SNMP communities, NTLM, Kerberos …): the bursts {@link Guessing} finds, with their
 * pattern (brute force, password spraying, credential stuffing), counts, and the accepted pair and its frame when
 * one worked. HTTP forms and Basic are left to {@link org.nta.detect.web.LoginBruteforceDetector}. The evidence keeps
 * the web finding's field names where they mean the same thing (docs/findings-auth.md).
 */
public final class AuthBruteforceDetector implements Detector {
    private final AuthConfig config;
    private final CredentialLog log;
    private final DefaultCredentials defaults;

    public AuthBruteforceDetector(AuthConfig config, CredentialLog log) {
        this.config = config;
        this.log = log;
        this.defaults = new DefaultCredentials(config);
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Guessing.Burst b : log.guessing().bursts()) if (!b.web()) out.add(finding(b));
        return out;
    }

    private Finding finding(Guessing.Burst b) {
        Use first = b.first(), last = b.last();
        Set<String> users = new LinkedHashSet<>(), mechanisms = new LinkedHashSet<>(), kinds = new LinkedHashSet<>();
        Set<Integer> connections = new LinkedHashSet<>();
        long firstFrame = Long.MAX_VALUE, lastFrame = 0;
        for (Use u : b.uses()) {
            users.add(u.user() == null ? "(none)" : u.user());
            mechanisms.add(u.mechanism());
            kinds.add(u.kind().id());
            connections.add(u.stream());
            firstFrame = Math.min(firstFrame, u.secretFrame());
            lastFrame = Math.max(lastFrame, u.lastFrame());
        }
        EvidenceFrames frames = AuthEvidence.frames(b.uses(), config);
        boolean anyDefault = false;
        List<Map<String, Object>> succ = new ArrayList<>();
        for (Use w : b.wins()) {
            boolean dflt = defaults.matches(w);
            anyDefault |= dflt;
            if (succ.size() >= config.maxSamples()) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", w.secretFrame());
            m.put("response_frame", w.frame());
            m.put("stream", w.stream());
            m.put("username", w.user());
            m.put("password", Secrets.shown(w.secret(), config));
            m.put("default_credential", dflt);
            succ.add(m);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("protocol", b.protocol());
        ev.put("mechanism", String.join(", ", mechanisms));
        ev.put("kind", String.join(", ", kinds));
        ev.put("pattern", b.pattern());
        ev.put("server_port", first.serverPort());
        ev.put("usernames", AuthEvidence.head(users, config.maxSamples()));
        ev.put("usernames_total", users.size());
        ev.put("attempts", b.uses().size());
        ev.put("distinct_passwords", b.secretsKnown() ? b.passwords() : null);
        ev.put("distinct_pairs", b.secretsKnown() ? b.pairs() : null);
        ev.put("failures", b.failures());
        ev.put("unanswered", b.unanswered());
        ev.put("successes", succ);
        if (!b.wins().isEmpty()) {
            Use w = b.wins().get(0);
            ev.put("success_frame", w.secretFrame());
            ev.put("success_response_frame", w.frame());
            ev.put("success_stream", w.stream());
            ev.put("username", w.user());
            ev.put("password", Secrets.shown(w.secret(), config));
        }
        ev.put("passwords_masked", !config.showSecrets());
        ev.put("default_credential", anyDefault);
        ev.put("tool", null);
        ev.put("connections", connections.size());
        ev.put("first_attempt_frame", first.secretFrame());
        ev.put("last_attempt_frame", last.secretFrame());
        ev.put("rate_per_s", AuthEvidence.rate(b.uses().size(), first.secretNs(), last.secretNs()));
        ev.put("duration_s", AuthEvidence.seconds(first.secretNs(), last.secretNs()));
        if (log.dropped() > 0) ev.put("attempts_dropped", log.dropped());
        boolean won = !b.wins().isEmpty();
        Boolean ok = won ? Boolean.TRUE : b.unanswered() > 0 ? null : Boolean.FALSE;
        String what = switch (b.pattern()) {
            case "spraying" -> "Password spraying";
            case "stuffing" -> "Credential stuffing";
            default -> "Login brute force";
        };
        String who = users.size() == 1 ? "user " + users.iterator().next() : users.size() + " users";
        String pw = b.secretsKnown() ? b.passwords() + (first.kind().id().equals("community") ? " communities, " : " passwords, ") : "";
        String summary = String.format("%s against %s on %s by %s: %d attempts (%s%s), %d failed%s; %s", what, b.protocol(), b.server(),
                b.client(), b.uses().size(), pw, who, b.failures(), b.unanswered() > 0 ? ", " + b.unanswered() + " unanswered" : "",
                won ? "SUCCESS for " + (b.wins().get(0).user() == null ? "a " + first.kind().id() : b.wins().get(0).user())
                        + (anyDefault ? " (a default credential)" : "") + " (frame " + b.wins().get(0).secretFrame() + ")" : "no success");
        List<String> tech = new ArrayList<>(List.of(b.technique()));
        if (won) tech.add(anyDefault ? "T1078.001" : "T1078");
        return new Finding(FindingType.LOGIN_BRUTEFORCE, won ? Severity.HIGH : Severity.MEDIUM, Phase.EXPLOITATION, b.client(), b.server(),
                firstFrame, lastFrame, first.secretNs(), Math.max(last.timeNs(), last.secretNs()), frames.streams(),
                frames.filter(b.client(), b.server()), summary, ok, tech, ev);
    }
}
