package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/** DHCPv4 fields per frame against {@code tshark -2} on the tcpdump corpus captures that carry DHCP. */
@Tag("tshark")
class DhcpDifferentialTest {
    static final List<String> FILES = List.of("dhcp-mud.pcap.gz", "dhcp-option-108.pcapng.gz", "dhcp-option-33.pcap.gz",
            "dhcp-rfc3004.pcap.gz", "dhcp-rfc4388.pcap.gz", "dhcp-rfc5859.pcap.gz", "dhcpv4v6-rfc5970-rfc8572.pcap.gz",
            "eapon1.pcap.gz", "dcb_ets.pcap.gz", "dcb_qcn.pcap.gz");
    static final List<String> FIELDS = List.of("dhcp.type", "dhcp.id", "dhcp.ip.client", "dhcp.ip.your", "dhcp.hw.mac_addr",
            "dhcp.option.dhcp", "dhcp.option.hostname", "dhcp.option.vendor_class_id", "dhcp.option.requested_ip_address",
            "dhcp.option.dhcp_server_id", "dhcp.option.ip_address_lease_time", "dhcp.fqdn.name");

    @TestFactory
    Stream<DynamicTest> dhcpAgreesWithTshark() {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        return FILES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path f = TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve(name);
            var theirs = WinTshark.tshark(f, "dhcp && !icmp", FIELDS);
            var ours = WinTshark.nta(f, List.of("dhcp"), FIELDS);
            assertThat(WinTshark.differences(theirs, ours, 5)).as(name).isEmpty();
        }));
    }
}
