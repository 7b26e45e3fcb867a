package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.web.EvidenceFrames;

/**
 * {@code credential_reuse} (T1078): a password first seen in one place, then used elsewhere (another server or
 * protocol). Two origins count:
 * <ul>
 * <li>found by guessing: the accepted pair of a brute force, spraying or stuffing burst (on any protocol, HTTP
 * forms included); whoever uses it elsewhere is the attacker (HIGH when accepted, else MEDIUM);</li>
 * <li>sent in clear text by one client and used later by another client elsewhere: the credential moved between
 * hosts (sniffed, or read from a file or mail). Without guessing this is an observation (LOW, no attacker, the
 * using client in {@code client}); the story names the client as attacker when it attacks that server elsewhere.</li>
 * </ul>
 * The same client using its own password on two services is ordinary and not reported, and so is a client whose
 * password was accepted before guessing found it (the account's owner, logging in as usual); default credentials,
 * communities and empty passwords are only followed when found by guessing. One finding per origin and per
 * client, server and protocol it was used on.
 */
public final class CredentialReuseDetector implements Detector {
    private final AuthConfig config;
    private final CredentialLog log;
    private final DefaultCredentials defaults;

    public CredentialReuseDetector(AuthConfig config, CredentialLog log) {
        this.config = config;
        this.log = log;
        this.defaults = new DefaultCredentials(config);
    }

    /** Where a credential was first seen: the use, and how ("brute_force", "spraying", "stuffing" or "cleartext"). */
    record Origin(Use use, String how) {
    }

    @Override
    public List<Finding> finish() {
        Guessing.Analysis guessing = log.guessing();
        Map<String, Origin> found = new HashMap<>(), seen = new HashMap<>();
        for (Guessing.Burst b : guessing.bursts()) {
            for (Use w : b.wins()) if (w.secret() != null) found.putIfAbsent(key(w), new Origin(w, b.pattern()));
        }
        Map<String, List<Use>> uses = new LinkedHashMap<>();
        Map<String, Origin> origins = new HashMap<>();
        for (Use u : log.uses()) {
            if (u.secret() == null || u.secret().isEmpty()) continue;
            String k = key(u);
            Origin o = found.get(k);
            if (o != null && o.use().secretFrame() < u.secretFrame()) {
                if (elsewhere(o.use(), u) && !guessing.members().contains(u.seq()) && !log.ownerBefore(u, o.use().secretFrame())) {
                    add(uses, origins, o, u);
                    continue;
                }
                // the guesser logging in again where it guessed: its own brute force explains it, not a clear-text copy
                if (o.use().client().equals(u.client())) continue;
            }
            Origin c = seen.get(k);
            if (c != null && !c.use().client().equals(u.client()) && elsewhere(c.use(), u) && !defaults.matches(u)
                    && u.kind() == org.nta.event.Credential.Kind.PASSWORD && !guessing.members().contains(u.seq())) {
                add(uses, origins, c, u);
            }
            if (u.cleartext() && !guessing.members().contains(u.seq())) seen.putIfAbsent(k, new Origin(u, "cleartext"));
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<Use>> e : uses.entrySet()) out.add(finding(origins.get(e.getKey()), e.getValue()));
        out.sort((a, b) -> Long.compare(a.firstFrame(), b.firstFrame()));
        return out;
    }

    /**
     * Drops the clear-text observations whose two clients are one dual-stack host (its IPv4 and IPv6 addresses, as
     * {@code engine.HostAddresses} tells once the capture is read): that is the same client using its own password,
     * which {@link #finish()} already leaves out when both uses come from one address. Reuse found by guessing stays.
     */
    public static List<Finding> withoutOwnAddresses(List<Finding> findings, Map<String, List<String>> sameHost) {
        if (sameHost.isEmpty()) return findings;
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.type() == FindingType.CREDENTIAL_REUSE && "cleartext".equals(f.evidence().get("found_by"))
                    && f.evidence().get("origin") instanceof Map<?, ?> origin && origin.get("client") instanceof String from
                    && f.evidence().get("client") instanceof String to && sameHost.getOrDefault(from, List.of()).contains(to)) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private static void add(Map<String, List<Use>> uses, Map<String, Origin> origins, Origin o, Use u) {
        String k = o.use().seq() + " " + u.client() + " " + u.server() + " " + u.protocol();
        uses.computeIfAbsent(k, x -> new ArrayList<>()).add(u);
        origins.putIfAbsent(k, o);
    }

    private static String key(Use u) {
        return u.userKey() + "\u0000" + u.secret();
    }

    private static boolean elsewhere(Use a, Use b) {
        return !a.server().equals(b.server()) || !a.protocol().equals(b.protocol());
    }

    private Finding finding(Origin o, List<Use> g) {
        Use src = o.use(), first = g.get(0);
        boolean byGuessing = !o.how().equals("cleartext");
        Use accepted = null;
        long lastFrame = 0, lastNs = 0;
        for (Use u : g) {
            if (accepted == null && u.accepted()) accepted = u;
            lastFrame = Math.max(lastFrame, u.lastFrame());
            lastNs = Math.max(lastNs, Math.max(u.timeNs(), u.secretNs()));
        }
        List<Use> all = new ArrayList<>(g);
        all.add(0, src);
        EvidenceFrames frames = AuthEvidence.frames(all, config);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("username", src.user());
        ev.put("password", Secrets.shown(src.secret(), config));
        ev.put("passwords_masked", !config.showSecrets());
        ev.put("found_by", o.how());
        ev.put("origin", place(src));
        ev.put("used", place(first));
        ev.put("uses", (long) g.size());
        ev.put("accepted", accepted != null);
        if (accepted != null) ev.put("success_frame", accepted.secretFrame());
        ev.put("client", first.client());
        String how = byGuessing ? "found by " + o.how().replace('_', ' ') : "sent in clear text by " + src.client();
        String summary = String.format("Credential of %s %s on %s %s (frame %d), used on %s %s by %s (frame %d): %s", src.user() == null ? "(no user)" : src.user(),
                how, src.protocol(), src.server(), src.secretFrame(), first.protocol(), first.server(), first.client(), first.secretFrame(),
                accepted != null ? "accepted (frame " + accepted.secretFrame() + ")" : first.result().id());
        Severity sev = byGuessing ? (accepted != null ? Severity.HIGH : Severity.MEDIUM) : Severity.LOW;
        Boolean ok = accepted != null ? Boolean.TRUE : g.stream().allMatch(u -> u.result() == org.nta.event.Credential.Result.REJECTED) ? Boolean.FALSE : null;
        return new Finding(FindingType.CREDENTIAL_REUSE, sev, Phase.EXPLOITATION, byGuessing ? first.client() : null, first.server(),
                Math.min(src.secretFrame(), first.secretFrame()), Math.max(lastFrame, src.lastFrame()), src.secretNs(), lastNs,
                frames.streams(), frames.filter(null, null), summary, ok, List.of("T1078"), ev);
    }

    private static Map<String, Object> place(Use u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", u.protocol());
        m.put("mechanism", u.mechanism());
        m.put("client", u.client());
        m.put("server", u.server());
        m.put("server_port", u.serverPort());
        m.put("frame", u.secretFrame());
        m.put("response_frame", u.frame());
        m.put("stream", u.stream());
        m.put("result", u.result().id());
        return m;
    }
}
