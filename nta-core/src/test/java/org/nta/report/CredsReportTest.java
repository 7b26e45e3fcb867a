package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;

/** nta creds rows: the JSON contract, masking in every form, and the hashcat files. */
class CredsReportTest {
    static final long T0 = 1_700_000_000_123_456_000L;

    static Credential cred(int stream, long frame, String protocol, String user, Credential.Kind kind, String secret, int mode,
                           Credential.Result result) {
        return new Credential(new ConnInfo("tcp", stream, 4, "10.0.0.20", 40000 + stream, "10.0.0.5", 21), protocol, "USER/PASS",
                user, kind == Credential.Kind.HASH ? "CORP" : null, kind, secret, result, frame, T0 + frame * 1000, frame + 2,
                T0 + frame * 1000 + 500, mode, "230 Login successful.");
    }

    final Credential ftp = cred(3, 12, "ftp", "alice", Credential.Kind.PASSWORD, "hunter2", 0, Credential.Result.ACCEPTED);
    final Credential v2a = cred(7, 40, "ntlmssp", "bob", Credential.Kind.HASH, "bob::CORP:1122334455667788:aa:bb", 5600, Credential.Result.REJECTED);
    final Credential v2b = cred(8, 50, "ntlmssp", "bob", Credential.Kind.HASH, "bob::CORP:1122334455667788:aa:bb", 5600, Credential.Result.ACCEPTED);
    final Credential v2c = cred(9, 45, "ntlmssp", "carol", Credential.Kind.HASH, "carol::CORP:99:cc:dd", 5600, Credential.Result.ACCEPTED);
    final Credential asrep = cred(10, 60, "kerberos", "svc", Credential.Kind.HASH, "$krb5asrep$23$svc@CORP:abc$def", 18200, Credential.Result.UNKNOWN);
    final Credential cram = cred(11, 70, "smtp", "dave", Credential.Kind.PASSWORD, null, 0, Credential.Result.UNKNOWN);

    @Test
    void jsonFieldsMaskedByDefault() {
        Map<String, Object> o = CredsReport.json(ftp, 6, false);
        assertThat(o.keySet()).containsExactlyElementsOf(CredsReport.COLUMNS);
        assertThat(o).containsEntry("frame", 12L).containsEntry("result_frame", 14L).containsEntry("stream", 3).containsEntry("transport", "tcp")
                .containsEntry("client_addr", "10.0.0.20").containsEntry("server_port", 21).containsEntry("protocol", "ftp")
                .containsEntry("user", "alice").containsEntry("kind", "password").containsEntry("secret", "****")
                .containsEntry("secret_masked", true).containsEntry("result", "accepted").containsEntry("hashcat_mode", null)
                .containsEntry("time", "2023-11-14T22:13:20.123468Z");
        assertThat(CredsReport.json(ftp, 6, true)).containsEntry("secret", "hunter2").containsEntry("secret_masked", false);
        assertThat(CredsReport.json(cram, 6, false)).containsEntry("secret", null).containsEntry("secret_masked", false);
        assertThat(CredsReport.json(v2a, 6, false)).containsEntry("hashcat_mode", 5600).containsEntry("domain", "CORP");
    }

    @Test
    void textAndCsvMaskUnlessShown() {
        List<Credential> all = CredsReport.sorted(List.of(v2b, ftp, v2a, cram));
        assertThat(all).containsExactly(ftp, v2a, v2b, cram);
        String text = CredsReport.text(all, TimeFormat.utc(6), T0, false), csv = CredsReport.csv(all, 6, false);
        for (String s : List.of(text, csv)) assertThat(s).doesNotContain("hunter2").doesNotContain("1122334455667788").contains("****");
        assertThat(csv).startsWith(String.join(",", CredsReport.COLUMNS) + "\r\n");
        String shown = CredsReport.text(all, TimeFormat.utc(6), T0, true);
        assertThat(shown).contains("hunter2").contains("bob::CORP:1122334455667788");
        assertThat(CredsReport.csv(all, 6, true)).contains("hunter2");
        assertThat(text.lines().findFirst().orElseThrow()).contains("Frame", "Result frame", "Stream", "Client", "Server", "Protocol",
                "Mechanism", "User", "Domain", "Kind", "Secret", "Result");
    }

