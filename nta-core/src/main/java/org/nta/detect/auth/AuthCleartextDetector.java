package org.nta.detect.auth;

import java.util.ArrayList;
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
 * {@code cleartext_credentials} for every protocol that sends a password or community readable on the wire (FTP,
 * Telnet, POP3, IMAP, SMTP AUTH PLAIN/LOGIN, LDAP simple bind, SNMP v1/v2c …): one LOW finding per client,
 * server, protocol and user, as the web detector does for HTTP forms and Basic (left to it). Uses that are part of
 * a guessing burst are the brute force's; a client that guessed on that server and protocol before logging in is
 * using what it found: it is named as the attacker (phase exploitation, T1078, {@code after_guessing}). Otherwise
 * there is no attacker (enumeration, T1040: what an eavesdropper collects). Default credentials and communities are
 * named ({@code default_credential}). Secrets are masked unless {@link AuthConfig#showSecrets()}.
 */
public final class AuthCleartextDetector implements Detector {
    private static final int MAX_LOGINS = 64;

    private final AuthConfig config;
    private final CredentialLog log;
    private final DefaultCredentials defaults;

    public AuthCleartextDetector(AuthConfig config, CredentialLog log) {
        this.config = config;
        this.log = log;
        this.defaults = new DefaultCredentials(config);
    }

    @Override
    public List<Finding> finish() {
        Guessing.Analysis guessing = log.guessing();
        Map<String, List<Use>> groups = new LinkedHashMap<>();
        for (Use u : log.uses()) {
            if (u.web() || !u.cleartext() || guessing.members().contains(u.seq())) continue;
            groups.computeIfAbsent(u.client() + " " + u.server() + " " + u.protocol() + " " + u.userKey(), k -> new ArrayList<>()).add(u);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Use> g : groups.values()) out.add(finding(g, guessing));
        return out;
    }

    private Finding finding(List<Use> g, Guessing.Analysis guessing) {
        Use first = g.get(0), last = g.get(g.size() - 1);
        Guessing.Burst guessed = guessing.before(first.client(), first.server(), first.protocol(), first.secretFrame());
        List<String> secrets = new ArrayList<>();
        List<Map<String, Object>> logins = new ArrayList<>();
        long successes = 0, failures = 0, successFrame = 0, lastFrame = 0;
        boolean dflt = false;
        for (Use u : g) {
            dflt |= defaults.matches(u);
            String shown = Secrets.shown(u.secret(), config);
            if (secrets.size() < 8 && !secrets.contains(config.showSecrets() ? u.secret() : shown)) {
                secrets.add(config.showSecrets() ? u.secret() : shown);
            }
            if (u.accepted() && successes++ == 0) successFrame = u.secretFrame();
            if (u.result() == org.nta.event.Credential.Result.REJECTED) failures++;
            lastFrame = Math.max(lastFrame, u.lastFrame());
            if (logins.size() < MAX_LOGINS) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("frame", u.secretFrame());
                m.put("response_frame", u.frame() == u.secretFrame() ? null : u.frame());
                m.put("stream", u.stream());
                m.put("result", u.result().id());
                m.put("success", u.accepted() ? Boolean.TRUE : u.result() == org.nta.event.Credential.Result.REJECTED ? Boolean.FALSE : null);
                logins.add(m);
            }
        }
        boolean community = first.kind() == org.nta.event.Credential.Kind.COMMUNITY;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("protocol", first.protocol());
        ev.put("method", first.mechanism());
        ev.put("kind", first.kind().id());
        ev.put("username", first.user());
        ev.put("domain", first.domain());
        ev.put("server_port", first.serverPort());
        ev.put("passwords", secrets);
        ev.put("passwords_masked", !config.showSecrets());
        ev.put("default_credential", dflt);
        ev.put("attempts", (long) g.size());
        ev.put("successes", successes);
        ev.put("failures", failures);
        if (successes > 0) ev.put("success_frame", successFrame);
        ev.put("logins", logins);
        ev.put("client", first.client());
        if (guessed != null) {
            ev.put("after_guessing", true);
            ev.put("guessing_first_frame", guessed.first().secretFrame());
        }
        EvidenceFrames frames = AuthEvidence.frames(g, config);
        Boolean ok = successes > 0 ? Boolean.TRUE : failures == g.size() ? Boolean.FALSE : null;
        String what = community ? "SNMP community" : first.protocol() + " credentials (" + first.mechanism() + ")";
        String user = community ? "" : " for " + (first.user() == null ? "(no user name)" : first.user());
        String summary = String.format("Clear-text %s%s%s sent by %s to %s: %d %s, %s", what, user, dflt ? (community ? " (a default community)" : " (a default credential)") : "",
                first.client(), first.server(), g.size(), g.size() == 1 ? "use" : "uses",
                successes > 0 ? "accepted (frame " + successFrame + ")" : failures == g.size() ? "all rejected" : "outcome unknown");
        boolean attack = guessed != null;
        return new Finding(FindingType.CLEARTEXT_CREDENTIALS, Severity.LOW, attack ? Phase.EXPLOITATION : Phase.ENUMERATION,
                attack ? first.client() : null, first.server(), first.secretFrame(), lastFrame, first.secretNs(),
                Math.max(last.timeNs(), last.secretNs()), frames.streams(), frames.filter(first.client(), first.server()), summary, ok,
                attack ? List.of("T1078") : List.of("T1040"), ev);
    }
}
