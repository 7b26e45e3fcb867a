package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze masks passwords in every output unless --show-secrets, and says how to see them. */
class AnalyzeSecretsTest {
    @Test
    void maskedUnlessShown(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("r.md"), json = dir.resolve("r.json");
        CliRun r = CliRun.of("analyze", "--color", "never", "--report", md.toString(), "--json", json.toString(), CredsCommandTest.CAPTURE);
        assertThat(r.exit()).isZero();
        for (String out : new String[] {r.out(), Files.readString(md), Files.readString(json)}) {
            assertThat(out).doesNotContain("S3cr3t").contains("run nta analyze --show-secrets");
        }
        CliRun s = CliRun.of("analyze", "--color", "never", "--show-secrets", "--report", md.toString(), "--json", json.toString(),
                CredsCommandTest.CAPTURE);
        assertThat(s.exit()).isZero();
        assertThat(Files.readString(md)).contains("S3cr3t!");
        assertThat(Files.readString(json)).contains("S3cr3t!").contains("\"secrets_masked\" : false");
    }
}
