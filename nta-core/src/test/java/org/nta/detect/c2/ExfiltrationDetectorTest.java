package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;
import org.nta.event.TcpSession;
import org.nta.event.TransferredFile;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;

/** Data leaving: sensitive content, archives, uploads to a known attacker, FTP, raw TCP, volume; and a user's upload that is not. */
class ExfiltrationDetectorTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    final ExfiltrationDetector detector = new ExfiltrationDetector(ExfilConfig.DEFAULTS);

    static HttpFileObject upload(ConnInfo c, long frame, HttpFileObject.Source source, String name, byte[] b, String uri) {
        return upload(c, frame, source, name, b, uri, c.serverAddr());
    }

    static HttpFileObject upload(ConnInfo c, long frame, HttpFileObject.Source source, String name, byte[] b, String uri, String host) {
        return new HttpFileObject(c, frame, frame - 1, T0 + frame * 1_000_000L, HttpFileObject.Direction.UPLOAD, source, name, b.length,
                "ab".repeat(32), "application/octet-stream", null, b, false, false, "POST", uri, host, -1);
    }

    List<Finding> exfil(List<Finding> others) {
        List<Finding> all = new ArrayList<>(detector.finish());
        all.addAll(others);
        return C2Correlation.apply(all).stream().filter(f -> f.type() == FindingType.EXFILTRATION).toList();
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] zip(String... names) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(("content of " + n).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void passwdPostedAsAFormLeavesAtHighSeverity() {
        ConnInfo c = C2Ev.tcp(9, "10.1.1.5", "203.0.113.9", 8000);
        String form = "data=" + java.net.URLEncoder.encode(PASSWD.replace("\n", ""), StandardCharsets.UTF_8);
        detector.onEvent(C2Ev.request(c, 40, T0, "POST", "203.0.113.9:8000", "/", "curl/7.88.1", form.getBytes(StandardCharsets.UTF_8)));
        detector.onEvent(upload(c, 40, HttpFileObject.Source.FORM, "", form.getBytes(StandardCharsets.UTF_8), "/"));
        List<Finding> fs = exfil(List.of());
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.phase()).isEqualTo(Phase.ACTIONS_ON_OBJECTIVES);
        assertThat(f.attacker()).isEqualTo("203.0.113.9");
        assertThat(f.victim()).isEqualTo("10.1.1.5");
        assertThat(f.evidence()).containsEntry("content", "passwd").containsEntry("client_kind", "scripted");
        assertThat((String) f.evidence().get("excerpt")).startsWith("data=root:x:0:0:root:/root:/bin/bash");
        assertThat(f.techniques()).containsExactly("T1041");
        assertThat(StoryBuilder.verdict(fs).level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    void anArchivePostedByAScriptToANewExternalHostIsSuspicious() throws Exception {
        ConnInfo c = C2Ev.tcp(9, "10.1.1.66", "198.51.100.20", 443);
        byte[] tgz = gzip(new byte[5000]);
        detector.onEvent(C2Ev.request(c, 40, T0, "PUT", "files.example.net", "/up/x.tgz", "python-requests/2.31", tgz));
        detector.onEvent(upload(c, 40, HttpFileObject.Source.REQUEST_BODY, "x.tgz", tgz, "/up/x.tgz", "files.example.net"));
        List<Finding> fs = exfil(List.of());
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).evidence()).containsEntry("content", "archive").containsEntry("prior_connections", 0);
        assertThat(fs.get(0).techniques()).containsExactly("T1567");
    }

    @Test
    void aUserUploadingADocumentThroughAFormIsNot() throws Exception {
        ConnInfo c = C2Ev.tcp(9, "10.1.1.66", "198.51.100.20", 443);
        byte[] docx = zip("[Content_Types].xml", "word/document.xml");
        String ua = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
        detector.onEvent(C2Ev.request(c, 40, T0, "POST", "portal.example.net", "/upload", ua, docx));
        detector.onEvent(upload(c, 40, HttpFileObject.Source.MULTIPART_PART, "report.docx", docx, "/upload"));
        assertThat(exfil(List.of())).isEmpty();
    }

    @Test
    void anyUploadToAHostAlreadySeenAttackingIsHigh() {
        ConnInfo c = C2Ev.tcp(9, "10.1.1.5", "10.1.1.99", 8000);
        byte[] notes = "some ordinary text that is not sensitive".getBytes(StandardCharsets.UTF_8);
        detector.onEvent(upload(c, 40, HttpFileObject.Source.REQUEST_BODY, "notes.txt", notes, "/"));
        Finding attack = new Finding(FindingType.REVERSE_SHELL, Severity.HIGH, Phase.COMMAND_AND_CONTROL, "10.1.1.99", "10.1.1.5", 10, 20,
                T0, T0, List.of(1), "tcp.stream == 1", "shell", Boolean.TRUE, List.of(), java.util.Map.of());
        List<Finding> fs = exfil(List.of(attack));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(fs.get(0).evidence()).containsEntry("known_attacker", true);
        assertThat(fs.get(0).attacker()).isEqualTo("10.1.1.99");
    }

    @Test
    void anUploadToAServerThatTheJoinsFoundAttackingIsHigh() {
        // neither the download nor the beacon names an attacker alone; together they do, and the upload follows
        ConnInfo c = C2Ev.tcp(9, "10.1.1.5", "10.1.1.99", 80);
        byte[] notes = "some ordinary text that is not sensitive".getBytes(StandardCharsets.UTF_8);
        detector.onEvent(upload(c, 400, HttpFileObject.Source.REQUEST_BODY, "notes.txt", notes, "/"));
        java.util.Map<String, Object> dev = java.util.Map.of("server_address", "10.1.1.99", "file", "agent.py");
        Finding delivery = new Finding(FindingType.PAYLOAD_DELIVERY, Severity.LOW, Phase.INSTALLATION, null, "10.1.1.5", 10, 12,
                T0, T0, List.of(1), "tcp.stream == 1", "download", Boolean.TRUE, List.of("T1105"), dev);
        java.util.Map<String, Object> bev = java.util.Map.of("server_addresses", List.of("10.1.1.99"), "destination", "c2.example");
        Finding beacon = new Finding(FindingType.BEACON, Severity.LOW, Phase.COMMAND_AND_CONTROL, null, "10.1.1.5", 20, 900,
                T0 + 1_000_000_000L, T0 + 100_000_000_000L, List.of(2), "tcp.stream == 2", "beacon", Boolean.TRUE, List.of(), bev);
        List<Finding> fs = exfil(List.of(delivery, beacon));
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.attacker()).isEqualTo("10.1.1.99");
        });
    }

    @Test
    void anFtpStorOfATarballAndARawTcpPushOfTheShadowFile() throws Exception {
        ConnInfo data = C2Ev.tcp(12, "10.1.1.66", "198.51.100.30", 20);
        byte[] tgz = gzip(new byte[3000]);
        detector.onEvent(new TransferredFile(data, C2Ev.tcp(11, "10.1.1.66", "198.51.100.30", 21), "ftp-data", "transfer", "STOR",
                HttpFileObject.Direction.UPLOAD, "loot.tgz", 80, 70, T0, tgz.length, "cd".repeat(32), "application/gzip", null, tgz,
                false, false, "anonymous"));
        ConnInfo raw = C2Ev.tcp(13, "2001:db8:1::5", "2001:db8:bad::9", 4444);
        byte[] shadow = "root:$6$abc$xyz:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n".getBytes(StandardCharsets.UTF_8);
        detector.onEvent(new TcpSession(raw, 90, 95, T0, List.of(new TcpSession.Chunk(true, 93, T0, shadow)), shadow.length, 0, false));
        List<Finding> fs = exfil(List.of());
        assertThat(fs).hasSize(2);
        Finding ftp = fs.stream().filter(f -> "ftp-data".equals(f.evidence().get("protocol"))).findFirst().orElseThrow();
        assertThat(ftp.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(ftp.evidence()).containsEntry("command", "STOR").containsEntry("file", "loot.tgz");
        assertThat(ftp.techniques()).containsExactly("T1048");
        Finding tcp = fs.stream().filter(f -> "tcp".equals(f.evidence().get("protocol"))).findFirst().orElseThrow();
        assertThat(tcp.severity()).isEqualTo(Severity.HIGH);
        assertThat(tcp.evidence()).containsEntry("content", "shadow");
        assertThat(tcp.victim()).isEqualTo("2001:db8:1::5");
    }

    @Test
    void aDatabaseDumpWrittenToAnInternalFileShareIsABackupButToAnExternalOneLeaves() throws Exception {
        byte[] dump = ("-- MySQL dump 10.13\nCREATE TABLE `orders` (id int);\n"
                + "INSERT INTO `orders` VALUES (1,'alice','4111111111111111');\n".repeat(40)).getBytes(StandardCharsets.UTF_8);
        for (String server : List.of("10.1.1.30", "198.51.100.30")) {
            detector.onEvent(new TransferredFile(C2Ev.tcp(server.startsWith("10.") ? 21 : 22, "10.1.1.41", server, 445), null, "smb2",
                    "transfer", "WRITE", HttpFileObject.Direction.UPLOAD, "nightly.bak", 274, 274, T0, dump.length, "ab".repeat(32),
                    "text/plain", null, dump, false, false, "svc_sql"));
        }
        List<Finding> fs = exfil(List.of());
        assertThat(fs).filteredOn(f -> f.severity().atLeast(Severity.LOW)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.attacker()).isEqualTo("198.51.100.30");
        });
        assertThat(fs).filteredOn(f -> "10.1.1.30:445".equals(f.evidence().get("destination")))
                .allSatisfy(f -> assertThat(f.attacker()).isNull());
    }

    @Test
    void outboundVolumeOfAPairThatMostlySends() {
        ExfiltrationDetector d = new ExfiltrationDetector(new ExfilConfig(20_000, 0.8, 3, 4, 1000, 100, 65536));
        Wire w = new Wire(d);
        for (int i = 0; i < 20; i++) w.tcpConn(T0 + i * 5_000_000_000L, "10.1.1.66", 50000 + i, "198.51.100.40", 443, 1400, 40);
        for (int i = 0; i < 20; i++) w.tcpConn(T0 + i * 5_000_000_000L, "10.1.1.66", 51000 + i, "198.51.100.41", 443, 200, 1400);
        List<Finding> fs = w.finish().stream().filter(f -> f.type() == FindingType.EXFILTRATION).toList();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).attacker()).isEqualTo("198.51.100.40");
        assertThat(fs.get(0).evidence()).containsEntry("bytes", 28000L).containsEntry("connections", 20);
        assertThat((double) fs.get(0).evidence().get("producer_consumer_ratio")).isGreaterThan(0.9);
    }

    @Test
    void encryptedLookingBodies() {
        byte[] b = new byte[4096];
        new Random(1).nextBytes(b);
        assertThat(Contents.of(b, b.length).kind()).isEqualTo("encrypted");
        assertThat(Contents.of(PASSWD.getBytes(StandardCharsets.UTF_8), PASSWD.length()).kind()).isEqualTo("passwd");
        byte[] key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Contents.of(key, key.length).kind()).isEqualTo("private_key");
    }
}
