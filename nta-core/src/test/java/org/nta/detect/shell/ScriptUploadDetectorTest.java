package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.Event;

class ScriptUploadDetectorTest {
    private static final String SHELL = "<?php\nif (isset($_GET[\"cmd\"])) { system($_GET[\"cmd\"]); }\n?>\n";

    private static List<Finding> run(ShellConfig cfg, Event... events) {
        ScriptUploadDetector d = new ScriptUploadDetector(cfg);
        for (Event e : events) d.onEvent(e);
        return d.finish();
    }

    private static List<Finding> run(Event... events) {
        return run(ShellConfig.DEFAULTS, events);
    }

    @Test
    void webShellUploadWithEvidenceAndWhereItLanded() {
        ConnInfo c = Ev.web(1735);
        var up = Ev.upload(c, 19412, "/upload.php", "fileToUpload", "dbfunctions.php", "application/octet-stream", Ev.bytes(SHELL));
        var use = Ev.get(Ev.web(1737), 19432, "/uploads/dbfunctions.php?cmd=id");
        List<Finding> fs = run(Ev.tx(up, 200, "The file dbfunctions.php has been uploaded."), Ev.tx(use, 200, "uid=33(www-data)"));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.FILE_UPLOAD);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.phase()).isEqualTo(Phase.INSTALLATION);
        assertThat(f.techniques()).containsExactly("T1505.003");
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo("10.0.0.5");
        assertThat(f.firstFrame()).isEqualTo(19412);
        assertThat(f.lastFrame()).isEqualTo(19414);
        assertThat(f.streams()).containsExactly(1735);
        assertThat(f.filter()).isEqualTo("frame.number in {19412, 19414}");
        assertThat(f.succeeded()).isTrue();
        assertThat(f.evidence())
                .containsEntry("filename", "dbfunctions.php")
                .containsEntry("sha256", Ev.sha256(Ev.bytes(SHELL)))
                .containsEntry("size", 60L)
                .containsEntry("field", "fileToUpload")
                .containsEntry("declared_content_type", "application/octet-stream")
                .containsEntry("detected_type", "application/x-httpd-php")
                .containsEntry("webshell", true)
                .containsEntry("capabilities", List.of("system($_GET[\"cmd\"])"))
                .containsEntry("parameter", "cmd")
                .containsEntry("parameter_method", "GET")
                .containsEntry("method", "POST")
                .containsEntry("uri", "/upload.php")
                .containsEntry("referer", "http://10.0.0.5/editprofile.php")
                .containsEntry("request_frame", 19412L)
                .containsEntry("response_frame", 19414L)
                .containsEntry("stream", 1735)
                .containsEntry("status", 200)
                .containsEntry("landed_uri", "/uploads/dbfunctions.php")
                .containsEntry("landed_frame", 19432L)
                .containsEntry("landed_status", 200);
    }

    @Test
    void phpDisguisedAsPngIsStillAWebShell() {
        var up = Ev.upload(Ev.web(1), 100, "/upload.php", "fileToUpload", "img.phtml", "image/png",
                Ev.bytes("<?php system($_POST['c']); ?>\n"));
        Finding f = run(Ev.tx(up, 200, "The file img.phtml has been uploaded.")).get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).containsEntry("webshell", true).containsEntry("declared_content_type", "image/png")
                .containsEntry("parameter", "c").containsEntry("parameter_method", "POST");
        assertThat((List<?>) f.evidence().get("reasons")).anyMatch(r -> r.toString().contains(".phtml"));
    }

    @Test
    void benignJpegIsInfoWithoutAttacker() {
        byte[] jpeg = new byte[2000];
        new java.util.Random(1).nextBytes(jpeg);
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        var up = Ev.upload(Ev.web(13), 161, "/upload.php", "fileToUpload", "me.jpg", "image/jpeg", jpeg);
        Finding f = run(Ev.tx(up, 200, "The file me.jpg has been uploaded."), Ev.tx(Ev.get(Ev.web(14), 171, "/uploads/me.jpg"), 200, "")).get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.attacker()).isNull();
        assertThat(f.techniques()).isEmpty();
        assertThat(f.evidence()).containsEntry("webshell", false).containsEntry("detected_type", "image/jpeg")
                .containsEntry("client", "10.0.0.66").containsEntry("landed_frame", 171L).containsEntry("content_excerpt", null);
        assertThat(run(new ShellConfig(10, 10, 10, 10, 10, 1000, 100, 100, 10, 100, 2, 0.9, 300, 10, false),
                Ev.tx(up, 200, "ok"))).isEmpty();
    }

    @Test
    void declaredImageWithTextContentIsLow() {
        var up = Ev.upload(Ev.web(2), 50, "/upload.php", "f", "pic.png", "image/png", Ev.bytes("just text, not an image"));
        Finding f = run(Ev.tx(up, 200, "ok")).get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.attacker()).isNull();
    }

    @Test
    void rejectedUploadFailsAndIsLessSevere() {
        var up = Ev.upload(Ev.web(3), 70, "/upload.php", "f", "shell.php", "application/x-php", Ev.bytes(SHELL));
        Finding f = run(Ev.tx(up, 200, "Sorry, only JPG, JPEG, PNG & GIF files are allowed.")).get(0);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        Finding g = run(Ev.tx(Ev.upload(Ev.web(4), 80, "/upload.php", "f", "x.php", null, Ev.bytes(SHELL)), 403, "Forbidden")).get(0);
        assertThat(g.succeeded()).isFalse();
        // a later 404 for the name says it did not land
        var up2 = Ev.upload(Ev.web(5), 90, "/upload.php", "f", "y.php", null, Ev.bytes(SHELL));
        Finding h = run(Ev.tx(up2, 200, "done"), Ev.tx(Ev.get(Ev.web(6), 95, "/uploads/y.php?cmd=id"), 404, "Not Found")).get(0);
        assertThat(h.succeeded()).isFalse();
        assertThat(h.evidence()).containsEntry("landed_status", 404);
    }

    @Test
    void scriptWithoutShellCapabilityIsHigh() {
        var up = Ev.upload(Ev.web(7), 60, "/upload.php", "f", "info.php", "text/plain", Ev.bytes("<?php phpinfo(); ?>"));
        Finding f = run(Ev.tx(up, 200, "The file info.php has been uploaded.")).get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("webshell", false).containsEntry("script_language", "php");
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
    }

    @Test
    void scriptsThatOnlyRunAsCgiAreMedium() {
        var py = Ev.upload(Ev.web(20), 60, "/upload.php", "f", "tool.py", "text/x-python", Ev.bytes("print('hello')\n"));
        Finding f = run(Ev.tx(py, 200, "ok")).get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("script_language", "python").containsEntry("webshell", false);
        var cgi = Ev.upload(Ev.web(21), 70, "/upload.php", "f", "x.cgi", null, Ev.bytes("#!/bin/sh\necho hi\n"));
        assertThat(run(Ev.tx(cgi, 200, "ok")).get(0).severity()).isEqualTo(Severity.HIGH);
        var pyShell = Ev.upload(Ev.web(22), 80, "/upload.php", "f", "s.py", null,
                Ev.bytes("#!/usr/bin/python3\nimport cgi,os\nos.system(cgi.FieldStorage().getvalue('c'))\n"));
        Finding g = run(Ev.tx(pyShell, 200, "ok")).get(0);
        assertThat(g.evidence()).containsEntry("webshell", true).containsEntry("parameter", "c");
        assertThat(g.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void putOfAJspShell() {
        String jsp = "<% Runtime.getRuntime().exec(request.getParameter(\"c\")); %>";
        var put = Ev.request(Ev.web(8), 40, "PUT", "/webdav/cmd.jsp", List.of(), "text/plain", Ev.bytes(jsp), List.of(), List.of());
        Finding f = run(Ev.tx(put, 201, "")).get(0);
        assertThat(f.evidence()).containsEntry("filename", "cmd.jsp").containsEntry("webshell", true).containsEntry("upload_source", "put")
                .containsEntry("field", null);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void ordinaryFormsAndJsonPostsAreNotUploads() {
        var login = Ev.post(Ev.web(9), 30, "/index.php", "username=bob&password=x");
        var json = Ev.request(Ev.web(10), 31, "POST", "/api/upload.php", List.of(), "application/json", Ev.bytes("{\"a\":1}"), List.of(), List.of());
        assertThat(run(Ev.tx(login, 302, ""), Ev.tx(json, 200, "{}"))).isEmpty();
    }

    @Test
    void uploadsBeyondTheBoundAreCounted() {
        ShellConfig one = new ShellConfig(1, 10, 10, 10, 10, 1000, 100, 100, 10, 100, 2, 0.9, 300, 10, true);
        var a = Ev.upload(Ev.web(11), 10, "/upload.php", "f", "a.php", null, Ev.bytes(SHELL));
        var b = Ev.upload(Ev.web(12), 20, "/upload.php", "f", "b.php", null, Ev.bytes(SHELL));
        List<Finding> fs = run(one, Ev.tx(a, 200, "ok"), Ev.tx(b, 200, "ok"));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("dropped_uploads", 1L);
    }
}
