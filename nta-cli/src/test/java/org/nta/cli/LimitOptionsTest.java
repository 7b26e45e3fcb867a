package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.app.AppConfig;
import org.nta.app.http.HttpConfig;
import org.nta.reassembly.ReassemblyConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** The limit options change what is analysed, and a run that reaches a limit says which, and how to raise it. */
class LimitOptionsTest {
    static final String SAMPLE = BadInputTest.SAMPLE.toString();
    /** Two out-of-order segments (13,006 bytes) of one download buffered at once (src/test/resources/README.md). */
    static final String REORDERED = Path.of("src", "test", "resources", "reordered-download.pcap.gz").toString();
    /** A gzip response decoding to 20,000 bytes. */
    static final String GZIP = Path.of("src", "test", "resources", "gzip-response.pcap.gz").toString();
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> COMMANDS = List.of("analyze", "http", "files", "follow", "dns", "tls", "conversations", "packets");

    @TempDir
    Path dir;

    @Test
    void theDefaultsReachNoLimitAndSayNothing() throws Exception {
        CliRun r = CliRun.of("http", "--json", SAMPLE);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode rows = JSON.readTree(r.out());
        assertThat(rows.size()).isEqualTo(5263);
        for (JsonNode row : rows) assertThat(row.get("response_truncated").asBoolean()).as(row.toString()).isFalse();
        CliRun reordered = CliRun.of("http", "--json", REORDERED);
        assertThat(reordered.err()).isEmpty();
        assertThat(JSON.readTree(reordered.out()).get(0).get("response_body_len").asLong()).isEqualTo(20011);
    }

    @Test
    void maxFileBytesTakesASizeKeepsThatMuchOfEachFileAndNamesTheOption() throws Exception {
        Path out = dir.resolve("files");
        CliRun r = CliRun.of("files", SAMPLE, "-Y", "http.request.method == \"POST\" && http.content_type contains \"multipart\"",
                "--extract", out.toString(), "--max-file-bytes", "16");
        assertThat(r.exit()).isZero();
        assertThat(Files.size(out.resolve("dbfunctions.php"))).isEqualTo(16);
        JsonNode row = JSON.readTree(out.resolve("manifest.json").toFile()).get(0);
        assertThat(row.get("size").asLong()).isEqualTo(60);
        assertThat(row.get("truncated").asBoolean()).isTrue();
        assertThat(r.err()).contains("http.file_truncated ×", "(raise --max-file-bytes, now 16 bytes)");
        assertThat(CliRun.of("files", SAMPLE, "--max-file-bytes", "1M").err()).doesNotContain("file_truncated");
        CliRun zero = CliRun.of("files", SAMPLE, "--max-file-bytes", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("must be more than 0");
    }

    @Test
    void maxStreamBytesStopsReassemblyAndNamesTheOption() {
        CliRun r = CliRun.of("http", SAMPLE, "--max-stream-bytes", "2k");
        assertThat(r.exit()).isZero();
        assertThat(transactions(r)).isLessThan(5263);
        assertThat(r.err()).matches("nta: \\Q" + SAMPLE + "\\E: limits reached: tcp\\.depth_reached ×\\d+ "
                + "\\(raise --max-stream-bytes, now 2 KiB\\)\n");
    }

    @Test
    void maxBodyBytesKeepsLessAndFlagsTheRowsTruncated() throws Exception {
        CliRun r = CliRun.of("http", "--json", SAMPLE, "--max-body-bytes", "16");
        assertThat(r.exit()).isZero();
        int truncated = 0;
        for (JsonNode row : JSON.readTree(r.out())) {
            if (row.get("response_truncated").asBoolean()) {
                truncated++;
                assertThat(row.get("response_body_len").asLong()).isGreaterThan(16);
            }
        }
        assertThat(truncated).isPositive();
        assertThat(r.err()).contains("http.body_truncated ×", "(raise --max-body-bytes, now 16 bytes)").hasLineCount(1);
        CliRun csv = CliRun.of("http", "--csv", SAMPLE, "--max-body-bytes", "16");
        assertThat(csv.out().lines().findFirst().orElseThrow()).endsWith(",server,request_truncated,response_truncated,community_id");
        assertThat(csv.out().lines().skip(1).findFirst().orElseThrow()).contains(",false,true,1:");
        CliRun text = CliRun.of("http", SAMPLE, "--max-body-bytes", "16");
        assertThat(text.out()).contains("308 (truncated)");
    }

    @Test
    void maxHeaderBytesDropsLongerMessages() {
        CliRun r = CliRun.of("http", SAMPLE, "--max-header-bytes", "200");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("http.header_too_long ×", "(raise --max-header-bytes, now 200 bytes)");
    }

    @Test
    void maxDecompressedBytesStopsDecoding() throws Exception {
        CliRun r = CliRun.of("http", "--json", GZIP, "--max-decompressed-bytes", "1k");
        assertThat(r.exit()).isZero();
        assertThat(JSON.readTree(r.out()).get(0).get("response_body_len").asLong()).isEqualTo(1024);
        assertThat(r.err()).isEqualTo("nta: " + GZIP + ": limits reached: http.decompress_limit ×1 "
                + "(raise --max-decompressed-bytes, now 1 KiB)\n");
        CliRun whole = CliRun.of("http", "--json", GZIP);
        assertThat(JSON.readTree(whole.out()).get(0).get("response_body_len").asLong()).isEqualTo(20000);
        assertThat(whole.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--max-ooo-segments | 1  | tcp.out_of_order_limit ×1 (raise --max-ooo-bytes, now 1 MiB, or --max-ooo-segments, now 1)",
            "--max-ooo-bytes    | 8k | tcp.out_of_order_limit ×1 (raise --max-ooo-bytes, now 8 KiB, or --max-ooo-segments, now 256)",
            "--memcap           | 8k | tcp.memcap_reached ×1 (raise --memcap, now 8 KiB)"})
    void outOfOrderLimitsLoseTheSegmentsBeyondThem(String option, String value, String reported) throws Exception {
        CliRun r = CliRun.of("http", "--json", REORDERED, option, value);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("nta: " + REORDERED + ": limits reached: " + reported + "\n");
        JsonNode row = JSON.readTree(r.out()).get(0);
        assertThat(row.get("response_body_len").isNull() || row.get("response_body_len").asLong() < 20011).as(row.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "http", "files", "follow", "dns", "tls", "conversations", "packets"})
    void everyCommandThatReassemblesTakesTheOptionsAndReportsTheLimits(String command) {
        List<String> args = new ArrayList<>(List.of(command, REORDERED, "--max-ooo-segments", "1"));
        if (command.equals("follow")) args.addAll(List.of("--stream", "0"));
        if (command.equals("conversations") || command.equals("packets")) args.addAll(List.of("-Y", "http")); // else no reassembly
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).as(command).isEqualTo("nta: " + REORDERED + ": limits reached: tcp.out_of_order_limit ×1 "
                + "(raise --max-ooo-bytes, now 1 MiB, or --max-ooo-segments, now 1)\n");
    }

