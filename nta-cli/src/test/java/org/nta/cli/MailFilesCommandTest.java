package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code nta files} on the mail lab capture: messages as .eml and attachments decoded, in the same manifest as HTTP objects. */
class MailFilesCommandTest {
    static final String MAIL = Path.of("..", "nta-core", "src", "test", "resources", "mail", "mail-lab.pcap.gz").toString();

    @TempDir
    Path dir;

    @Test
    void messagesAndAttachmentsAreFiles() throws Exception {
        CliRun r = CliRun.of("files", MAIL, "--extract", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Quarterly numbers.eml", "rechnung-märz.pdf", "tools.zip", "make-messages.py", "message", "attachment");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        int messages = 0, attachments = 0;
        for (JsonNode e : manifest) {
            if (e.get("source").asText().equals("message")) messages++;
            if (e.get("source").asText().equals("attachment")) attachments++;
            byte[] b = Files.readAllBytes(dir.resolve(e.get("saved_name").asText()));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b))).isEqualTo(e.get("sha256").asText());
        }
        assertThat(messages).as("5 sent over SMTP, 5 read over POP, 6 over IMAP").isEqualTo(16);
        assertThat(attachments).isPositive();
        byte[] pdf = Files.readAllBytes(dir.resolve("rechnung-märz.pdf"));
        assertThat(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-1.4");

        CliRun filtered = CliRun.of("files", MAIL, "-Y", "pop", "--json");
        assertThat(filtered.exit()).as(filtered.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(filtered.out());
        assertThat(rows.size()).isPositive();
        for (JsonNode e : rows) assertThat(e.get("direction").asText()).isEqualTo("download");
    }
}
