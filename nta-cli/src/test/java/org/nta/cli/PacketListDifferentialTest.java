package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code nta packets} prints tshark's default one-line view ({@code tshark -n -r FILE}) line for line, spacing
 * aside: number, relative time, source, destination, protocol, length and info (TCP flags, relative numbers, the
 * scaled window and the options in their order, HTTP and DNS summaries, ICMPv6 neighbour discovery...). The
 * protocols NTA does not parse (SNMP, ISAKMP, the TLS records after the hellos, the parts of a multipart upload)
 * keep their transport summary: known-differences.md in the core's filter resources lists them.
 */
class PacketListDifferentialTest {
    static final Path CAPTURES = Path.of("..", "nta-core", "src", "test", "resources", "captures");

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isBlank()) out.add(l.strip().replaceAll("\\s+", " "));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"webshell-lab.pcap.gz, 0", "hydra-login-bruteforce.pcap.gz, 0", "sqlmap-union-web-probes.pcap.gz, 0",
            "connect-scan-ffuf-post-shell.pcap.gz, 1", "benign-lab.pcap.gz, 2", "benign-office-day.pcap.gz, 4",
            "ipv6-fin-udp-wfuzz-b64-ncat.pcap.gz, 26"})
    void everyLineAsTsharkShowsIt(String name, int knownDifferences) throws Exception {
        assumeTrue(FollowCommandTest.hasTshark() || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        String file = CAPTURES.resolve(name).toString();
        CliRun ours = CliRun.of("packets", file);
        assertThat(ours.exit()).as(ours.err()).isZero();
        List<String> a = lines(ours.out()), b = lines(FollowCommandTest.tshark("tshark", "-n", "-r", file));
        assertThat(a).hasSameSizeAs(b);
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equals(b.get(i))) differ.add("nta:    " + a.get(i) + "\ntshark: " + b.get(i));
        assertThat(differ.size()).as("lines that differ:\n%s", String.join("\n", differ.subList(0, Math.min(10, differ.size()))))
                .isLessThanOrEqualTo(knownDifferences);
    }
}
