package org.nta.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileExtractorTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 1735, 4, "10.251.96.4", 41060, "10.251.96.5", 80);

    static HttpFileObject file(long frame, String name, String content, boolean truncated) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new HttpFileObject(CONN, frame, frame - 2, 0, HttpFileObject.Direction.UPLOAD,
                HttpFileObject.Source.MULTIPART_PART, name, truncated ? b.length + 100 : b.length, "ab".repeat(32),
                "application/x-httpd-php", "application/octet-stream", b, truncated, false, "POST", "/upload.php",
                "10.251.96.5", 0);
    }

    @Test
    void writesSafeUniqueFilesAndManifests(@TempDir Path dir) throws IOException {
        List<HttpFileObject> files = List.of(file(19412, "dbfunctions.php", "<?php system($_GET['cmd']); ?>", false),
                file(19413, "../../../../tmp/dbfunctions.php", "second", false),
                file(19414, "C:\\Windows\\win.ini", "third", true),
                file(19415, "manifest.json", "{}", false),
                file(19416, "", "<html></html>", false));
        List<FileExtractor.Entry> entries = FileExtractor.extract(files, dir);
        assertThat(entries).extracting(FileExtractor.Entry::savedName).containsExactly("dbfunctions.php",
                "dbfunctions-1.php", "win.ini", "manifest-1.json", "http-19416.php");
        assertThat(Files.readString(dir.resolve("dbfunctions.php"))).isEqualTo("<?php system($_GET['cmd']); ?>");
        assertThat(Files.readString(dir.resolve("dbfunctions-1.php"))).isEqualTo("second");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(dir))
                    .hasSize(7);
        }
        JsonNode json = Json.mapper().readTree(dir.resolve(FileExtractor.MANIFEST_JSON).toFile());
        assertThat(json).hasSize(5);
        assertThat(json.get(0).get("frame").asLong()).isEqualTo(19412);
        assertThat(json.get(0).get("stream").asInt()).isEqualTo(1735);
        assertThat(json.get(0).get("direction").asText()).isEqualTo("upload");
        assertThat(json.get(0).get("source").asText()).isEqualTo("multipart");
        assertThat(json.get(1).get("original_name").asText()).isEqualTo("../../../../tmp/dbfunctions.php");
        assertThat(json.get(2).get("truncated").asBoolean()).isTrue();
        assertThat(json.get(2).get("size").asLong()).isEqualTo(105);
        assertThat(json.get(2).get("saved_bytes").asLong()).isEqualTo(5);
        List<String> csv = Files.readAllLines(dir.resolve(FileExtractor.MANIFEST_CSV));
        assertThat(csv.get(0)).isEqualTo(String.join(",", FileExtractor.COLUMNS));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(1)).startsWith("19412,1735,upload,multipart,dbfunctions.php,dbfunctions.php,30,30,");

        // a second run into the same directory adds files, never replaces them
        FileExtractor.extract(List.of(file(19412, "dbfunctions.php", "again", false)), dir);
        assertThat(Files.readString(dir.resolve("dbfunctions.php"))).isEqualTo("<?php system($_GET['cmd']); ?>");
        assertThat(Files.readString(dir.resolve("dbfunctions-2.php"))).isEqualTo("again");
    }

    @ParameterizedTest(name = "{0} bytes held in memory")
    @ValueSource(longs = {1 << 20, 5, 0}) // all in memory; the first in memory, the rest on disk; all on disk
    void aStagedExtractorKeepsWhatItIsToldAndLeavesNothingElse(long memory, @TempDir Path dir) throws IOException {
        FileExtractor x = FileExtractor.staged(dir, memory);
        x.add(file(10, "keep.php", "kept", false));
        x.add(file(11, "drop.php", "dropped", false));
        x.add(file(12, "keep.php", "kept too", false));
        List<FileExtractor.Entry> kept = x.finish(c -> !c.entry().originalName().startsWith("drop")
                && c.clientAddr().equals("10.251.96.4") && c.serverAddr().equals("10.251.96.5"));
        assertThat(kept).extracting(FileExtractor.Entry::savedName).containsExactly("keep.php", "keep-1.php");
        assertThat(Files.readString(dir.resolve("keep-1.php"))).isEqualTo("kept too");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("keep.php", "keep-1.php", "manifest.json", "manifest.csv");
        }
        assertThat(Files.readString(dir.resolve("manifest.csv"))).contains("keep-1.php").doesNotContain("drop");
    }

    @Test
    void anAbandonedStagedExtractorRemovesItsStagingFolder(@TempDir Path dir) throws IOException {
        FileExtractor x = FileExtractor.staged(dir, 1);
        x.add(file(10, "a.php", "a", false));
        x.add(file(11, "b.php", "on disk", false));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).hasSize(1); // the staging folder
        }
        x.abandon();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }
}
