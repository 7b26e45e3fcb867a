package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

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
        assertThat(csv.out()).startsWith("mac,addresses,names,users,os_hints,services,roles,first_frame,last_frame");
        assertThat(CliRun.of("hosts", "--json", "--csv", SMB).exit()).isEqualTo(2);
    }
}
