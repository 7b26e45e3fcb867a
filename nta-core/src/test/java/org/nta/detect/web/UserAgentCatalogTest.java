package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserAgentCatalogTest {
    private final UserAgentCatalog c = UserAgentCatalog.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "gobuster/3.5|gobuster|3.5|content_discovery",
            "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)|dirb|-|content_discovery",
            "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)|dirbuster|1.0-RC1|content_discovery",
            "Fuzz Faster U Fool v1.1.0|ffuf|1.1.0|content_discovery",
            "Wfuzz/3.1.0|wfuzz|3.1.0|content_discovery",
            "feroxbuster/2.10.0|feroxbuster|2.10.0|content_discovery",
            "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:Port Check)|nikto|2.1.6|vuln_scanner",
            "sqlmap/1.7.2#stable (https://sqlmap.org)|sqlmap|1.7.2#stable|sql_injection",
            "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)|nmap-nse|-|vuln_scanner",
            "masscan/1.3 (https://github.com/robertdavidgraham/masscan)|masscan|1.3|port_scanner",
            "Mozilla/5.0 zgrab/0.x|zgrab|0.x|port_scanner",
            "Mozilla/5.0 (Hydra)|hydra|-|bruteforce",
            "Teh Forest Lobster|medusa|-|bruteforce",
            "WPScan v3.8.22 (https://wpscan.com/wordpress-security-scanner)|wpscan|3.8.22|vuln_scanner",
            "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)|nuclei|-|vuln_scanner",
            "Mozilla/5.0 (Windows NT 10.0) Burp Suite Professional|burp|-|proxy",
            "Mozilla/5.0 (compatible; Acunetix Web Vulnerability Scanner)|acunetix|-|vuln_scanner",
            "Mozilla/5.0 (compatible; Nessus)|nessus|-|vuln_scanner",
            "Mozilla/5.0 [en] (X11, U; OpenVAS-VT 22.4.1)|openvas|22.4.1|vuln_scanner",
            "Mozilla/5.0 (Metasploit)|metasploit|-|exploit_framework",
            "curl/7.88.1|curl|7.88.1|script",
            "Wget/1.21.3|wget|1.21.3|script",
            "python-requests/2.31.0|python-requests|2.31.0|script",
            "Go-http-client/1.1|go-http-client|1.1|script",
    })
    void knownTools(String ua, String tool, String version, String category) {
        UserAgentCatalog.ToolMatch m = c.match(ua);
        assertThat(m).isNotNull();
        assertThat(m.tool()).isEqualTo(tool);
        assertThat(m.version()).isEqualTo(version);
        assertThat(m.category().id()).isEqualTo(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {WebEvents.FIREFOX, WebEvents.CHROME,
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15"})
    void browsersAreNotTools(String ua) {
        assertThat(c.match(ua)).isNull();
        assertThat(c.isBrowser(ua)).isTrue();
    }

    @Test
    void nothingForNoUserAgent() {
        assertThat(c.match(null)).isNull();
        assertThat(c.match("")).isNull();
        assertThat(c.isBrowser("gobuster/3.5")).isFalse();
    }

    @Test
    void scriptedClientsAreNotOffensive() {
        assertThat(c.match("curl/8.0").category().offensive()).isFalse();
        assertThat(c.match("curl/8.0").category().severity()).isEqualTo(org.nta.detect.Severity.INFO);
        assertThat(c.match("gobuster/3.5").category().offensive()).isTrue();
    }

    @Test
    void malformedDataFileIsRejected() {
        assertThatThrownBy(() -> UserAgentCatalog.parse(new BufferedReader(new StringReader("tool\tregex\tcategory\nx\t(\tscript\n"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> UserAgentCatalog.parse(new BufferedReader(new StringReader("x\ty\tnot_a_category\n"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogCoversTheIssueList() {
        assertThat(c.tools()).contains("gobuster", "dirb", "dirbuster", "ffuf", "wfuzz", "feroxbuster", "nikto", "sqlmap",
                "nmap-nse", "masscan", "zgrab", "hydra", "medusa", "wpscan", "nuclei", "burp", "acunetix", "nessus", "openvas",
                "metasploit", "curl", "wget", "python-requests", "go-http-client");
    }
}
