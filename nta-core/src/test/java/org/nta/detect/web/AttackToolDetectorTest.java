package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

class AttackToolDetectorTest {
    private final WebEvents ev = new WebEvents();
    private final AttackToolDetector d = new AttackToolDetector(WebConfig.DEFAULTS);

    @Test
    void toolByUserAgent() {
        long first = ev.frame;
        for (int i = 0; i < 5; i++) d.onEvent(ev.req("POST", "/index.php").ua("sqlmap/1.7.2#stable (https://sqlmap.org)").form("username=admin&password=x").status(200).tx());
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.evidence()).containsEntry("tool", "sqlmap").containsEntry("version", "1.7.2#stable")
                .containsEntry("detected_by", "user_agent").containsEntry("requests", 5L)
                .containsEntry("user_agent", "sqlmap/1.7.2#stable (https://sqlmap.org)");
        assertThat(f.phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.succeeded()).isNull();
    }

    @Test
    void bruteForcersAndScannersHaveTheirPhase() {
        d.onEvent(ev.req("POST", "/login").ua("Mozilla/5.0 (Hydra)").form("user=a&pass=b").status(200).tx());
        d.onEvent(ev.req("GET", "/").ua("gobuster/3.5").to("10.0.0.6").status(200).tx());
        List<Finding> fs = d.finish();
        assertThat(fs).extracting(f -> f.evidence().get("tool") + " " + f.phase())
                .containsExactlyInAnyOrder("hydra EXPLOITATION", "gobuster ENUMERATION");
    }

    @Test
    void sqlmapBehindABrowserUserAgent() {
        String[] payloads = {"admin') AND 5510=5395 AND ('RwMh'='RwMh", "admin') AND 8852=8852 AND ('MmVL'='MmVL",
                "admin AND 1655=5260-- zmeq", "admin AND 8852=8852-- WUYC"};
        for (String p : payloads) {
            d.onEvent(ev.req("POST", "/index.php").ua(WebEvents.CHROME).form("username=" + java.net.URLEncoder.encode(p,
                    java.nio.charset.StandardCharsets.UTF_8) + "&password=pass").status(200).tx());
        }
        Finding f = d.finish().get(0);
        assertThat(f.evidence()).containsEntry("tool", "sqlmap").containsEntry("detected_by", "behaviour");
        assertThat((Map<String, Object>) f.evidence().get("behaviour")).containsEntry("sqlmap_grammar_requests", 4L);
    }

    @Test
    void wordlistBruteForceBehindABrowserUserAgent() {
        String[] words = {".bash_history", ".bashrc", ".git/HEAD", ".htaccess", ".htpasswd", "admin", "backup", "cgi-bin", "config"};
        for (int i = 0; i < 80; i++) {
            String w = i < words.length ? words[i] : String.format("w%03d", i);
            d.onEvent(ev.req("GET", "/" + w).ua(WebEvents.FIREFOX).tx());
        }
        Finding f = d.finish().get(0);
        assertThat(f.evidence()).containsEntry("tool", "directory brute forcer").containsEntry("detected_by", "behaviour");
        assertThat(f.phase()).isEqualTo(Phase.ENUMERATION);
    }

    @Test
    void plainCurlIsNotReported() {
        for (int i = 0; i < 10; i++) d.onEvent(ev.req("GET", "/about.php").ua("curl/7.88.1").status(200).tx());
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void curlWithPayloadsIsInfoContext() {
        d.onEvent(ev.req("GET", "/ping.php?host=127.0.0.1%3Bid").ua("curl/7.88.1").tx());
        Finding f = d.finish().get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsEntry("tool", "curl").containsEntry("category", "script");
    }

    @Test
    void scriptedClientsOnRequest() {
        AttackToolDetector all = new AttackToolDetector(new WebConfig(10_000, 20, 400, 300, 65536, 4, 50, 40, 0.5, 0.5, 20, 3,
                0.05, true, 10, 5, 5, 300, 0.2, false, false));
        all.onEvent(ev.req("GET", "/").ua("python-requests/2.31.0").status(200).tx());
        assertThat(all.finish()).extracting(f -> f.severity()).containsExactly(Severity.INFO);
    }

    @Test
    void manualBrowsingIsNotATool() {
        for (String p : new String[] {"/index.php", "/editprofile.php", "/uploads/", "/about.php"}) {
            d.onEvent(ev.req("GET", p).ua(WebEvents.FIREFOX).status(200).tx());
        }
        assertThat(d.finish()).isEmpty();
    }
}
