package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

class ContentDiscoveryDetectorTest {
    private final WebEvents ev = new WebEvents();
    private final ContentDiscoveryDetector d = new ContentDiscoveryDetector(WebConfig.DEFAULTS);

    private void bruteForce(String ua, int n) {
        for (int i = 0; i < n; i++) d.onEvent(ev.req("GET", String.format("/word%04d", i)).ua(ua).conn(i % 5).tx());
    }

    @Test
    void bruteForceWithFindsAndSizeOutliers() {
        long first = ev.frame;
        d.onEvent(ev.req("GET", "/").ua("gobuster/3.5").answer(200, "<html>home</html>").tx());
        bruteForce("gobuster/3.5", 120);
        d.onEvent(ev.req("GET", "/admin").ua("gobuster/3.5").status(401).tx());
        d.onEvent(ev.req("GET", "/uploads").ua("gobuster/3.5").status(301).location("http://10.0.0.5/uploads/").tx());
        d.onEvent(ev.req("GET", "/secret").ua("gobuster/3.5").answer(404, "x".repeat(5000)).tx());
        long last = ev.frame - 2;
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.CONTENT_DISCOVERY);
        assertThat(f.phase()).isEqualTo(Phase.ENUMERATION);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.techniques()).containsExactly("T1595.003");
        assertThat(f.attacker()).isEqualTo(WebEvents.ATTACKER);
        assertThat(f.victim()).isEqualTo(WebEvents.SERVER);
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.lastFrame()).isEqualTo(last);
        assertThat(f.succeeded()).isTrue();
        Map<String, Object> e = f.evidence();
        assertThat(e.get("tool")).isEqualTo("gobuster");
        assertThat(e.get("tool_version")).isEqualTo("3.5");
        assertThat(e.get("requests")).isEqualTo(124L);
        assertThat((Map<String, Long>) e.get("status_counts")).containsEntry("404", 121L).containsEntry("401", 1L);
        assertThat((List<Map<String, Object>>) e.get("found")).extracting(m -> m.get("path") + " " + m.get("status"))
                .containsExactly("/ 200", "/admin 401", "/uploads 301");
        assertThat((List<Map<String, Object>>) e.get("size_outliers")).extracting(m -> m.get("path")).containsExactly("/secret");
        assertThat(f.filter()).contains("frame.number");
    }

    @Test
    void softNotFoundIsNotAFind() {
        // a catch-all server answering 200 with the same page to everything
        for (int i = 0; i < 100; i++) {
            d.onEvent(ev.req("GET", "/w" + i).ua("Fuzz Faster U Fool v2.0.0").answer(200, "<html>welcome</html>").tx());
        }
        d.onEvent(ev.req("GET", "/real").ua("Fuzz Faster U Fool v2.0.0").answer(200, "<html>a real page, longer</html>").tx());
        Finding f = d.finish().get(0);
        assertThat((Map<String, Object>) f.evidence().get("soft_not_found")).containsEntry("status", 200);
        assertThat((List<Map<String, Object>>) f.evidence().get("found")).extracting(m -> m.get("path")).containsExactly("/real");
    }

    @Test
    void ordinaryBrowsingWithSome404sIsNothing() {
        for (int i = 0; i < 60; i++) {
            d.onEvent(ev.req("GET", "/page" + (i % 6) + ".php").ua(WebEvents.CHROME).from(WebEvents.USER).answer(200, "ok").tx());
        }
        d.onEvent(ev.req("GET", "/favicon.ico").ua(WebEvents.CHROME).from(WebEvents.USER).tx());
        d.onEvent(ev.req("GET", "/old-bookmark").ua(WebEvents.CHROME).from(WebEvents.USER).tx());
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void crawlerOfExistingPagesIsNothing() {
        for (int i = 0; i < 200; i++) d.onEvent(ev.req("GET", "/article/" + i).ua("Googlebot").answer(200, "article ".repeat(i + 1)).tx());
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void toolAndBrowserOfOneHostAreSeparateSessions() {
        bruteForce("gobuster/3.5", 100);
        for (int i = 0; i < 10; i++) d.onEvent(ev.req("GET", "/index.php").ua(WebEvents.FIREFOX).answer(200, "home").tx());
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence().get("requests")).isEqualTo(100L);
    }

    @Test
    void belowThresholdIsNothing() {
        bruteForce("gobuster/3.5", 30);
        assertThat(d.finish()).isEmpty();
    }
}
