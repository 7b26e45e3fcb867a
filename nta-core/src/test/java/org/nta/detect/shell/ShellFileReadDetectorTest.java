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

class ShellFileReadDetectorTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            + "bob:x:1000:1000:Bob Smith,,,:/home/bob:/bin/bash\n";

    private static List<Finding> run(Event... events) {
        ShellFileReadDetector d = new ShellFileReadDetector(ShellConfig.DEFAULTS);
        for (Event e : events) d.onEvent(e);
        return d.finish();
    }

    @Test
    void shadowReadInAReverseShell() {
        ConnInfo c = Ev.conn(10050, "10.0.0.5", "10.0.0.66", 9001);
        String prompt = "www-data@portal:/tmp$ ";
        var s = Ev.session(c, chunk(true, 1, prompt), chunk(false, 2, "cat /etc/shadow\n"), chunk(true, 3, "cat /etc/shadow\n"),
                chunk(true, 4, "root:*:19000:0:99999:7:::\nbob:$6$Qq1v0lS7$0f4yJcBq6r1m6l9bPzQx0dU2v5m3Jc8y:19000:0:99999:7:::\n"),
                chunk(true, 5, prompt), chunk(false, 6, "id\n"), chunk(true, 7, "uid=33(www-data) gid=33(www-data)\n"), chunk(true, 8, prompt));
        List<Finding> fs = run(s);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.INFO_DISCLOSURE);
        assertThat(f.phase()).isEqualTo(Phase.ACTIONS_ON_OBJECTIVES);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.techniques()).containsExactly("T1003.008");
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo("10.0.0.5");
        assertThat(f.firstFrame()).isEqualTo(2);
        assertThat(f.lastFrame()).isEqualTo(4);
        assertThat(f.filter()).isEqualTo("frame.number in {2, 4}");
        assertThat(f.evidence()).containsEntry("file", "/etc/shadow").containsEntry("kind", "shadow").containsEntry("via", "reverse_shell")
                .containsEntry("frame", 4L).containsEntry("command_frame", 2L).containsEntry("accounts", List.of("root", "bob"))
                .containsEntry("password_hashes", List.of(Map.of("account", "bob", "algorithm", "sha512crypt")));
        assertThat(f.evidence().get("excerpt").toString()).contains("bob:$6$Qq1v0lS7$…").doesNotContain("0f4yJcBq");
    }

    @Test
    void passwdReadThroughAWebShell() {
        var r = Ev.post(Ev.web(10047), 26201, "/uploads/img.phtml", "c=cat+%2Fetc%2Fpasswd");
        Finding f = run(Ev.tx(r, 200, PASSWD)).get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.techniques()).containsExactly("T1087.001");
        assertThat(f.evidence()).containsEntry("via", "webshell_command").containsEntry("login_accounts", List.of("root", "bob"))
                .containsEntry("account_count", 3).containsEntry("parameter", "c").containsEntry("frame", 26203L);
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
    }

    @Test
    void privateKeyAndConfigSecrets() {
        var key = Ev.tx(Ev.get(Ev.web(1), 10, "/u/s.php?c=cat%20/home/bob/.ssh/id_rsa"), 200,
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        var cfg = Ev.tx(Ev.get(Ev.web(2), 20, "/u/s.php?c=cat%20../wp-config.php"), 200, "define('DB_PASSWORD', 'hunter2');\n");
        List<Finding> fs = run(key, cfg);
        assertThat(fs).extracting(f -> f.evidence().get("kind")).containsExactly("private_key", "config");
        assertThat(fs.get(1).evidence().get("excerpt").toString()).doesNotContain("hunter2");
    }

    @Test
    void noContentNoFinding() {
        var denied = Ev.tx(Ev.get(Ev.web(1), 10, "/u/s.php?c=cat%20/etc/shadow"), 200, "cat: /etc/shadow: Permission denied\n");
        var notFound = Ev.tx(Ev.get(Ev.web(2), 20, "/u/s.php?c=cat%20/etc/passwd"), 404, PASSWD);
        var traversal = Ev.tx(Ev.get(Ev.web(3), 30, "/download.php?file=../../../etc/passwd"), 200, PASSWD); // LFI: the web detectors' case
        var other = Ev.tx(Ev.get(Ev.web(4), 40, "/u/s.php?c=cat%20/etc/hostname"), 200, "portal\n");
        ConnInfo c = Ev.conn(9, "10.0.0.5", "10.0.0.66", 4444);
        var shell = Ev.session(c, chunk(false, 50, "ls /etc\n"), chunk(true, 51, "passwd\nshadow\n"));
        assertThat(run(denied, notFound, traversal, other, shell)).isEmpty();
    }
}
