package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * NetBIOS datagram and browser fields per frame against {@code tshark -2} on the captures with browser announcements:
 * {@code eapon1} (a Windows XP host: announcement requests, elections, host, local master and domain announcements)
 * {@code windows-noise-benign} (Samba's nmbd on a desktop and a NAS) and {@code lanman-announce} (three nmbd with
 * {@code lm announce = yes}: LAN Manager host announcements on {@code \MAILSLOT\LANMAN} besides the MS-BRWS ones).
 */
@Tag("tshark")
class NbdgmDifferentialTest {
    static final List<Path> FILES = List.of(TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve("eapon1.pcap.gz"),
            TestFiles.capture("windows-noise-benign.pcap.gz"), TestFiles.capture("lanman-announce.pcap.gz"));
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

    /** The LAN Manager announcements alone: each of the three announcers', every field tshark reads from them. */
    @Test
    void lanmanAnnouncementsAgreeWithTshark() throws Exception {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        Path f = TestFiles.capture("lanman-announce.pcap.gz");
        List<String> fields = List.of("mailslot.name", "browser.command", "browser.server", "browser.os_major", "browser.os_minor",
                "browser.server_type", "browser.comment", "browser.mb_server");
        var theirs = WinTshark.tshark(f, "mailslot.name == \"\\\\MAILSLOT\\\\LANMAN\"", fields);
        var ours = WinTshark.nta(f, List.of("nbdgm"), fields);
        ours.values().removeIf(row -> !row.get(0).equals("mailslot.name=\\MAILSLOT\\LANMAN"));
        assertThat(theirs).as("tshark's LANMAN announcements").hasSizeGreaterThanOrEqualTo(20);
        assertThat(theirs.values().stream().map(r -> r.get(2)).distinct())
                .containsExactlyInAnyOrder("browser.server=FILESRV", "browser.server=NAS01", "browser.server=WS-BOB");
        assertThat(WinTshark.differences(theirs, ours, 5)).isEmpty();
    }
}
