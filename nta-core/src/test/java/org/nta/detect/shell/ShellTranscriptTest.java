package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.detect.shell.Ev.chunk;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.event.TcpSession;

class ShellTranscriptTest {
    private static final ShellConfig CFG = ShellConfig.DEFAULTS;

    /** /bin/sh -i over a reverse connection: the client is the shell, the server (listener) types. */
    static List<TcpSession.Chunk> shWithPrompt() {
        return List.of(
                chunk(true, 10, "/bin/sh: 0: "), chunk(true, 11, "can't access tty; job control turned off\n"), chunk(true, 12, "$ "),
                chunk(false, 20, "id\n"), chunk(true, 21, "uid=33(www-data) gid=33(www-data) groups=33(www-data)\n"), chunk(true, 22, "$ "),
                chunk(false, 30, "hostname\n"), chunk(true, 31, "portal\n"), chunk(true, 32, "$ "),
                chunk(false, 40, "exit\n"));
    }

    @Test
    void promptedShellReadsAsServerTyping() {
        ShellTranscript.Transcript t = ShellTranscript.best(shWithPrompt(), CFG);
        assertThat(t.clientTypes()).isFalse();
        assertThat(t.commands()).extracting(ShellTranscript.Typed::command).containsExactly("id", "hostname", "exit");
        assertThat(t.commands()).extracting(ShellTranscript.Typed::frame).containsExactly(20L, 30L, 40L);
        ShellTranscript.Typed id = t.commands().get(0);
        assertThat(id.output()).isEqualTo("uid=33(www-data) gid=33(www-data) groups=33(www-data)");
        assertThat(id.outputFirstFrame()).isEqualTo(21);
        assertThat(id.outputLastFrame()).isEqualTo(21); // the prompt in frame 22 is not output
        assertThat(t.commands().get(1).output()).isEqualTo("portal");
        assertThat(t.commands().get(2).output()).isEmpty();
        assertThat(t.prompt()).isEqualTo("$ ");
        assertThat(t.banner()).isEqualTo("/bin/sh: 0: can't access tty; job control turned off");
        assertThat(t.user()).containsEntry("name", "www-data").containsEntry("uid", 33);
        assertThat(t.signs()).contains("shell banner", "prompt", "id output");
        assertThat(t.answered()).isEqualTo(2);
        assertThat(ReverseShellFindings.looksLikeShell(t, CFG)).isTrue();
    }

    @Test
    void echoedCommandsAndBashPromptAreRemovedFromOutput() {
        String prompt = "www-data@portal:/var/www/html/uploads$ ";
        List<TcpSession.Chunk> c = List.of(
                chunk(true, 1, "bash: no job control in this shell\n"), chunk(true, 2, prompt),
                chunk(false, 3, "whoami\n"), chunk(true, 4, "whoami\r\n"), chunk(true, 5, "www-data\n"), chunk(true, 6, prompt),
                chunk(false, 7, "cat /etc/shadow\n"), chunk(true, 8, "cat /etc/shadow\n"),
                chunk(true, 9, "root:*:19000:0:99999:7:::\nbob:$6$salt$hash:19000:0:99999:7:::\n"), chunk(true, 10, prompt),
                chunk(false, 11, "exit\n"), chunk(true, 12, "exit\n"));
        ShellTranscript.Transcript t = ShellTranscript.best(c, CFG);
        assertThat(t.clientTypes()).isFalse();
        assertThat(t.commands()).extracting(ShellTranscript.Typed::command).containsExactly("whoami", "cat /etc/shadow", "exit");
        assertThat(t.commands().get(0).output()).isEqualTo("www-data");
        assertThat(t.commands().get(0).outputFirstFrame()).isEqualTo(5); // after the echo in frame 4
        assertThat(t.commands().get(1).outputFirstFrame()).isEqualTo(9);
        assertThat(t.commands().get(1).output()).startsWith("root:*:19000");
        assertThat(t.prompt()).isEqualTo(prompt);
        assertThat(t.user()).containsEntry("name", "www-data");
    }

