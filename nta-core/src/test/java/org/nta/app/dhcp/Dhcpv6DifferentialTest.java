package org.nta.app.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nta.filter.WinTshark;
import org.nta.testing.CaptureFiles;
import org.nta.testing.Packets;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * DHCPv6 fields per frame against {@code tshark -2}: on the tcpdump corpus captures with DHCPv6 (DUID-LLT, -EN, -LL,
 * -UUID; relays), none of which has a client FQDN, and on a capture written by the test with the messages of
 * {@link Dhcpv6DecoderTest} (fully qualified and partial client FQDNs, a relayed SOLICIT).
 */
@Tag("tshark")
class Dhcpv6DifferentialTest {
    static final List<String> FILES = List.of("dhcpv6-AFTR-Name-RFC6334.pcap.gz", "dhcpv6-domain-list.pcap.gz", "dhcpv6-ia-na.pcap.gz",
            "dhcpv6-ia-pd.pcap.gz", "dhcpv6-ia-ta.pcap.gz", "dhcpv6-mud.pcap.gz", "dhcpv6-ntp-server.pcap.gz",
            "dhcpv6-rfc6355-duid-uuid.pcap.gz", "dhcpv6-rfc8415-duid-type2.pcap.gz", "dhcpv6-sip-server-d.pcap.gz",
            "dhcpv6-vendor-specific-information.pcap.gz", "dhcpv4v6-rfc5970-rfc8572.pcap.gz", "dhcp6_reconf_asan.pcap.gz");
    static final List<String> FIELDS = List.of("dhcpv6.msgtype", "dhcpv6.xid", "dhcpv6.duid.type", "dhcpv6.duid.bytes",
            "dhcpv6.duidllt.link_layer_addr", "dhcpv6.duidll.link_layer_addr", "dhcpv6.client_fqdn_flags", "dhcpv6.client_domain");

    @TempDir
    static Path tmp;

    /** The built messages in a pcap: Ethernet, IPv6 from a link-local address, UDP 546 → 547. */
    static Path built() throws Exception {
        List<CaptureFiles.Rec> recs = new ArrayList<>();
        for (byte[] m : List.of(Dhcpv6DecoderTest.solicit(true), Dhcpv6DecoderTest.solicit(false), Dhcpv6DecoderTest.relayed(Dhcpv6DecoderTest.solicit(true)))) {
            byte[] ip = Packets.ipv6("fe80::201:2ff:fe03:405", "ff02::1:2", 17, Packets.udp(546, 547, m));
            recs.add(new CaptureFiles.Rec(1_700_000_000_000_000_000L + recs.size() * 1_000_000L, Packets.eth(0x86dd, ip)));
        }
        Path f = tmp.resolve("dhcpv6-client-fqdn.pcap");
        Files.write(f, CaptureFiles.pcap(false, false, 1, recs));
        return f;
    }

    @TestFactory
    Stream<DynamicTest> dhcpv6AgreesWithTshark() throws Exception {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        List<Path> files = new ArrayList<>();
        for (String n : FILES) files.add(TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve(n));
        files.add(built());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            var theirs = WinTshark.tshark(f, "dhcpv6 && !icmpv6", FIELDS);
            var ours = WinTshark.nta(f, List.of("dhcpv6.msgtype"), FIELDS);
            assertThat(WinTshark.differences(theirs, ours, 5)).as(f.getFileName().toString()).isEmpty();
            if (f.getFileName().toString().startsWith("dhcpv6-client-fqdn")) {
                assertThat(theirs.toString()).contains("dhcpv6.client_domain=desktop-7qf2.corp.example.", "dhcpv6.client_domain=desktop-7qf2]");
            }
        }));
    }
}