    @Test
    void analyzeShowsTheLimitsInItsJsonAndReport() throws Exception {
        Path md = dir.resolve("report.md");
        CliRun r = CliRun.of("analyze", REORDERED, "--memcap", "8k", "--json", "-", "--report", md.toString());
        assertThat(r.exit()).isZero();
        JsonNode summary = JSON.readTree(r.out()).get("summary");
        assertThat(summary.get("limits_reached").toString()).isEqualTo("{\"tcp.memcap_reached\":1}");
        assertThat(summary.get("malformed").get("tcp.memcap_reached").asLong()).isEqualTo(1);
        assertThat(Files.readString(md)).contains("| Limits reached | `tcp.memcap_reached` ×1");
        CliRun plain = CliRun.of("analyze", REORDERED, "--json", "-", "--report", dir.resolve("plain.md").toString());
        assertThat(JSON.readTree(plain.out()).get("summary").get("limits_reached").isEmpty()).isTrue();
        assertThat(Files.readString(dir.resolve("plain.md"))).doesNotContain("Limits reached");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--max-body-bytes | 0    | '0' must be more than 0",
            "--memcap         | lots | 'lots' is not a size (bytes, or with k/KiB, M/MiB or G/GiB)",
            "--max-ooo-segments | 2k | '2k' is not a count more than 0"})
    void badValuesAreUsageErrorsOfOneLine(String option, String value, String why) {
        for (String command : COMMANDS) {
            List<String> args = new ArrayList<>(List.of(command, option, value, SAMPLE));
            if (command.equals("follow")) args.addAll(List.of("--stream", "0"));
            CliRun r = CliRun.of(args.toArray(new String[0]));
            assertThat(r.exit()).as(command).isEqualTo(2);
            assertThat(r.out()).as(command).isEmpty();
            // the one line of every usage error, then picocli's pointer to the help, as for any other bad option
            assertThat(r.err()).as(command).isEqualTo("nta: Invalid value for option '" + option + "': " + why + "\n"
                    + "Try 'nta " + command + " --help'.\n");
        }
    }

    @Test
    void theHelpStatesTheDefaultsTheEngineHas() {
        CommandLine http = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().get("http");
        ReassemblyConfig r = ReassemblyConfig.DEFAULTS;
        HttpConfig h = AppConfig.all().httpConfig();
        assertThat(description(http, "--max-stream-bytes")).contains("(default " + Sizes.format(r.depth()) + ")");
        assertThat(description(http, "--max-ooo-bytes")).contains("(default " + Sizes.format(r.maxOooBytes()) + ")");
        assertThat(description(http, "--max-ooo-segments")).contains("(default " + r.maxOooSegments() + ")");
        assertThat(description(http, "--memcap")).contains("(default " + Sizes.format(r.memcap()) + ")");
        assertThat(description(http, "--max-header-bytes")).contains("(default " + Sizes.format(h.maxHeaderBytes()) + ")");
        assertThat(description(http, "--max-body-bytes")).contains("(default 64 KiB for http and analyze, "
                + Sizes.format(h.maxBodyBytes()) + " for the others)");
        assertThat(description(http, "--max-decompressed-bytes")).contains("(default " + Sizes.format(h.maxDecompressedBytes()) + ")");
    }

    private static String description(CommandLine command, String option) {
        return String.join(" ", command.getCommandSpec().findOption(option).description());
    }

    private static long transactions(CliRun r) {
        String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).endsWith(" transactions");
        return Long.parseLong(last.split(" ")[0]);
    }
}