    @Test
    void characterAtATimeTypingWithBackspaceAndArrowKeys() {
        List<TcpSession.Chunk> c = List.of(
                chunk(true, 1, "i"), chunk(false, 2, "i"), chunk(true, 3, "x"), chunk(true, 4, "\u007f"), chunk(true, 5, "d"),
                chunk(true, 6, "\u001b[A"), chunk(true, 7, "\r"), chunk(false, 8, "d\r\nuid=0(root) gid=0(root)\r\n# "),
                chunk(true, 9, "p"), chunk(true, 10, "w"), chunk(true, 11, "d\r"), chunk(false, 12, "pwd\r\n/root\r\n# "));
        ShellTranscript.Transcript t = ShellTranscript.best(c, CFG);
        assertThat(t.clientTypes()).isTrue();
        assertThat(t.commands()).extracting(ShellTranscript.Typed::command).containsExactly("id", "pwd");
        assertThat(t.commands().get(0).firstFrame()).isEqualTo(1);
        assertThat(t.commands().get(0).frame()).isEqualTo(7);
        assertThat(t.commands().get(1).output()).isEqualTo("/root");
    }

    @Test
    void noPromptNoEchoNcatShell() {
        List<TcpSession.Chunk> c = List.of(
                chunk(false, 1, "id\n"), chunk(true, 2, "uid=33(www-data) gid=33(www-data) groups=33(www-data)\n"),
                chunk(false, 3, "pwd\n"), chunk(true, 4, "/var/www/html/uploads\n"),
                chunk(false, 5, "exit\n"));
        ShellTranscript.Transcript t = ShellTranscript.best(c, CFG);
        assertThat(t.clientTypes()).isFalse();
        assertThat(t.commands()).extracting(ShellTranscript.Typed::command).containsExactly("id", "pwd", "exit");
        assertThat(t.prompt()).isNull();
        assertThat(t.banner()).isEmpty();
        assertThat(ReverseShellFindings.looksLikeShell(t, CFG)).isTrue();
    }

    @Test
    void lineProtocolsAreNotShells() {
        List<TcpSession.Chunk> smtp = List.of(
                chunk(false, 1, "220 mail.example.com ESMTP\r\n"), chunk(true, 2, "HELO client\r\n"), chunk(false, 3, "250 Hello\r\n"),
                chunk(true, 4, "MAIL FROM:<a@example.com>\r\n"), chunk(false, 5, "250 OK\r\n"), chunk(true, 6, "QUIT\r\n"),
                chunk(false, 7, "221 Bye\r\n"));
        assertThat(ReverseShellFindings.looksLikeShell(ShellTranscript.best(smtp, CFG), CFG)).isFalse();
        List<TcpSession.Chunk> chat = List.of(
                chunk(true, 1, "hello there\n"), chunk(false, 2, "hi! how are you\n"), chunk(true, 3, "fine thanks\n"),
                chunk(false, 4, "cat pictures later?\n"));
        assertThat(ReverseShellFindings.looksLikeShell(ShellTranscript.best(chat, CFG), CFG)).isFalse();
        // commands typed but nothing ever answers
        List<TcpSession.Chunk> silent = List.of(chunk(true, 1, "id\n"), chunk(true, 2, "ls\n"), chunk(true, 3, "exit\n"));
        assertThat(ReverseShellFindings.looksLikeShell(ShellTranscript.best(silent, CFG), CFG)).isFalse();
    }

    @Test
    void overlongLinesAreNotTyped() {
        String blob = "a".repeat(CFG.maxTypedLineChars() + 10) + "\n";
        ShellTranscript.Transcript t = ShellTranscript.read(List.of(chunk(true, 1, blob), chunk(true, 2, "id\n")), true, CFG);
        assertThat(t.commands()).extracting(ShellTranscript.Typed::command).containsExactly("id");
    }

    @Test
    void transcriptIsBounded() {
        ShellConfig small = new ShellConfig(10, 10, 10, 10, 10, 1000, 100, 8, 2, 64, 2, 0.9, 300, 10, true);
        List<TcpSession.Chunk> c = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.add(chunk(false, 2 * i + 1, "ls\n"));
            c.add(chunk(true, 2 * i + 2, "a-very-long-file-name.txt\n"));
        }
        ShellTranscript.Transcript t = ShellTranscript.read(c, false, small);
        assertThat(t.commands()).hasSize(2);
        assertThat(t.totalCommands()).isEqualTo(5);
        assertThat(t.commands().get(0).output()).hasSize(9).endsWith("…");
    }
}
