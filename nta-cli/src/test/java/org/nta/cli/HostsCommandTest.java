package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code nta hosts}: table, JSON and CSV on the SMB lab recording. */
class HostsCommandTest {
    static final String SMB = Path.of("..", "nta-core", "src", "test", "resources", "win", "smb-lab.pcap.gz").toString();

    @Test
    void tableJsonAndCsv() {
        CliRun table = CliRun.of("hosts", SMB);
        assertThat(table.exit()).isZero();
        assertThat(table.out()).startsWith("Hosts: 2").contains("52:54:00:bb:00:03").contains("VM (NTLMSSP workstation)")
                .contains("file server (SMB)");
        CliRun json = CliRun.of("hosts", "--json", SMB);
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"mac\"").contains("\"users\"").contains("HWIN\\\\alice").contains("\"first_frame\"");
        CliRun csv = CliRun.of("hosts", "--csv", SMB);
        assertThat(csv.out()).startsWith("mac,addresses,names,users,os_hints,services,roles,first_frame,last_frame,vendor,mac_local,name");
        assertThat(CliRun.of("hosts", "--json", "--csv", SMB).exit()).isEqualTo(2);
    }

    /** The vendor comes from the IEEE registry shipped in the jar; QEMU's 52:54:00 is locally administered. */
    @Test
    void macVendors() {
        CliRun smb = CliRun.of("hosts", SMB);
        assertThat(smb.out()).contains("Vendor").contains("(locally administered)");
        assertThat(CliRun.of("hosts", "--json", SMB).out()).contains("\"vendor\" : null").contains("\"mac_local\" : true");
        String lab = Path.of("..", "nta-core", "src", "test", "resources", "captures", "hydra-login-bruteforce.pcap.gz").toString();
        CliRun vbox = CliRun.of("hosts", "--json", lab);
        assertThat(vbox.exit()).isZero();
        assertThat(vbox.out()).contains("\"vendor\" : \"PCS Systemtechnik GmbH\"").contains("\"mac_local\" : false");
    }

    /** Host names come from DHCP option 12, NBNS, NTLMSSP and Kerberos: an attacker writes them. */
    @Test
    void hostileNamesCannotDriveTheTerminalOrBreakTheCsv() {
        String evil = "PC\u001b[2J\u001b]0;pwned\u0007\r\nfake,row\"\u009b31m\u202egpj.exe\u0000";
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mac", "52:54:00:00:00:01");
        r.put("addresses", List.of("10.0.0.5"));
        r.put("names", List.of(evil + " (DHCP)"));
        r.put("users", List.of("=HYPERLINK(\"http://x\")"));
        r.put("os_hints", List.of(evil + " (DHCP vendor class)"));
        r.put("services", List.of());
        r.put("roles", List.of());
        r.put("first_frame", 1L);
        r.put("last_frame", 2L);
        List<Map<String, Object>> rows = List.of(r);

        String table = HostsCommand.render(rows, false, false);
        String csv = HostsCommand.render(rows, false, true);
        for (String out : List.of(table, csv.replace("\"\"", "\""))) {
            assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                    .doesNotContain("\u202e").doesNotContain("\u0000")
                    .contains("PC\\x1b[2J\\x1b]0;pwned\\x07\\x0d\\x0afake,row\"\\x9b31m\\u202egpj.exe\\x00");
        }
        // one header line and one row: the CR LF inside the name did not start a line
        assertThat(table.split("\n")).hasSize(3);
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv.split("\r\n")[1]).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",");

        String json = HostsCommand.render(rows, true, false);
        assertThat(json).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u0000")
                .doesNotContain("\r").contains("PC\\u001B[2J").contains("\\r\\nfake,row\\\"");
        assertThat(json.lines()).noneMatch(l -> l.startsWith("fake"));
    }
}
