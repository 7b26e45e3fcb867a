package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;
import org.nta.event.TransferredFile;

/**
 * Names of FTP, mail and SMB files come from the capture (RETR's argument, an attachment's filename, an SMB path):
 * whatever they say, {@link FileExtractor} writes only plain files directly inside its directory, never overwrites,
 * and keeps the name as sent in the manifest only.
 */
class FileExtractorHostileNamesTest {
    static final ConnInfo DATA = new ConnInfo("tcp", 7, 4, "10.0.0.1", 40000, "10.0.0.2", 20);
    static final ConnInfo CONTROL = new ConnInfo("tcp", 6, 4, "10.0.0.1", 39999, "10.0.0.2", 21);

    static final List<String> HOSTILE = List.of(
            "../../etc/passwd",
            "/etc/shadow",
            "..",
            ".",
            "....//....//x",
            "..\\..\\Windows\\System32\\evil.dll",
            "C:\\boot.ini",
            "C:evil.exe",
            "file\0.txt\0.exe",
            "a\r\nb.txt",
            "x".repeat(5000) + ".txt",
            "é".repeat(300),
            "CON",
            "nul.txt",
            "LPT1.log",
            "COM9",
            "conin$",
            "trail. . .",
            "$(reboot);`id`|sh",
            "\u202Efdp.exe",
            "",
            "manifest.json",
            "manifest.csv");

    static TransferredFile file(String protocol, String source, long frame, String name, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new TransferredFile(DATA, protocol.equals("ftp-data") ? CONTROL : null, protocol, source, "RETR",
                HttpFileObject.Direction.DOWNLOAD, name, frame, frame - 1, 0, b.length, "cd".repeat(32), "text/plain",
                null, b, false, false, "bob");
    }

    static List<TransferredFile> files() {
        List<TransferredFile> out = new ArrayList<>();
        long frame = 100;
        for (String p : List.of("ftp-data", "imf", "smb2")) {
            for (String n : HOSTILE) out.add(file(p, p.equals("imf") ? "attachment" : "transfer", frame++, n, p + " " + n));
        }
        return out;
    }

    @Test
    void hostileNamesStayInsideTheDirectory(@TempDir Path root) throws IOException {
        check(root, false);
    }

    @Test
    void hostileNamesStayInsideTheDirectoryWhenStaged(@TempDir Path root) throws IOException {
        check(root, true);
    }

    private static void check(Path root, boolean staged) throws IOException {
        Path dir = root.resolve("out");
        Files.createDirectories(dir);
        Path bait = root.resolve("passwd");
        Files.writeString(bait, "untouched");
        List<TransferredFile> files = files();
        FileExtractor x = staged ? FileExtractor.staged(dir, 1 << 10) : new FileExtractor(dir);
        for (TransferredFile f : files) x.add(f);
        List<FileExtractor.Entry> entries = x.finish();

        assertThat(entries).hasSize(files.size());
        assertThat(Files.readString(bait)).isEqualTo("untouched");
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> written = all.filter(p -> !p.equals(root) && !p.equals(dir) && !p.equals(bait)).toList();
            assertThat(written).allSatisfy(p -> {
                assertThat(p.getParent()).isEqualTo(dir);
                assertThat(Files.isRegularFile(p)).isTrue();
            });
            assertThat(written).hasSize(files.size() + 2); // and the two manifests
        }
        for (int i = 0; i < entries.size(); i++) {
            FileExtractor.Entry e = entries.get(i);
            TransferredFile f = files.get(i);
            String saved = e.savedName();
            assertThat(e.originalName()).isEqualTo(f.originalName());
            assertThat(saved).isNotEmpty().doesNotContain("/", "\\", "\0", "\r", "\n", "$", "`", "|", ";", "\u202E")
                    .doesNotStartWith(".");
            assertThat(saved.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeFileNames.MAX_BYTES);
            String base = saved.toLowerCase(Locale.ROOT);
            int dot = base.indexOf('.');
            assertThat(List.of("con", "prn", "aux", "nul", "lpt1", "com9", "conin$"))
                    .doesNotContain(dot < 0 ? base : base.substring(0, dot));
            assertThat(saved).isNotIn(FileExtractor.MANIFEST_JSON, FileExtractor.MANIFEST_CSV);
            assertThat(Files.readString(dir.resolve(saved))).as(saved).isEqualTo(f.protocol() + " " + f.originalName());
        }
        // the original names, control characters and all, are in the manifests as escaped data
        JsonNode json = Json.mapper().readTree(dir.resolve(FileExtractor.MANIFEST_JSON).toFile());
        assertThat(json).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            assertThat(json.get(i).get("original_name").asText()).isEqualTo(files.get(i).originalName());
        }
    }
}
