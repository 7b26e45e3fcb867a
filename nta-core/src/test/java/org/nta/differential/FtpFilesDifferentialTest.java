package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.app.AppConfig;
import org.nta.app.ftp.FtpCaptures;
import org.nta.app.ftp.FtpConfig;
import org.nta.event.TransferredFile;
import org.nta.report.FileExtractor;
import org.nta.testing.Tools;

/**
 * Issue 10 (files): every object {@code tshark --export-objects ftp-data,DIR} writes from a capture of test
 * resources/ftp is also a file NTA extracts (through {@link FileExtractor}, as {@code nta files} does), with the
 * same bytes. NTA also lists the directory listings, which tshark does not export, and the passive-mode transfers,
 * from which tshark 4.0 exports nothing.
 */
@Tag("tshark")
class FtpFilesDifferentialTest {
    @TestFactory
    Stream<DynamicTest> everyFtpObjectTsharkExportsNtaExtractsToo() throws Exception {
        AppDifferential.requireTshark();
        return FtpDifferentialTest.files().stream().filter(p -> p.getFileName().toString().startsWith("ftp"))
                .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> compare(c)));
    }

    static void compare(Path capture) throws Exception {
        Path theirs = Files.createTempDirectory("nta-ftp-tshark"), ours = Files.createTempDirectory("nta-ftp-ours");
        try {
            Tools.Result r = Tools.run(300, "tshark", "-2", "-Q", "-r", capture.toString(), "--export-objects", "ftp-data," + theirs);
            assertThat(r.exit()).as("tshark --export-objects: %s", r.err()).isZero();
            FtpCaptures run = FtpCaptures.run(capture, AppConfig.all().withFtp(FtpConfig.DEFAULTS.withMaxFileBytes(64 << 20)));
            List<TransferredFile> files = run.of(TransferredFile.class);
            FileExtractor x = new FileExtractor(ours);
            for (TransferredFile f : files) x.add(f);
            List<FileExtractor.Entry> entries = x.finish();
            Map<String, String> written = new HashMap<>(); // sha256 of the bytes written -> saved name
            for (FileExtractor.Entry e : entries) {
                assertThat(e.truncated()).isFalse();
                written.put(FilesDifferentialTest.sha256(Files.readAllBytes(ours.resolve(e.savedName()))), e.savedName());
            }
            List<Path> exported;
            try (Stream<Path> s = Files.list(theirs)) {
                exported = s.sorted().toList();
            }
            // tshark 4.0 exports only the transfers of active-mode sessions of these captures (PORT); from the
            // passive ones (EPSV) it writes nothing though it labels their data connections ftp-data
            if (capture.getFileName().toString().equals("ftp-user-active.pcap.gz")) assertThat(exported).hasSize(2);
            for (Path t : exported) {
                String sha = FilesDifferentialTest.sha256(Files.readAllBytes(t));
                assertThat(written).as("%s: tshark's %s is among NTA's files", capture.getFileName(), t.getFileName()).containsKey(sha);
            }
        } finally {
            for (Path d : List.of(theirs, ours)) {
                try (Stream<Path> s = Files.walk(d)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        }
    }
}
