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

/** The host table on the Windows lab recordings: the workstation, its user and names, the servers and their roles. */
class HostTableTest {
    static List<HostTable.Host> run(String name) throws Exception {
        HostTable t = new HostTable(1000);
        try (CaptureSource src = CaptureSource.open(TestFiles.resources().resolve("win").resolve(name).toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(t), new AppDispatcher(AppConfig.all()));
        }
        return t.hosts();
    }

    @Test
    void smbLab() throws Exception {
        List<HostTable.Host> hosts = run("smb-lab.pcap.gz");
        assertThat(hosts).hasSize(2);
        HostTable.Host client = hosts.get(0), server = hosts.get(1);
        assertThat(client.mac).isEqualTo("52:54:00:bb:00:03");
        assertThat(client.addresses).containsExactly("10.77.0.3");
        assertThat(client.names).containsKey("VM");
        assertThat(client.names.get("VM")).containsExactly("NTLMSSP workstation");
        assertThat(client.users).contains("HWIN\\alice", "WORKGROUP\\alice");
        assertThat(client.osHints).anyMatch(s -> s.contains("NTLMSSP version"));
        assertThat(server.mac).isEqualTo("08:00:27:aa:00:02");
        assertThat(server.services).contains("tcp/445", "tcp/139");
        assertThat(server.roles).contains("file server (SMB)");
        assertThat(server.firstFrame).isEqualTo(2);
    }

    @Test
    void kerberosLab() throws Exception {
        List<HostTable.Host> hosts = run("kerberos-lab.pcap.gz");
        HostTable.Host ws = hosts.stream().filter(h -> h.addresses.contains("10.78.0.3")).findFirst().orElseThrow();
        HostTable.Host dc = hosts.stream().filter(h -> h.addresses.contains("10.78.0.2")).findFirst().orElseThrow();
        assertThat(ws.users).contains("alice@HWIN.LAB").doesNotContain("nosuchuser@HWIN.LAB");
        assertThat(dc.roles).contains("domain controller", "file server (SMB)");
        assertThat(dc.services).contains("udp/88", "tcp/88", "tcp/445");
    }
}
