package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nta creds} on the hydra capture: its HTTP form logins (54 guesses, the hit in frame 1206, bob's login in
 * frame 509 and the attacker's manual login in frame 1304), as a table, JSON and CSV, masked unless
 * --show-secrets, restricted by -Y, and --hashcat with no hashes to write.
 */
class CredsCommandTest {
    static final String CAPTURE = Path.of("..", "nta-core", "src", "test", "resources", "captures", "hydra-login-bruteforce.pcap.gz").toString();
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** docs/json.md's fields, in order: a contract (only ever added to). */
    static final List<String> FIELDS = List.of("frame", "result_frame", "stream", "transport", "time", "client_addr", "client_port",
            "server_addr", "server_port", "protocol", "mechanism", "user", "domain", "kind", "secret", "secret_masked", "result",
            "hashcat_mode", "detail");

    @Test
    void table() {
        CliRun r = CliRun.of("creds", CAPTURE);
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("Credentials: \\d+");
        assertThat(lines.get(1)).contains("Frame", "Result frame", "Stream", "Client", "Server", "Protocol", "Mechanism", "User", "Kind",
                "Secret", "Result");
        assertThat(r.out()).contains("bob").contains("admin").contains("****").doesNotContain("S3cr3t")
                .contains("Secrets are masked (****); --show-secrets shows them.");
        String bob = lines.stream().filter(l -> l.contains(" bob ")).findFirst().orElseThrow();
        assertThat(bob).contains("509", "511", "tcp 46", "172.31.200.23:", "172.31.200.10:80", "http", "form", "password", "accepted");
    }

    @Test
    void jsonAndShowSecrets() throws Exception {
        CliRun r = CliRun.of("creds", "--json", CAPTURE);
        JsonNode rows = MAPPER.readTree(r.out());
        assertThat(rows.size()).isGreaterThanOrEqualTo(56);
        List<String> fields = new java.util.ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(FIELDS);
        assertThat(r.out()).doesNotContain("S3cr3t");
        JsonNode hit = null;
        for (JsonNode row : rows) if (row.get("frame").asLong() == 1206) hit = row;
        assertThat(hit).isNotNull();
        assertThat(hit.get("result_frame").asLong()).isEqualTo(1208);
        assertThat(hit.get("stream").asInt()).isEqualTo(109);
        assertThat(hit.get("user").asText()).isEqualTo("admin");
        assertThat(hit.get("secret").asText()).isEqualTo("****");
        assertThat(hit.get("result").asText()).isEqualTo("accepted");
        long previous = 0;
        for (JsonNode row : rows) {
            assertThat(row.get("frame").asLong()).isGreaterThanOrEqualTo(previous);
            previous = row.get("frame").asLong();
        }
        JsonNode shown = MAPPER.readTree(CliRun.of("creds", "--json", "--show-secrets", CAPTURE).out());
        boolean found = false;
        for (JsonNode row : shown) found |= row.get("frame").asLong() == 1206 && row.get("secret").asText().equals("S3cr3t!");
        assertThat(found).isTrue();
    }

    @Test
    void csvAndFilter() {
        CliRun r = CliRun.of("creds", "--csv", "-Y", "tcp.stream == 46", CAPTURE);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", FIELDS));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("509,511,46,tcp,").contains(",bob,", ",****,true,accepted,");
        assertThat(CliRun.of("creds", "--csv", "--show-secrets", "-Y", "frame.number == 1206", CAPTURE).out()).contains("S3cr3t!");
    }

    @Test
    void hashcatWithNothingToCrack(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("creds", "--hashcat", dir.resolve("h").toString(), CAPTURE);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("no crackable hashes");
        try (var s = Files.list(dir.resolve("h"))) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void jsonAndCsvExcludeEachOther() {
        assertThat(CliRun.of("creds", "--json", "--csv", CAPTURE).exit()).isEqualTo(Main.EXIT_UNREADABLE);
    }
}
