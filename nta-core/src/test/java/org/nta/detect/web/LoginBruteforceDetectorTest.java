package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

class LoginBruteforceDetectorTest {
    private final WebEvents ev = new WebEvents();
    private final LoginBruteforceDetector d = new LoginBruteforceDetector(WebConfig.DEFAULTS);
    private static final String FAIL = "<p>Invalid username or password</p><form><input name=username><input name=password></form>";
    private static final String HYDRA = "Mozilla/5.0 (Hydra)";

    private void attempt(String ua, String user, String pass, boolean ok) {
        WebEvents.Req r = ev.req("POST", "/index.php").ua(ua).form("username=" + user + "&password=" + pass);
        d.onEvent((ok ? r.status(302).location("/editprofile.php") : r.answer(200, FAIL)).tx());
    }

    @Test
    void guessingWithASuccess() {
        long firstGet = ev.frame;
        d.onEvent(ev.req("GET", "/index.php").ua(HYDRA).answer(200, "<form></form>").tx());
        long successFrame = 0;
        for (int i = 0; i < 30; i++) {
            if (i == 20) successFrame = ev.frame;
            attempt(HYDRA, "admin", i == 20 ? "S3cr3t!" : "guess" + i, i == 20);
        }
        long last = ev.frame - 2;
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).containsExactly("T1110.001");
        assertThat(f.firstFrame()).isEqualTo(firstGet);
        assertThat(f.lastFrame()).isEqualTo(last);
        Map<String, Object> e = f.evidence();
        assertThat(e).containsEntry("uri", "/index.php").containsEntry("username_field", "username")
                .containsEntry("attempts", 30).containsEntry("distinct_passwords", 30).containsEntry("failures", 29L)
                .containsEntry("success_frame", successFrame).containsEntry("username", "admin").containsEntry("password", "S*****! (7)")
                .containsEntry("passwords_masked", true).containsEntry("pattern", "brute_force").containsEntry("protocol", "http")
                .containsEntry("tool", "hydra").containsEntry("form_fetches", 1L);
        assertThat(String.valueOf(e)).doesNotContain("S3cr3t!");
        assertThat(e.get("usernames")).asList().containsExactly("admin");
    }

    @Test
    void showSecretsRevealsTheFoundPassword() {
        LoginBruteforceDetector shown = new LoginBruteforceDetector(WebConfig.DEFAULTS.withRevealPasswords(true));
        for (int i = 1; i <= 12; i++) {
            WebEvents.Req r = ev.req("POST", "/index.php").ua(HYDRA).form("username=admin&password=" + (i == 12 ? "S3cr3t!" : "g" + i));
            shown.onEvent((i == 12 ? r.status(302).location("/editprofile.php") : r.answer(200, FAIL)).tx());
        }
        Finding f = shown.finish().get(0);
        assertThat(f.evidence()).containsEntry("password", "S3cr3t!").containsEntry("passwords_masked", false);
    }

    @Test
    void guessingWithoutSuccessIsMedium() {
        for (int i = 0; i < 12; i++) attempt(WebEvents.FIREFOX, "admin", "p" + i, false);
        Finding f = d.finish().get(0);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).doesNotContainKey("success_frame");
    }

    @Test
    void passwordSpraying() {
        for (int i = 0; i < 12; i++) attempt(WebEvents.FIREFOX, "user" + i, "Winter2024", false);
        Finding f = d.finish().get(0);
        assertThat(f.techniques()).containsExactly("T1110.003");
        assertThat(f.evidence()).containsEntry("usernames_total", 12).containsEntry("pattern", "spraying");
    }

    @Test
    void basicAuthGuessing() {
        for (int i = 0; i < 12; i++) {
            String b64 = java.util.Base64.getEncoder().encodeToString(("admin:pw" + i).getBytes());
            WebEvents.Req r = ev.req("GET", "/admin/").ua("Teh Forest Lobster").header("Authorization", "Basic " + b64);
            d.onEvent((i == 11 ? r.answer(200, "welcome") : r.answer(401, "auth required")).tx());
        }
        Finding f = d.finish().get(0);
        assertThat(f.evidence()).containsEntry("method", "basic").containsEntry("password", "p**1 (4)").containsEntry("tool", "medusa");
    }

    @Test
    void aUserMistypingIsNotABruteForce() {
        attempt(WebEvents.CHROME, "bob", "bobteh", false);
        attempt(WebEvents.CHROME, "bob", "Bobthe", false);
        attempt(WebEvents.CHROME, "bob", "bobthe", true);
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void sqlmapOnALoginFormIsNotABruteForce() {
        String ua = "sqlmap/1.7.2#stable (https://sqlmap.org)";
        for (int i = 0; i < 40; i++) {
            String user = i % 3 == 0 ? String.valueOf(1000 + i) : "admin%27%20AND%20" + (1000 + i) + "%3D" + (2000 + i) + "%20AND%20%27abcd%27%3D%27abcd";
            d.onEvent(ev.req("POST", "/index.php").ua(ua).form("username=" + user + "&password=pass" + (i % 7)).answer(200, FAIL).tx());
        }
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void sameAnswerForEverythingIsNotSuccess() {
        // a form that redirects every attempt back: all failures, no success
        for (int i = 0; i < 12; i++) {
            d.onEvent(ev.req("POST", "/login").ua(WebEvents.FIREFOX).form("user=admin&pass=p" + i).status(302).location("/login?e=1").tx());
        }
        Finding f = d.finish().get(0);
        assertThat(f.succeeded()).isFalse();
    }
}
