package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code --eve FILE} on analyze and the per-protocol commands, as a user runs it. */
class EveOptionTest {
    static final String BEACON = Path.of("..", "nta-core", "src", "test", "resources", "captures", "c2-https-beacon.pcap.gz").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<JsonNode> lines(String text) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isEmpty()) out.add(JSON.readTree(l));
        return out;
    }

    static Map<String, Integer> types(List<JsonNode> lines) {
        Map<String, Integer> m = new HashMap<>();
        for (JsonNode l : lines) m.merge(l.get("event_type").asText(), 1, Integer::sum);
        return m;
    }

    @Test
    void analyzeWritesOneAlertPerFindingAndTheSameBytesTwice() throws Exception {
        Path eve = dir.resolve("eve.json"), json = dir.resolve("r.json");
        CliRun r = CliRun.of("analyze", BEACON, "--eve", eve.toString(), "--json", json.toString(), "--no-hash");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Verdict:");
        List<JsonNode> lines = lines(Files.readString(eve));
        int findings = JSON.readTree(json.toFile()).get("findings").size();
        assertThat(types(lines)).containsEntry("alert", findings).containsKeys("flow", "dns", "http", "tls");
        for (JsonNode l : lines) assertThat(l.get("pcap_filename").asText()).isEqualTo(BEACON);
        Path again = dir.resolve("again.json");
        assertThat(CliRun.of("analyze", BEACON, "--eve", again.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(eve));
    }

    @Test
    void analyzeCanWriteEveToStandardOutputAlone() throws Exception {
        CliRun r = CliRun.of("analyze", BEACON, "--eve", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("Verdict");
        assertThat(types(lines(r.out()))).containsKeys("alert", "flow");
        CliRun both = CliRun.of("analyze", BEACON, "--eve", "-", "--json", "-");
        assertThat(both.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(both.err()).contains("standard output");
    }

    @Test
    void anUnwritableEveFileIsAnErrorBeforeAnythingIsRead() {
        CliRun r = CliRun.of("analyze", BEACON, "--eve", dir.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(r.err()).contains("cannot write " + dir);
        assertThat(r.out()).doesNotContain("Verdict");
    }

    @Test
    void theProtocolCommandsWriteTheirEventsAndFlowsButNoAlerts() throws Exception {
        Map<String, String> expected = Map.of("http", "http", "dns", "dns", "tls", "tls", "conversations", "flow");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path eve = dir.resolve(e.getKey() + ".eve.json");
            CliRun r = CliRun.of(e.getKey(), BEACON, "--json", "--eve", eve.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            JSON.readTree(r.out()); // the command's own JSON is untouched
            Map<String, Integer> types = types(lines(Files.readString(eve)));
            assertThat(types).as(e.getKey()).containsKeys(e.getValue(), "flow").doesNotContainKey("alert");
        }
        CliRun stdout = CliRun.of("dns", BEACON, "--eve", "-");
        assertThat(stdout.exit()).isEqualTo(Main.EXIT_UNREADABLE);
    }
}
