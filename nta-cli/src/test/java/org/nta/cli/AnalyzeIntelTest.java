package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code nta analyze --intel FILE}: the analyst's indicators become intel_match findings with their labels. */
class AnalyzeIntelTest {
    static final String DNS2TCP = Path.of("..", "nta-core", "src", "test", "resources", "c2", "dns2tcp-txt.pcap").toString();

    @TempDir
    Path dir;

    @Test
    void everyMatchIsAFindingWithTheIndicatorsLabel() throws Exception {
        Path intel = Files.writeString(dir.resolve("iocs.csv"), "indicator,label\ntun.example.com,dns2tcp zone from the ticket\n");
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("analyze", DNS2TCP, "--intel", intel.toString(), "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        boolean intelMatch = false, tunnel = false;
        for (JsonNode f : root.get("findings")) {
            if (f.get("type").asText().equals("intel_match")) {
                intelMatch = true;
                assertThat(f.get("evidence").get("label").asText()).isEqualTo("dns2tcp zone from the ticket");
            }
            if (f.get("type").asText().equals("dns_tunnel")) {
                tunnel = true;
                assertThat(f.get("evidence").get("tool").asText()).isEqualTo("dns2tcp");
            }
        }
        assertThat(intelMatch).isTrue();
        assertThat(tunnel).isTrue();
        assertThat(root.get("verdict").get("level").asText()).isEqualTo("malicious");
    }

    @Test
    void anUnreadableIntelFileIsAnError() {
        CliRun r = CliRun.of("analyze", DNS2TCP, "--intel", dir.resolve("missing.txt").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("missing.txt");
    }
}
