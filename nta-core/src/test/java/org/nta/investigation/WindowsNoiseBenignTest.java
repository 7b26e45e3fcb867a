package org.nta.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.hosts.HostNames;
import org.nta.hosts.HostTable;
import org.nta.testing.TestFiles;

/**
 * Issue 11 on its recording (windows-noise-benign.pcap.gz: miniupnpd and upnpc's 72 SOAP POSTs, SSDP, wsdd's
 * WS-Discovery and SOAP metadata exchange, nmbd/nmblookup, LLMNR): the whole investigation is benign with nothing
 * above low (before, the SOAP exchange was "cross-site scripting, succeeded (reflected)" and the verdict malicious),
 * and the host table names the machines as they named themselves.
 */
class WindowsNoiseBenignTest {
    static Path capture;
    static Analysis.Result result;
    static HostNames names;

    @BeforeAll
    static void analyze() throws Exception {
        capture = TestFiles.capture("windows-noise-benign.pcap.gz");
        result = InvestigationTest.analyze(capture);
        names = InvestigationTest.NAMES.get(capture);
    }

    @Test
    void benignWithNothingAboveLow() {
        assertThat(result.verdict().level().id()).as("verdict; reasons: %s", result.verdict().reasons()).isEqualTo("benign");
        for (Finding f : result.findings()) {
            assertThat(f.severity()).as("%s: %s", f.type().id(), f.summary()).isLessThanOrEqualTo(Severity.LOW);
            assertThat(f.attacker()).as("%s names an attacker", f.summary()).isNull();
        }
        assertThat(result.incidents()).isEmpty();
    }

    @Test
    void soapAndDiscoveryAreNeitherAttacksNorUploads() {
        assertThat(result.findings()).extracting(Finding::type).doesNotContain(FindingType.WEB_ATTACK, FindingType.EXFILTRATION,
                FindingType.PORT_SCAN, FindingType.HOST_SWEEP, FindingType.FILE_UPLOAD, FindingType.ATTACK_TOOL);
        // what is left is information: the router's and the hosts' version banners
        assertThat(result.findings()).allSatisfy(f -> assertThat(f.type()).isIn(FindingType.INFO_DISCLOSURE, FindingType.BEACON));
        assertThat(result.findings()).filteredOn(f -> f.type() == FindingType.INFO_DISCLOSURE)
                .anySatisfy(f -> assertThat(f.summary()).contains("172.31.238.1").contains("MiniUPnPd/2.3.1"));
    }

    @Test
    void hostsAreNamedAsTheyNamedThemselves() {
        HostTable.Host desktop = names.host("172.31.238.10"), nas = names.host("172.31.238.40"), router = names.host("172.31.238.1");
        assertThat(desktop.names).containsOnlyKeys("DESKTOP-7QK2M4");
        assertThat(nas.names).containsOnlyKeys("NAS01");
        // the LLMNR answers they gave for themselves (lower case) and nmbd's browser host announcements (mailslot,
        // UDP 138) are the same names, with their sources added
        assertThat(desktop.names.get("DESKTOP-7QK2M4")).containsExactly("LLMNR", "NBNS", "NetBIOS browser");
        assertThat(nas.names.get("NAS01")).containsExactly("LLMNR", "NBNS", "NetBIOS browser");
        // the announcements' server type: nmbd offers printers, and the NAS won the election (local master announcement);
        // the Unix server flag says Samba, whatever Windows version it announces
        assertThat(desktop.roles).contains("print server").doesNotContain("master browser");
        assertThat(nas.roles).contains("print server", "master browser");
        assertThat(nas.osHints).contains("Samba or another Unix SMB server (NetBIOS browser: Unix server type, version 6.1)")
                .noneMatch(h -> h.startsWith("Windows"));
        assertThat(names.label("172.31.238.10")).contains("DESKTOP-7QK2M4");
        // the workgroup both register as members is a group name, no host's
        for (String a : List.of("172.31.238.1", "172.31.238.2", "172.31.238.10", "172.31.238.23", "172.31.238.40")) {
            assertThat(names.host(a).names).as(a).doesNotContainKey("WORKGROUP");
        }
        assertThat(desktop.services).contains("tcp/5357");
        assertThat(router.services).contains("tcp/5000");
        // TTL hints from unicast only: multicast TTLs (SSDP 2, LLMNR and IGMP 1) and neighbour discovery's 255 say nothing
        for (String a : List.of("172.31.238.10", "172.31.238.23", "172.31.238.40", "172.31.238.1")) {
            assertThat(names.host(a).osHints).as(a).noneMatch(h -> h.contains("network device")).noneMatch(h -> h.startsWith("TTL 1 "))
                    .noneMatch(h -> h.startsWith("TTL 2 "));
        }
        assertThat(desktop.osHints).contains("TTL 64 (initial 64: Linux/Unix/macOS)");
    }
}
