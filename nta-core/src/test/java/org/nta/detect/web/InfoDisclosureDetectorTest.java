package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.TcpSession;

class InfoDisclosureDetectorTest {
    private final WebEvents ev = new WebEvents();
    private final InfoDisclosureDetector d = new InfoDisclosureDetector(WebConfig.DEFAULTS);
    private static final String DB_ERROR = "<b>Warning</b>: SQLite3::query(): Unable to prepare statement: 1, near \",\": "
            + "syntax error in /var/www/html/index.php on line 9 (connected as root:bobthe@localhost)";

    @Test
    void databaseErrorsLeakingCredentials() {
        long first = ev.frame + 1;
        for (int i = 0; i < 3; i++) {
            d.onEvent(ev.req("POST", "/index.php").ua("sqlmap/1.7.2").form("username=admin%27%29%20AND%201%3D2--%20abcd&password=x")
                    .answer(200, DB_ERROR).tx());
        }
        List<Finding> fs = notBanners(d.finish());
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.phase()).isEqualTo(Phase.ENUMERATION);
        assertThat(f.attacker()).isEqualTo(WebEvents.ATTACKER);
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.evidence()).containsEntry("kind", "db_error").containsEntry("responses", 3L);
        assertThat(f.evidence().get("credentials")).asList().containsExactly("root:b****e (6)@localhost");
        assertThat(f.evidence()).containsEntry("passwords_masked", true);
        assertThat(String.valueOf(f.evidence()) + f.summary()).doesNotContain("bobthe");
        InfoDisclosureDetector shown = new InfoDisclosureDetector(WebConfig.DEFAULTS.withRevealPasswords(true));
        shown.onEvent(ev.req("POST", "/index.php").ua("sqlmap/1.7.2").form("username=admin%27%29%20AND%201%3D2--%20abcd&password=x")
                .answer(200, DB_ERROR).tx());
        assertThat(notBanners(shown.finish()).get(0).evidence().get("credentials")).asList().containsExactly("root:bobthe@localhost");
        assertThat(f.evidence().get("server_paths")).asList().containsExactly("/var/www/html/index.php");
        assertThat(f.evidence().get("server_banners")).asList().containsExactly("Server: Apache/2.4.71 (Debian)");
    }

    @Test
    void dataBetweenInjectionMarkers() {
        d.onEvent(ev.req("GET", "/product.php?id=1%20UNION%20ALL%20SELECT%20NULL%2CCHAR%28113%2C122%2C112%2C98%2C113%29%7C%7C"
                        + "JSON_GROUP_ARRAY%28COALESCE%28id%2CCHAR%2832%29%29%7C%7CCHAR%2897%2C98%2C102%2C110%2C116%2C111%29%7C%7C"
                        + "COALESCE%28password%2CCHAR%2832%29%29%29%7C%7CCHAR%28113%2C98%2C112%2C98%2C113%29%2CNULL%20FROM%20users--%20Lohe")
                .ua("sqlmap/1.7.2").answer(200, "<td>qzpbq[\"1abfntoS3cr3t!\",\"2abfntobobthe\"]qbpbq</td>").tx());
        Finding f = d.finish().get(0);
        assertThat(f.phase()).isEqualTo(Phase.ACTIONS_ON_OBJECTIVES);
        assertThat(f.evidence().get("extracted")).asList().containsExactly("[\"1 | S3cr3t!\",\"2 | bobthe\"]");
    }

    @Test
    void passwdReadThroughAWebShellNamesTheClient() {
        d.onEvent(ev.req("POST", "/uploads/img.phtml").form("c=cat+%2Fetc%2Fpasswd")
                .answer(200, "root:x:0:0:root:/root:/bin/bash\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n").answerType("text/html").tx());
        Finding f = d.finish().get(0);
        assertThat(f.attacker()).isEqualTo(WebEvents.ATTACKER);
        assertThat(f.evidence()).containsEntry("kind", "system_file");
        assertThat(f.evidence().get("details")).asList().containsExactly("/etc/passwd");
    }

    @Test
    void shadowInARawConnectionBelongsToItsReceiver() {
        ConnInfo c = new ConnInfo("tcp", 7, 4, "10.0.0.5", 41000, "10.0.0.66", 9001);
        byte[] cmd = "cat /etc/shadow\n".getBytes(StandardCharsets.UTF_8);
        byte[] out = "root:*:19000:0:99999:7:::\nbob:$6$Qq1v0lS7$0f4yJcBq6r1m6l9bPzQx0dU2v5m3:19000:0:99999:7:::\n".getBytes(StandardCharsets.UTF_8);
        d.onEvent(new TcpSession(c, 50, 60, 1L, List.of(new TcpSession.Chunk(false, 52, 1L, cmd), new TcpSession.Chunk(true, 54, 2L, out)),
                out.length, cmd.length, false));
        Finding f = d.finish().get(0);
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo("10.0.0.5");
        assertThat(f.firstFrame()).isEqualTo(54);
        assertThat(f.evidence().get("details")).asList().containsExactly("/etc/shadow");
        assertThat(f.filter()).isEqualTo("frame.number == 54");
    }

    @Test
    void whatAShellPrintedStaysApartFromWhatTheWebServerAnswered() {
        d.onEvent(ev.req("GET", "/view.php?file=../../../../etc/passwd")
                .answer(200, "root:x:0:0:root:/root:/bin/bash\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n").tx());
        ConnInfo c = new ConnInfo("tcp", 7, 4, "10.0.0.5", 41000, WebEvents.ATTACKER, 9001);
        byte[] out = "root:*:19000:0:99999:7:::\nbob:$6$Qq1v0lS7$0f4yJcBq6r1m6l9bPzQx0dU2v5m3:19000:0:99999:7:::\n"
                .getBytes(StandardCharsets.UTF_8);
        d.onEvent(new TcpSession(c, 500, 510, 1L, List.of(new TcpSession.Chunk(true, 504, 2L, out)), out.length, 0, false));
        List<Finding> fs = notBanners(d.finish());
        // two findings: the shell family's account of the session can replace the second without the first
        assertThat(fs).hasSize(2).allSatisfy(f -> assertThat(f.evidence()).containsEntry("kind", "system_file"));
        assertThat(fs).extracting(Finding::firstFrame).containsExactlyInAnyOrder(101L, 504L);
    }

    @Test
    void privateKey() {
        d.onEvent(ev.req("GET", "/backup/id_rsa").answer(200, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n").answerType("text/plain").tx());
        assertThat(d.finish().get(0).evidence()).containsEntry("kind", "private_key");
    }

    /** The findings other than servers' version banners (an observation every Apache answer gives). */
    static List<Finding> notBanners(List<Finding> fs) {
        return fs.stream().filter(f -> !"version_banner".equals(f.evidence().get("kind"))).toList();
    }

    @Test
    void bannersAndListingsAreObservationsWithoutAnAttacker() {
        long listing = ev.frame + 1; // the answer of the first request
        d.onEvent(ev.req("GET", "/uploads/").ua(WebEvents.FIREFOX).respHeader("X-Powered-By", "PHP/8.2.7")
                .answer(200, "<html><head><title>Index of /uploads</title></head><body><h1>Index of /uploads</h1></body></html>").tx());
        d.onEvent(ev.req("GET", "/").ua(WebEvents.FIREFOX).answer(200, "<html>home mailto:bob@corp.lan</html>").tx());
        List<Finding> fs = d.finish();
        assertThat(fs).extracting(f -> f.evidence().get("kind") + " " + f.severity())
                .containsExactlyInAnyOrder("directory_listing LOW", "version_banner INFO");
        assertThat(fs).allSatisfy(f -> assertThat(f.attacker()).isNull());
        Finding banner = fs.stream().filter(f -> f.severity() == Severity.INFO).findFirst().orElseThrow();
        assertThat(banner.firstFrame()).isEqualTo(listing);
        assertThat(banner.filter()).isEqualTo("frame.number == " + listing);
        assertThat(banner.evidence().get("server_banners")).asList()
                .containsExactly("Server: Apache/2.4.71 (Debian)", "X-Powered-By: PHP/8.2.7");
        assertThat(banner.evidence()).containsEntry("responses", 2L);
    }

    @Test
    void weakSignalsCanBeTurnedOff() {
        InfoDisclosureDetector quiet = new InfoDisclosureDetector(new WebConfig(10_000, 20, 400, 300, 65536, 4, 50, 40, 0.5, 0.5,
                20, 3, 0.05, false, 10, 5, 5, 300, 0.2, false, false));
        quiet.onEvent(ev.req("GET", "/uploads/").ua(WebEvents.FIREFOX)
                .answer(200, "<html><head><title>Index of /uploads</title></head></html>").tx());
        assertThat(quiet.finish()).isEmpty();
    }

    @Test
    void benignErrorWithoutPayloadIsLow() {
        d.onEvent(ev.req("GET", "/search?q=O%27Brien").ua(WebEvents.CHROME).answer(500,
                "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version").tx());
        Finding f = d.finish().get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.attacker()).isNull();
        assertThat(f.evidence().get("db_engines")).asList().containsExactly("mysql");
    }

    @Test
    void aPageServedAgainIsReadAgainWhenAnyByteDiffers() {
        String error = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version";
        String filler = "<p>" + "lorem ipsum dolor sit amet ".repeat(150) + "</p>";
        String page = filler + "x".repeat(error.length()) + filler; // same length as the page with the error
        for (int i = 0; i < 5; i++) d.onEvent(ev.req("GET", "/item.php?id=7").ua(WebEvents.CHROME).answer(200, page).tx());
        assertThat(notBanners(d.finish())).as("a quiet page, read once and then recognised").isEmpty();
        d.onEvent(ev.req("GET", "/item.php?id=7").ua(WebEvents.CHROME).answer(200, filler + error + filler).tx());
        List<Finding> fs = notBanners(d.finish());
        assertThat(fs).as("same length, same sampled words, one changed stretch in the middle").hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("kind", "db_error");
    }
}
