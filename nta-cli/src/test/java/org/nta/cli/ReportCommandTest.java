package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze --html and report RESULT.json --html give the same page, byte for byte; the page is self-contained. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void theReportFromTheSavedJsonIsTheSamePageAsTheOneWrittenWithTheAnalysis() throws Exception {
        Path json = dir.resolve("result.json"), html = dir.resolve("analyze.html"), again = dir.resolve("report.html");
        CliRun a = CliRun.of("analyze", AnalyzeCommandTest.SAMPLE, "--json", json.toString(), "--html", html.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        CliRun r = CliRun.of("report", json.toString(), "--html", again.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(html));

        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy", "Verdict: MALICIOUS", "dbfunctions.php",
                "18dcf70f576826445ff511af7140d1f137a863c8530b4e4bbfdd436d0332fdd1")
                .doesNotContain("href=\"http", "src=\"", "<link", "@import", "url(http");
        // sqlmap's cross-site scripting probes are text, never markup
        assertThat(page).doesNotContainPattern("<script[^>]*>[^<]*alert").contains("&lt;script");
        assertThat(Files.readString(json)).contains("\"traffic\"", "\"sha256\"");

        // a second analysis gives the same bytes
        Path second = dir.resolve("second.html");
        assertThat(CliRun.of("analyze", AnalyzeCommandTest.SAMPLE, "--html", second.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(html));
    }

    @Test
    void noHashLeavesTheHashOutOfTheJsonAndThePage() throws Exception {
        Path json = dir.resolve("r.json"), html = dir.resolve("r.html");
        CliRun a = CliRun.of("analyze", AnalyzeCommandTest.BENIGN, "--no-hash", "--json", json.toString(), "--html", html.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(Files.readString(json)).contains("\"traffic\"");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).path("summary").has("sha256")).isFalse();
        assertThat(Files.readString(html)).doesNotContain("SHA-256</dt>").contains("Verdict: BENIGN");
    }

    @Test
    void aFileThatIsNotAnAnalysisIsRefusedInOneLine() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"hello\": 1}");
        CliRun r = CliRun.of("report", bad.toString(), "--html", dir.resolve("x.html").toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(r.err()).contains("not the JSON of nta analyze").doesNotContain("Exception");
        Files.writeString(bad, "not json");
        assertThat(CliRun.of("report", bad.toString(), "--html", dir.resolve("x.html").toString()).exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(CliRun.of("report", dir.resolve("missing.json").toString(), "--html", dir.resolve("x.html").toString()).exit())
                .isEqualTo(Main.EXIT_UNREADABLE);
    }

    @Test
    void anAnalysisWithTimesThatAreNotTimesIsRefusedInOneLine() throws Exception {
        Path bad = dir.resolve("times.json");
        Files.writeString(bad, "{\"verdict\": {\"level\": \"malicious\"}, \"findings\": [], \"incidents\": [{\"attacker\": \"10.0.0.1\", "
                + "\"victim\": null, \"first_time\": \"yesterday\", \"last_time\": \"<b>\", \"findings\": []}]}");
        CliRun r = CliRun.of("report", bad.toString(), "--html", dir.resolve("t.html").toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(r.err()).contains("not the JSON of nta analyze").doesNotContain("Exception");
    }
}