    @Test
    void hashcatFilesOnePerModeDeduplicatedInCaptureOrder(@TempDir Path dir) throws Exception {
        List<Credential> all = CredsReport.sorted(List.of(asrep, v2b, ftp, v2c, v2a, cram));
        Map<Integer, Integer> written = CredsReport.hashcat(all, dir.resolve("out"));
        assertThat(written).containsExactly(Map.entry(5600, 2), Map.entry(18200, 1));
        assertThat(Files.readString(dir.resolve("out/5600.txt"))).isEqualTo("bob::CORP:1122334455667788:aa:bb\ncarol::CORP:99:cc:dd\n");
        assertThat(Files.readString(dir.resolve("out/18200.txt"))).isEqualTo("$krb5asrep$23$svc@CORP:abc$def\n");
        try (var s = Files.list(dir.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("18200.txt", "5600.txt");
        }
    }

    @Test
    void noHashesNoFiles(@TempDir Path dir) throws Exception {
        assertThat(CredsReport.hashcat(List.of(ftp, cram), dir)).isEmpty();
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void tableCellsCannotDriveTheTerminal() {
        // what a login form or a USER line can carry: CSI and OSC sequences (7- and 8-bit), a carriage return that
        // would overwrite the row, BEL, a right-to-left override, a zero-width space, a line separator
        String user = "adm\u001b[2J\u001b]0;pwned\u0007in\r\u009b31m\u009d0;t\u009c\u202eevil\u200b\u2028x";
        Credential c = new Credential(new ConnInfo("tcp", 1, 4, "10.0.0.20", 40001, "10.0.0.5", 21), "ftp\u001b[31m",
                "PLAIN\u009b1m", user, "CORP\u001b]8;;x\u0007", Credential.Kind.PASSWORD, "pw\u001b[8m", Credential.Result.ACCEPTED,
                5, T0, 6, T0 + 1, 0, "230\u001b[0m");
        String text = CredsReport.text(List.of(c), TimeFormat.utc(6), T0, true);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int type = Character.getType(ch);
            assertThat(ch == '\n' || (type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR))
                    .as("character U+%04X at %d of%n%s", (int) ch, i, text).isTrue();
        }
        assertThat(text.split("\n", -1)).hasSize(3); // header, one row, the end
        assertThat(text).contains("adm·[2J·]0;pwned·in··31m·0;t··evil··x", "ftp·[31m", "PLAIN·1m", "pw·[8m");
        // JSON and CSV keep the value as it was (their writers escape it)
        assertThat(CredsReport.json(c, 6, true)).containsEntry("user", user);
    }

    @Test
    void clippedNamesNeverEndInHalfACharacter() {
        String user = "a".repeat(CredsReport.TEXT_NAME_CHARS - 2) + "\uD83D\uDE00" + "tail";
        Credential c = new Credential(new ConnInfo("tcp", 1, 4, "10.0.0.20", 40001, "10.0.0.5", 21), "ftp", "USER/PASS", user,
                null, Credential.Kind.PASSWORD, "x", Credential.Result.ACCEPTED, 5, T0, 6, T0 + 1, 0, null);
        String text = CredsReport.text(List.of(c), TimeFormat.utc(6), T0, true);
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i))) assertThat(Character.isLowSurrogate(text.charAt(i + 1))).isTrue();
            if (Character.isLowSurrogate(text.charAt(i))) assertThat(Character.isHighSurrogate(text.charAt(i - 1))).isTrue();
        }
        assertThat(text).contains("a".repeat(CredsReport.TEXT_NAME_CHARS - 2) + "…");
    }

    @Test
    void aHashLineWithALineBreakFromTheCaptureIsNotWritten(@TempDir Path dir) throws Exception {
        Credential forged = cred(12, 80, "ntlmssp", "x\n$krb5tgs$23$*forged*", Credential.Kind.HASH,
                "x\n$krb5tgs$23$*forged*::CORP:11:aa:bb", 5600, Credential.Result.REJECTED);
        assertThat(CredsReport.hashcat(List.of(forged, v2c), dir)).containsExactly(Map.entry(5600, 1));
        assertThat(Files.readAllLines(dir.resolve("5600.txt"))).containsExactly("carol::CORP:99:cc:dd");
    }
}
