package org.nta.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;
import org.nta.testing.Tshark;

/**
 * The reverse-lookup answers of a real capture name the address asked about as {@code tshark -2} reads them
 * ({@code dns.qry.name} of a reverse name, {@code dns.ptr.domain_name}): {@code arcnet-rfc1051-arp-icmp-http} asks
 * who 146.190.240.163 is before fetching its web page.
 */
@Tag("tshark")
class PtrNamesDifferentialTest {
    static final List<String> FILES = List.of("arcnet-rfc1051-arp-icmp-http.pcap.gz", "arcnet-rfc1201-arp-icmp-http.pcap.gz");

    @TestFactory
    Stream<DynamicTest> reverseAnswersNameTheAddressAskedAbout() {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        return FILES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path f = TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve(name);
            String out = Tshark.cached(f, List.of("tshark", "-2", "-n", "-r", f.toString(), "-Y",
                    "dns.flags.response == 1 && dns.flags.rcode == 0 && dns.ptr.domain_name", "-T", "fields", "-E", "separator=|",
                    "-e", "dns.qry.name", "-e", "dns.ptr.domain_name"));
            Map<String, String> theirs = new TreeMap<>();
            for (String line : out.split("\n")) {
                String[] c = line.split("\\|", -1);
                if (c.length == 2 && ReverseNames.address(c[0]) != null) theirs.put(ReverseNames.address(c[0]), c[1]);
            }
            assertThat(theirs).as("tshark's reverse answers").isNotEmpty();
            HostNames names = HostNames.of(HostNamesTest.table("corpus/tcpdump", name));
            theirs.forEach((addr, ptr) -> {
                HostTable.Host h = names.host(addr);
                assertThat(h).as(addr).isNotNull();
                assertThat(h.names).as(addr).containsKey(ptr);
                assertThat(h.names.get(ptr)).as(addr).containsExactly("DNS PTR");
                assertThat(names.label(addr)).isEqualTo(ptr + " " + addr);
            });
        }));
    }
}
