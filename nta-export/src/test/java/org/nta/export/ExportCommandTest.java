package org.nta.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: its output is reproducible, bad input and unwritable output are one line and exit 2. */
class ExportCommandTest {
    static final String CAPTURES = "../nta-core/src/test/resources/captures/";
    static final List<String> TABLES = List.of("conn", "http", "dns", "tls", "files", "findings");

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result export(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = ExportMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aRerunWritesTheSameBytes() throws Exception {
        String capture = CAPTURES + "c2-https-beacon.pcap.gz";
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertThat(export(capture, "--parquet", a.toString()).code()).isZero();
        assertThat(export(capture, "--parquet", b.toString()).code()).isZero();
        for (String t : TABLES) {
            assertThat(Files.readAllBytes(b.resolve(t + ".parquet"))).as(t).isEqualTo(Files.readAllBytes(a.resolve(t + ".parquet")));
        }
        // and an export over an earlier one replaces its tables, leaving nothing else behind
        assertThat(export(capture, "--parquet", a.toString()).code()).isZero();
        try (var s = Files.list(a)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(TABLES.stream().map(t -> t + ".parquet").sorted().toList());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zstd", "snappy", "gzip", "none"})
    void everyCodecWritesTablesDuckDbReads(String codec) throws Exception {
        Path out = tmp.resolve(codec);
        Result r = export(CAPTURES + "c2-https-beacon.pcap.gz", "--parquet", out.toString(), "--compression", codec);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = s.executeQuery("select count(*) from read_parquet('" + out.resolve(t + ".parquet") + "')")) {
                    rs.next();
                    assertThat(r.out()).as(t).contains(t + " " + rs.getLong(1));
                }
            }
        }
    }

    @Test
    void noDownloadsLeavesResponseBodiesOutOfFiles() throws Exception {
        String capture = CAPTURES + "c2-http-beacon.pcap.gz";
        Path all = tmp.resolve("all"), up = tmp.resolve("up");
        assertThat(export(capture, "--parquet", all.toString()).code()).isZero();
        assertThat(export(capture, "--parquet", up.toString(), "--no-downloads").code()).isZero();
        String q = "select count(*) from read_parquet('%s') where protocol = 'http' and direction = 'download'";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery(q.formatted(all.resolve("files.parquet")))) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
            try (ResultSet rs = s.executeQuery(q.formatted(up.resolve("files.parquet")))) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void aCutOffCaptureIsExportedUpToTheCutWithExit3() throws Exception {
        byte[] whole;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of(CAPTURES + "c2-https-beacon.pcap.gz")))) {
            whole = in.readAllBytes();
        }
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3 + 7));
        Path out = tmp.resolve("out");
        Result r = export(cut.toString(), "--parquet", out.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("nta: " + cut + ": read up to where the file is cut off").hasLineCount(1);
        for (String t : TABLES) assertThat(out.resolve(t + ".parquet")).isRegularFile();
    }

    @Test
    void aNonCaptureFileIsOneLineAndExit2() throws Exception {
        Path notCapture = tmp.resolve("notes.txt");
        Files.writeString(notCapture, "these are not packets\n".repeat(10));
        Path out = tmp.resolve("out");
        Result r = export(notCapture.toString(), "--parquet", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("nta: " + notCapture).doesNotContain("Exception").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingFileIsOneLineAndExit2() {
        Result r = export(tmp.resolve("nope.pcap").toString(), "--parquet", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("nta: ").hasLineCount(1);
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsOneLineAndExit2() throws Exception {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        for (Path dir : List.of(file, file.resolve("sub"))) {
            Result r = export(CAPTURES + "c2-https-beacon.pcap.gz", "--parquet", dir.toString());
            assertThat(r.code()).as(dir.toString()).isEqualTo(2);
            assertThat(r.err()).as(dir.toString()).startsWith("nta: cannot create " + dir + ": ").doesNotContain("Exception").hasLineCount(1);
        }
    }

    @Test
    void aBadCompressionIsOneLineAndExit2() {
        Result r = export(CAPTURES + "c2-https-beacon.pcap.gz", "--parquet", tmp.resolve("o").toString(), "--compression", "lz5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("nta: --compression").hasLineCount(1);
    }

    @Test
    void aDirectoryOfCapturesIsReadAsOneNamingEachRowsFile() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("rotation"));
        Path one = in.resolve("a.pcap.gz"), two = in.resolve("b.pcap.gz");
        Files.copy(Path.of(CAPTURES + "c2-https-beacon.pcap.gz"), one);
        Files.copy(Path.of(CAPTURES + "c2-http-beacon.pcap.gz"), two);
        Files.writeString(in.resolve("README"), "not a capture");
        Path out = tmp.resolve("out");
        Result r = export(in.toString(), "--parquet", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith("nta: skipped ").hasLineCount(1);
        List<String> files = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select distinct capture from read_parquet('" + out.resolve("conn.parquet") + "') order by 1")) {
            while (rs.next()) files.add(rs.getString(1));
        }
        assertThat(files).containsExactlyInAnyOrder(one.toString(), two.toString());
    }
}
