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

/** NBNS fields per frame against {@code tshark -2} on the tcpdump corpus captures that carry NBNS (the role Wireshark appends to a record's name is known for the common suffixes only). */
@Tag("tshark")
class NbnsDifferentialTest {
    static final List<String> FILES = List.of("eapon1.pcap.gz", "nbns-valgrind.pcap.gz");
    static final List<String> FIELDS = List.of("nbns.id", "nbns.flags.response", "nbns.flags.opcode", "nbns.name", "nbns.addr");

    @TestFactory
    Stream<DynamicTest> dhcpAgreesWithTshark() {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        return FILES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path f = TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve(name);
            var theirs = WinTshark.tshark(f, "nbns && !icmp", FIELDS);
            var ours = WinTshark.nta(f, List.of("nbns"), FIELDS);
            assertThat(WinTshark.differences(theirs, ours, 5)).as(name).isEmpty();
        }));
    }
}
