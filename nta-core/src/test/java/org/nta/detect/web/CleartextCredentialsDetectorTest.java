package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

class CleartextCredentialsDetectorTest {
    private final WebEvents ev = new WebEvents();
    private final CleartextCredentialsDetector d = new CleartextCredentialsDetector(WebConfig.DEFAULTS);

    @Test
    void formLoginIsLowWithMaskedPassword() {
        d.onEvent(ev.req("POST", "/index.php").ua(WebEvents.CHROME).from(WebEvents.USER).form("username=bob&password=bobteh")
                .answer(200, "<p>Invalid username or password</p>").tx());
        long ok = ev.frame;
        d.onEvent(ev.req("POST", "/index.php").ua(WebEvents.CHROME).from(WebEvents.USER).form("username=bob&password=bobthe")
                .status(302).location("/editprofile.php").tx());
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.attacker()).isNull();
        assertThat(f.victim()).isEqualTo(WebEvents.SERVER);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.evidence()).containsEntry("username", "bob").containsEntry("attempts", 2L).containsEntry("failures", 1L)
                .containsEntry("success_frame", ok).containsEntry("client", WebEvents.USER).containsEntry("passwords_masked", true);
        assertThat(f.evidence().get("passwords")).asList().containsExactly("b****h (6)", "b****e (6)");
        assertThat(f.evidence().toString()).doesNotContain("bobthe");
    }

    @Test
    void basicAuth() {
        String b64 = Base64.getEncoder().encodeToString("admin:secret".getBytes());
        d.onEvent(ev.req("GET", "/admin/").header("Authorization", "Basic " + b64).answer(200, "welcome").tx());
        Finding f = d.finish().get(0);
        assertThat(f.evidence()).containsEntry("method", "basic").containsEntry("username", "admin");
        assertThat(f.succeeded()).isTrue();
    }

    @Test
    void revealedOnRequest() {
        CleartextCredentialsDetector r = new CleartextCredentialsDetector(new WebConfig(10_000, 20, 400, 300, 65536, 4, 50, 40,
                0.5, 0.5, 20, 3, 0.05, false, 10, 5, 5, 300, 0.2, true, false));
        r.onEvent(ev.req("POST", "/login").form("user=bob&pass=bobthe").status(302).location("/home").tx());
        assertThat(r.finish().get(0).evidence().get("passwords")).asList().containsExactly("bobthe");
    }

    @Test
    void bruteForceAttemptsAreLeftToTheBruteForceDetectorAndLaterUseNamesTheAttacker() {
        for (int i = 0; i < 15; i++) {
            d.onEvent(ev.req("POST", "/index.php").ua("Mozilla/5.0 (Hydra)").form("username=admin&password=p" + i)
                    .answer(200, "Invalid username or password").tx());
        }
        d.onEvent(ev.req("POST", "/index.php").ua(WebEvents.FIREFOX).form("username=admin&password=S3cr3t%21").status(302).location("/editprofile.php").tx());
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).attacker()).isEqualTo(WebEvents.ATTACKER);
        assertThat(fs.get(0).phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(fs.get(0).evidence()).containsEntry("after_guessing", true);
    }

    @Test
    void injectionPayloadsAreNotCredentials() {
        d.onEvent(ev.req("POST", "/index.php").form("username=admin%27%20OR%20%271%27%3D%271&password=x").status(302).location("/home").tx());
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void formsWithoutPasswordsAreNothing() {
        d.onEvent(ev.req("POST", "/search").form("q=hello&user=bob").answer(200, "ok").tx());
        assertThat(d.finish()).isEmpty();
    }
}
