package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -Y restricts every command to the traffic the display filter selects (issue 5). */
class FilterOptionTest {
    static final String SAMPLE = Path.of("..", "samples", "webshell-lab.pcap.gz").toString();

    @TempDir
    Path dir;

    @Test
    void filesKeepsOnlyTheFilesOfSelectedMessages() throws Exception {
        CliRun r = CliRun.of("files", SAMPLE, "-Y", "http.request.method == \"POST\" && http.content_type contains \"multipart\"",
                "--extract", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Files: 1").contains("dbfunctions.php").contains("multipart");
        assertThat(Files.readString(dir.resolve("dbfunctions.php"))).contains("system($_GET[\"cmd\"])");
    }

    @Test
    void filesListsUrlencodedFormsAsSentLikeWiresharksExportObjects() {
        CliRun r = CliRun.of("files", SAMPLE, "-Y", "http.request.method == \"POST\"", "--json");
        assertThat(r.exit()).isZero();
        // sqlmap's 549 login form posts (as many as tshark counts), each the form as sent, and the one upload
        assertThat(r.out().split("\"source\" : \"form\"", -1)).hasSize(550);
        assertThat(r.out().split("\"source\" : \"multipart\"", -1)).hasSize(2);
    }

    @Test
    void httpKeepsTransactionsWhoseRequestOrResponseIsSelected() {
        CliRun byResponse = CliRun.of("http", SAMPLE, "-Y", "http.response.code == 301", "--csv");
        assertThat(byResponse.out().trim().split("\r\n")).hasSize(2);
        assertThat(byResponse.out()).contains("10997,10997,10999,1074");
        CliRun byRequest = CliRun.of("http", SAMPLE, "-Y", "http.request.uri contains \"dbfunctions\"", "--csv");
        assertThat(byRequest.out().trim().split("\r\n")).hasSize(4);
    }

    @Test
    void conversationsCountOnlySelectedFrames() {
        CliRun all = CliRun.of("conversations", SAMPLE, "--type", "tcp", "-Y", "tcp.port == 4422", "--json");
        assertThat(all.out()).contains("\"stream\" : 1740").contains("\"frames_ab\" : 17").contains("\"frames_ba\" : 19");
        CliRun syns = CliRun.of("conversations", SAMPLE, "--type", "tcp", "-Y", "tcp.port == 4422 && tcp.flags.syn == 1", "--json");
        assertThat(syns.out()).contains("\"frames_ab\" : 1").contains("\"frames_ba\" : 1");
    }

    @Test
    void dnsKeepsSelectedMessages() {
        CliRun r = CliRun.of("dns", SAMPLE, "-Y", "dns.a == 10.251.96.41", "--json");
        assertThat(r.out()).contains("\"frame\" : 10").contains("\"frame\" : 19366").doesNotContain("\"frame\" : 8,");
    }

    @Test
    void analyzeSeesOnlySelectedTraffic() {
        CliRun r = CliRun.of("analyze", SAMPLE, "-Y", "frame.number < 3000", "--color", "never");
        assertThat(r.out()).contains("port_scan").doesNotContain("file_upload").doesNotContain("reverse_shell");
    }

    @Test
    void followShowsOnlyTurnsWithSelectedFrames() {
        CliRun r = CliRun.of("follow", SAMPLE, "--stream", "1735", "-Y", "http.request");
        assertThat(r.out()).contains("POST /upload.php").doesNotContain("HTTP/1.1 200 OK");
    }

    @Test
    void aBadFilterIsExit2WithACaret() {
        CliRun r = CliRun.of("http", SAMPLE, "-Y", "http.request.method == ");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("^");
    }
}
