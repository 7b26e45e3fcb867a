package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code analyze} names the incidents' hosts as {@code nta hosts} knows them, and its reports list who the attackers
 * and victims are: on the AD recording, the attacker logged on as svc_sql (NTLM over SMB) and alice (LDAP, Kerberos);
 * the names it guessed while AS-REP roasting (bob, dave, helpdesk, …) were refused and are not its users.
 */
class AnalyzeHostsTest {
    static final String AD = Path.of("..", "nta-core", "src", "test", "resources", "captures", "ad-roast-psexec.pcap.gz").toString();

    @TempDir
    Path dir;

    @Test
    void incidentHeadersNameTheHostsUsers() {
        CliRun r = CliRun.of("analyze", AD, "--color", "never");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("172.31.230.66 (LAB\\svc_sql, alice@LAB.LOCAL, +1 more) → 172.31.230.10  (malicious)");
        assertThat(r.out()).doesNotContain("helpdesk@").doesNotContain("WELLKNOWN/ANONYMOUS@");
    }

    @Test
    void jsonMarkdownAndHtmlCarryTheHosts() throws Exception {
        Path json = dir.resolve("r.json"), md = dir.resolve("r.md"), html = dir.resolve("r.html");
        CliRun r = CliRun.of("analyze", AD, "--color", "never", "--json", json.toString(), "--report", md.toString(),
                "--html", html.toString());
        assertThat(r.exit()).isZero();
        JsonNode hosts = new ObjectMapper().readTree(json.toFile()).get("hosts");
        assertThat(hosts.isArray()).isTrue();
        JsonNode attacker = hosts.get(0);
        assertThat(attacker.get("addresses").toString()).contains("172.31.230.66");
        assertThat(attacker.get("users").toString()).contains("LAB\\\\svc_sql").contains("alice@LAB.LOCAL").doesNotContain("bob");
        assertThat(attacker.get("vendor").asText()).isEqualTo("PCS Systemtechnik GmbH");
        JsonNode dc = hosts.get(1);
        assertThat(dc.get("addresses").toString()).contains("172.31.230.10");
        assertThat(dc.get("roles").toString()).contains("domain controller").contains("file server (SMB)");
        assertThat(hosts).hasSize(2);                              // only the hosts the story names

        assertThat(Files.readString(md)).contains("## Hosts").contains("| 172.31.230.10")
                .contains("(PCS Systemtechnik GmbH)");
        String page = Files.readString(html);
        assertThat(page).contains("id=\"hosts-table\"").contains("172.31.230.66 (LAB\\svc_sql, alice@LAB.LOCAL, +1 more)");

        // the page remade from the JSON is the same page
        Path again = dir.resolve("again.html");
        assertThat(CliRun.of("report", json.toString(), "--html", again.toString()).exit()).isZero();
        assertThat(Files.readString(again)).isEqualTo(page);
    }

    /** Without an attack the hosts are those the observations name (their victims), each once, and nobody else. */
    @Test
    void withoutAnAttackTheHostsAreThoseTheObservationsName() throws Exception {
        Path json = dir.resolve("b.json");
        String benign = Path.of("..", "nta-core", "src", "test", "resources", "captures", "ad-benign.pcap.gz").toString();
        assertThat(CliRun.of("analyze", benign, "--json", json.toString()).exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("incidents").size()).isZero();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (JsonNode f : root.get("findings")) {
            for (String role : new String[] {"attacker", "victim"}) if (f.get(role).isTextual()) named.add(f.get(role).asText());
        }
        assertThat(named).as("the benign capture has its observations (the cleartext LDAP bind to the DC)").isNotEmpty();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (JsonNode h : root.get("hosts")) {
            java.util.List<String> own = new java.util.ArrayList<>();
            h.get("addresses").forEach(a -> own.add(a.asText()));
            assertThat(own).as("a listed host is one a finding names").containsAnyElementsOf(named);
            for (String a : own) assertThat(listed.add(a)).as("each host once: " + a).isTrue();
        }
        for (String a : named) assertThat(listed).as("every named host that was seen is listed").contains(a);
    }
}
