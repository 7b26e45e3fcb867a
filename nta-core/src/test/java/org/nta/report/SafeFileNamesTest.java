package org.nta.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SafeFileNamesTest {
    @Test
    void hostileNames() {
        assertThat(SafeFileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(SafeFileNames.sanitize("/etc/shadow")).isEqualTo("shadow");
        assertThat(SafeFileNames.sanitize("..\\..\\Windows\\System32\\cmd.exe")).isEqualTo("cmd.exe");
        assertThat(SafeFileNames.sanitize("C:\\inetpub\\wwwroot\\evil.aspx")).isEqualTo("evil.aspx");
        assertThat(SafeFileNames.sanitize("C:evil.exe")).isEqualTo("evil.exe");
        assertThat(SafeFileNames.sanitize("..")).isEqualTo("__");
        assertThat(SafeFileNames.sanitize(".")).isEqualTo("_");
        assertThat(SafeFileNames.sanitize(".htaccess")).isEqualTo("_htaccess");
        assertThat(SafeFileNames.sanitize("uploads/")).isEqualTo(SafeFileNames.FALLBACK);
        assertThat(SafeFileNames.sanitize("")).isEqualTo(SafeFileNames.FALLBACK);
        assertThat(SafeFileNames.sanitize(null)).isEqualTo(SafeFileNames.FALLBACK);
        assertThat(SafeFileNames.sanitize("a\u0000b\nc\td\u007f.php")).isEqualTo("a_b_c_d_.php");
        assertThat(SafeFileNames.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoice_fdp.exe");
        assertThat(SafeFileNames.sanitize("$(rm -rf ~).sh")).isEqualTo("__rm_-rf___.sh");
        assertThat(SafeFileNames.sanitize("x;y|z`w`&<>\"'*?:")).isEqualTo("x_y_z_w" + "_".repeat(9));
        assertThat(SafeFileNames.sanitize("CON")).isEqualTo("_CON");
        assertThat(SafeFileNames.sanitize("nul.txt")).isEqualTo("_nul.txt");
        assertThat(SafeFileNames.sanitize("name. . .")).isEqualTo("name._._");
        assertThat(SafeFileNames.sanitize("trailing...")).isEqualTo("trailing");
        assertThat(SafeFileNames.sanitize("résumé.pdf")).isEqualTo("résumé.pdf");
        assertThat(SafeFileNames.sanitize("dbfunctions.php")).isEqualTo("dbfunctions.php");
        assertThat(SafeFileNames.sanitize("%2e%2e%2fx")).isEqualTo("_2e_2e_2fx");
    }

    @Test
    void lengthIsBoundedAndTheExtensionKept() {
        String s = SafeFileNames.sanitize("a".repeat(500) + ".php");
        assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeFileNames.MAX_BYTES);
        assertThat(s).endsWith(".php").startsWith("aaaa");
        String u = SafeFileNames.sanitize("é".repeat(300));
        assertThat(u.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeFileNames.MAX_BYTES);
        assertThat(u).matches("é+");
        assertThat(SafeFileNames.sanitize("_".repeat(400)).length()).isLessThanOrEqualTo(SafeFileNames.MAX_BYTES);
    }

    @Test
    void neverOverwrites(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shell.php"), "original");
        Path a = SafeFileNames.createUnique(dir, "shell.php", 19412, Set.of());
        Path b = SafeFileNames.createUnique(dir, "../shell.php", 19412, Set.of());
        Path c = SafeFileNames.createUnique(dir, "noext", 1, Set.of());
        Path d = SafeFileNames.createUnique(dir, "noext", 1, Set.of());
        assertThat(a.getFileName().toString()).isEqualTo("shell-1.php");
        assertThat(b.getFileName().toString()).isEqualTo("shell-2.php");
        assertThat(c.getFileName().toString()).isEqualTo("noext");
        assertThat(d.getFileName().toString()).isEqualTo("noext-1");
        assertThat(Files.readString(dir.resolve("shell.php"))).isEqualTo("original");
        assertThat(SafeFileNames.createUnique(dir, "manifest.json", 1, Set.of("manifest.json")).getFileName())
                .hasToString("manifest-1.json");
        for (Path p : new Path[]{a, b, c, d}) assertThat(p.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void existingSymlinkIsNotFollowed(@TempDir Path dir) throws IOException {
        Path outside = Files.createTempFile("nta-outside", ".txt");
        try {
            Files.writeString(outside, "keep");
            Files.createSymbolicLink(dir.resolve("link.txt"), outside);
            Path p = SafeFileNames.createUnique(dir, "link.txt", 5, Set.of());
            assertThat(p.getFileName()).hasToString("link-1.txt");
            assertThat(Files.readString(outside)).isEqualTo("keep");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void afterManyCollisionsTheFrameNumberIsUsed(@TempDir Path dir) throws IOException {
        for (int i = 0; i <= 101; i++) SafeFileNames.createUnique(dir, "x.bin", 777, Set.of());
        assertThat(dir.resolve("x-100.bin")).exists();
        assertThat(dir.resolve("x-f777-1.bin")).exists();
    }

    @Test
    void aWriterThatRemembersTheNextNumberGivesTheSameNames(@TempDir Path plain, @TempDir Path remembered) throws IOException {
        java.util.Map<String, Integer> next = new java.util.HashMap<>();
        for (int i = 0; i <= 150; i++) {
            long frame = 700 + i / 50;
            Path a = SafeFileNames.createUnique(plain, "x.bin", frame, Set.of());
            Path b = SafeFileNames.createUnique(remembered, "x.bin", frame, Set.of(), next);
            assertThat(b.getFileName()).isEqualTo(a.getFileName());
        }
        assertThat(next).containsEntry("x.bin", 102); // x-f703-1.bin was the 101st name tried for frame 703
        // a file made by someone else meanwhile is still stepped over
        java.nio.file.Files.createFile(remembered.resolve("x-f703-2.bin"));
        assertThat(SafeFileNames.createUnique(remembered, "x.bin", 703, Set.of(), next).getFileName())
                .hasToString("x-f703-3.bin");
    }
}
