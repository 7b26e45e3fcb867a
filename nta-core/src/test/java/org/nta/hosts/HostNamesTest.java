package org.nta.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.testing.TestFiles;

class HostNamesTest {
    static HostTable table(String dir, String name) throws Exception {
        HostTable t = new HostTable(1000);
        try (CaptureSource src = CaptureSource.open(TestFiles.resources().resolve(dir).resolve(name).toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(t), new AppDispatcher(AppConfig.all()));
        }
        return t;
    }

    @Test
    void nameAddressAndUsersOfTheWorkstation() throws Exception {
        HostNames n = HostNames.of(table("win", "smb-lab.pcap.gz"));
        // the workstation named itself VM in its NTLMSSP AUTHENTICATE and logged on as alice
        assertThat(n.label("10.77.0.3")).startsWith("VM 10.77.0.3 (").contains("alice");
        assertThat(n.known("10.77.0.3")).isTrue();
        assertThat(n.label("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(n.known("192.0.2.1")).isFalse();
        assertThat(n.label(null)).isNull();
    }

    @Test
    void theMostTellingNameSourceWins() throws Exception {
        HostTable t = table("win", "smb-lab.pcap.gz");
        HostTable.Host h = t.hosts().get(0);
        h.name("ZZZ-FROM-FQDN", "DHCP FQDN");
        h.name("AAA-FROM-NTLM", "NTLMSSP workstation");
        h.name("MMM-FROM-DHCP", "DHCP");
        assertThat(HostNames.name(h)).isEqualTo("MMM-FROM-DHCP");
        h.names.remove("MMM-FROM-DHCP");
        assertThat(HostNames.name(h)).isIn("AAA-FROM-NTLM", "VM");   // both NTLMSSP workstation names: the first in order
    }

    /** A router's MAC carries every remote address: its names are not theirs. */
    @Test
    void aStationWithManyAddressesNamesNone() throws Exception {
        HostTable t = table("win", "smb-lab.pcap.gz");
        HostTable.Host h = t.hosts().get(0);
        for (int i = 0; i < HostNames.MAX_OWN_ADDRESSES; i++) h.addresses.add("198.51.100." + i);
        HostNames n = HostNames.of(t);
        assertThat(n.label("10.77.0.3")).isEqualTo("10.77.0.3");
        assertThat(n.host("198.51.100.1")).isNull();
    }

    @Test
    void rowsFollowTheOrderOfTheAddressesAndNameEachHostOnce() throws Exception {
        HostNames n = HostNames.of(table("win", "smb-lab.pcap.gz"));
        var rows = n.rows(List.of("10.77.0.2", "10.77.0.3", "10.77.0.2", "203.0.113.9"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("addresses").toString()).contains("10.77.0.2");
        assertThat(rows.get(1).get("name")).isEqualTo("VM");
    }
}
