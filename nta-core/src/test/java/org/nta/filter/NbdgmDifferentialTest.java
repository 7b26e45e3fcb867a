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

/**
 * NetBIOS datagram and browser fields per frame against {@code tshark -2} on the captures with browser announcements:
 * {@code eapon1} (a Windows XP host: announcement requests, elections, host, local master and domain announcements)
 * and {@code windows-noise-benign} (Samba's nmbd on a desktop and a NAS).
 */
@Tag("tshark")
class NbdgmDifferentialTest {
    static final List<Path> FILES = List.of(TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve("eapon1.pcap.gz"),
            TestFiles.capture("windows-noise-benign.pcap.gz"));
    static final List<String> FIELDS = List.of("nbdgm.type", "nbdgm.source_name", "nbdgm.destination_name", "mailslot.name",
            "browser.command", "browser.server", "browser.os_major", "browser.os_minor", "browser.server_type", "browser.comment",
            "browser.mb_server");

    @TestFactory
    Stream<DynamicTest> nbdgmAgreesWithTshark() {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        return FILES.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            var theirs = WinTshark.tshark(f, "nbdgm && !icmp", FIELDS);
            var ours = WinTshark.nta(f, List.of("nbdgm"), FIELDS);
            assertThat(theirs).as("tshark's answer").isNotEmpty();
            assertThat(WinTshark.differences(theirs, ours, 5)).as(f.getFileName().toString()).isEmpty();
        }));
    }
}
