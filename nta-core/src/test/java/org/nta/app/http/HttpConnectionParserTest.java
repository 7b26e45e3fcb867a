package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.event.HttpBody;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpHeader;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HttpConnectionParserTest {
    @Test
    void keepAlivePairsRequestsAndResponsesInOrder() {
        Conv c = new Conv().client(Samples.gobuster("admin")).server(Samples.APACHE_404)
                .client(Samples.gobuster("robots.txt")).server(Samples.ok("User-agent: *\n", "text/plain"));
        Recorder r = c.run();
        assertThat(r.transactions).hasSize(2);
        HttpTransaction t0 = r.transactions.get(0);
        assertThat(t0.request().uri()).isEqualTo("/admin");
        assertThat(t0.request().userAgent()).isEqualTo("gobuster/3.5");
        assertThat(t0.response().status()).isEqualTo(404);
        assertThat(t0.response().reason()).isEqualTo("Not Found");
        assertThat(t0.response().server()).isEqualTo("Apache/2.4.71 (Debian)");
        assertThat(t0.response().requestFrame()).isEqualTo(1);
        assertThat(t0.frame()).isEqualTo(2);
        assertThat(r.transactions.get(1).response().body().text()).isEqualTo("User-agent: *\n");
        assertThat(r.transactions.get(1).response().requestFrame()).isEqualTo(3);
        assertThat(c.anomalies.isEmpty()).isTrue();
        // event order: request, response, its file, transaction
        assertThat(r.events.subList(0, 4)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("HttpRequest", "HttpResponse", "HttpFileObject", "HttpTransaction");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        Conv c = new Conv().client(Samples.gobuster("a") + Samples.gobuster("b") + Samples.gobuster("c"))
                .server(Samples.APACHE_404 + Samples.ok("b", "text/plain")).server(Samples.ok("c", "text/plain"));
        Recorder r = c.run();
        assertThat(r.requests).extracting(HttpRequest::uri).containsExactly("/a", "/b", "/c");
        assertThat(r.requests).extracting(HttpRequest::index).containsExactly(0, 1, 2);
        assertThat(r.transactions).extracting(t -> t.request().uri() + "=" + t.response().status())
                .containsExactly("/a=404", "/b=200", "/c=200");
        assertThat(r.responses).extracting(HttpResponse::frame).containsExactly(2L, 2L, 3L);
    }

    @Test
    void headResponseHasNoBodyEvenWithContentLength() {
        Conv c = new Conv().client("HEAD /big.iso HTTP/1.1\r\nHost: h\r\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 734003200\r\n\r\n")
                .server(Samples.ok("x", "text/plain"));
        Recorder r = c.run();
        assertThat(r.responses).hasSize(2);
        assertThat(r.responses.get(0).body().isEmpty()).isTrue();
        assertThat(r.responses.get(0).frame()).isEqualTo(2);
        assertThat(r.responses.get(0).requestMethod()).isEqualTo("HEAD");
        assertThat(r.responses.get(1).body().text()).isEqualTo("x");
        assertThat(r.transactions).hasSize(2);
    }

    @Test
    void noBodyFor204And304() {
        Recorder r = new Conv().client("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"
                        + "HTTP/1.1 204 No Content\r\n\r\n" + Samples.ok("c", "text/plain")).run();
        assertThat(r.responses).extracting(HttpResponse::status).containsExactly(304, 204, 200);
        assertThat(r.transactions).hasSize(3);
        assertThat(r.transactions.get(2).response().body().text()).isEqualTo("c");
    }

    @Test
    void interimResponsesDoNotConsumeTheRequest() {
        Conv c = new Conv().client("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
                .server("HTTP/1.1 100 Continue\r\n\r\n")
                .client("data")
                .server("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        Recorder r = c.run();
        assertThat(r.responses).extracting(HttpResponse::status).containsExactly(100, 103, 201);
        assertThat(r.responses.get(0).isInterim()).isTrue();
        assertThat(r.responses.get(0).requestMethod()).isEqualTo("POST");
        assertThat(r.transactions).hasSize(1);
        HttpTransaction t = r.transactions.get(0);
        assertThat(t.request().body().text()).isEqualTo("data");
        assertThat(t.request().frame()).isEqualTo(3);
        assertThat(t.request().firstFrame()).isEqualTo(1);
        assertThat(t.response().status()).isEqualTo(201);
        assertThat(t.response().requestFrame()).isEqualTo(3);
        assertThat(t.interim()).extracting(HttpResponse::status).containsExactly(100, 103);
    }

    static final String CLIENT_HELLO = "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003binary";

    @Test
    void connectTurnsTheConnectionIntoAnOpaqueTunnel() {
        Conv c = new Conv().client("CONNECT portal.corp.lan:443 HTTP/1.1\r\nHost: portal.corp.lan:443\r\n\r\n")
                .server("HTTP/1.1 200 Connection established\r\n\r\n")
                .client(CLIENT_HELLO).server("\u0016\u0003\u0003\u0000\u0050ServerHello").client("GET / HTTP/1.1\r\n\r\n");
        Recorder r = c.run();
        assertThat(r.requests).hasSize(1);
        assertThat(r.requests.get(0).method()).isEqualTo("CONNECT");
        assertThat(r.requests.get(0).host()).isEqualTo("portal.corp.lan:443");
        assertThat(r.responses).hasSize(1);
        assertThat(r.transactions).hasSize(1);
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void tunnelDataSentBeforeTheConnectAnswerIsNotParsed() {
        Conv c = new Conv().client("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n").client(CLIENT_HELLO)
                .server("HTTP/1.1 200 OK\r\n\r\n");
        Recorder r = c.run();
        assertThat(r.transactions).hasSize(1);
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void refusedConnectKeepsParsingTheHeldRequests() {
        Conv c = new Conv().client("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n")
                .client("GET /after HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
                .server(Samples.ok("after", "text/plain"));
        Recorder r = c.run();
        assertThat(r.requests).extracting(HttpRequest::uri).containsExactly("h:443", "/after");
        assertThat(r.requests.get(1).frame()).isEqualTo(2);
        assertThat(r.transactions).extracting(t -> t.response().status()).containsExactly(407, 200);
    }

    @Test
    void switchingProtocolsStopsParsing() {
        Conv c = new Conv().client("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .server("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0005hello")
                .client("\u0081\u0085\u0037\u00fa\u0021\u003d\u007f\u009f\u004d\u0051\u0058");
        Recorder r = c.run();
        assertThat(r.transactions).hasSize(1);
        assertThat(r.transactions.get(0).response().status()).isEqualTo(101);
        assertThat(r.transactions.get(0).interim()).isEmpty();
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void http2PriorKnowledgePrefaceStopsParsing() {
        Conv c = new Conv().client("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0012\u0004\u0000\u0000\u0000\u0000\u0000")
                .server("\u0000\u0000\u0000\u0004\u0001\u0000\u0000\u0000\u0000");
        Recorder r = c.run();
        assertThat(r.events).isEmpty();
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void resetEndsBothDirectionsOnItsFrame() {
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, HttpConfig.defaults(), rec,
                new org.nta.bytes.AnomalyCounter());
        byte[] req = Conv.bytes("GET /big HTTP/1.1\r\n\r\n");
        byte[] resp = Conv.bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial");
        p.onData(true, req, 0, req.length, 1, 10);
        p.onData(false, resp, 0, resp.length, 2, 20);
        assertThat(p.isStopped()).isFalse();
        p.onFin(true, true, 3, 30);
        assertThat(rec.responses).hasSize(1);
        assertThat(rec.responses.get(0).frame()).isEqualTo(3);
        assertThat(rec.responses.get(0).incomplete()).isTrue();
        assertThat(rec.transactions).hasSize(1);
        assertThat(p.isStopped()).isTrue();
        p.onData(false, resp, 0, resp.length, 4, 40);
        p.onClose(5, 50);
        assertThat(rec.events).hasSize(4);
    }

    @Test
    void obsoleteLineFoldingIsJoined() {
        Recorder r = new Conv().client("GET / HTTP/1.1\r\nHost: h\r\nX-Folded: first\r\n   second\r\n\tthird\r\nAccept: */*\r\n\r\n").run();
        assertThat(r.requests.get(0).headers().list()).containsExactly(new HttpHeader("Host", "h"),
                new HttpHeader("X-Folded", "first second third"), new HttpHeader("Accept", "*/*"));
        assertThat(r.requests.get(0).headers().first("x-folded")).isEqualTo("first second third");
    }

    @Test
    void responsesWithoutCapturedRequestAreReported() {
        Conv c = new Conv().server(Samples.APACHE_404).server(Samples.ok("x", "text/plain"));
        Recorder r = c.run();
        assertThat(r.responses).hasSize(2);
        assertThat(r.responses.get(0).requestFrame()).isZero();
        assertThat(r.responses.get(0).requestMethod()).isNull();
        assertThat(r.transactions).hasSize(2);
        assertThat(r.transactions.get(0).request()).isNull();
        assertThat(r.files).hasSize(2);
        assertThat(r.files.get(0).method()).isNull();
    }

    @Test
    void closeDelimitedBodyEndsOnTheFinFrame() {
        Conv c = new Conv().client("GET /log HTTP/1.0\r\n\r\n")
                .server("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\npart one,")
                .server(" part two").fin(false).fin(true);
        Recorder r = c.run();
        HttpResponse resp = r.responses.get(0);
        assertThat(resp.firstFrame()).isEqualTo(2);
        assertThat(resp.frame()).isEqualTo(4);
        assertThat(resp.body().text()).isEqualTo("part one, part two");
        assertThat(resp.incomplete()).isFalse();
        assertThat(r.transactions).hasSize(1);
    }

    @Test
    void closeDelimitedBodyEndsOnCloseWithoutFin() {
        Recorder r = new Conv().client("GET / HTTP/1.1\r\n\r\n").server("HTTP/1.1 200 OK\r\n\r\nabc").run();
        assertThat(r.responses.get(0).frame()).isEqualTo(3); // the close
        assertThat(r.responses.get(0).body().text()).isEqualTo("abc");
    }

    @Test
    void gapInsideKnownLengthBodyIsSkippedAndMarked() {
        Conv c = new Conv().client("GET / HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab").gap(false, 5).server("fgh")
                .server(Samples.ok("next", "text/plain"));
        Recorder r = c.run();
        assertThat(r.responses).hasSize(2);
        HttpBody b = r.responses.get(0).body();
        assertThat(r.responses.get(0).incomplete()).isTrue();
        assertThat(r.responses.get(0).frame()).isEqualTo(4);
        assertThat(b.incomplete()).isTrue();
        assertThat(b.length()).isEqualTo(5);
        assertThat(b.text()).isEqualTo("abfgh");
        assertThat(r.responses.get(1).body().text()).isEqualTo("next");
        assertThat(r.responses.get(1).incomplete()).isFalse();
        assertThat(r.files.get(0).incomplete()).isTrue();
    }

    @Test
    void gapInHeadersResynchronisesOnTheNextStartLine() {
        Conv c = new Conv().client("GET /lost HTTP/1.1\r\nHost: h\r\nUser-Ag").gap(true, 40)
                .client("tail of a lost line\r\n\r\nGET /found HTTP/1.1\r\nHost: h\r\n\r\n");
        Recorder r = c.run();
        assertThat(r.requests).extracting(HttpRequest::uri).containsExactly("/found");
        assertThat(r.requests.get(0).firstFrame()).isEqualTo(3);
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void gapPastTheBodyEndEndsTheMessageAndResynchronises() {
        Conv c = new Conv().client("POST /a HTTP/1.1\r\nContent-Length: 4\r\n\r\nab").gap(true, 30)
                .client("junk\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");
        Recorder r = c.run();
        assertThat(r.requests).extracting(HttpRequest::uri).containsExactly("/a", "/b");
        assertThat(r.requests.get(0).incomplete()).isTrue();
        assertThat(r.requests.get(0).frame()).isEqualTo(2);
        assertThat(r.requests.get(1).body().text()).isEqualTo("ok");
    }

    @Test
    void gapInChunkedBodyWithinAChunk() {
        Conv c = new Conv().client("GET / HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n01").gap(false, 4)
                .server("6789\r\n0\r\n\r\n");
        Recorder r = c.run();
        HttpResponse resp = r.responses.get(0);
        assertThat(resp.body().text()).isEqualTo("016789");
        assertThat(resp.body().incomplete()).isTrue();
        assertThat(resp.frame()).isEqualTo(4);
    }

    @Test
    void transferEncodingWinsOverContentLengthAndIsCounted() {
        Conv c = new Conv().client("POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");
        Recorder r = c.run();
        assertThat(r.requests.get(0).body().text()).isEqualTo("hello");
        assertThat(c.anomalies.count(Anomaly.HTTP_TE_CL_CONFLICT)).isEqualTo(1);
        assertThat(c.anomalies.firstFrame(Anomaly.HTTP_TE_CL_CONFLICT)).isEqualTo(1);
    }

    @Test
    void conflictingContentLengthsAreMalformed() {
        Conv c = new Conv().client("POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n");
        c.run();
        assertThat(c.anomalies.count(Anomaly.HTTP_MALFORMED)).isEqualTo(1);
        Conv same = new Conv().client("POST /x HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc");
        assertThat(same.run().requests.get(0).body().text()).isEqualTo("abc");
        assertThat(same.anomalies.isEmpty()).isTrue();
    }

    @Test
    void messagesCutByTheEndOfTheConnectionAreReportedIncomplete() {
        Conv c = new Conv().client("POST /upload HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part").fin(true)
                .client("").server("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort");
        Recorder r = c.run();
        assertThat(r.requests.get(0).incomplete()).isTrue();
        assertThat(r.requests.get(0).frame()).isEqualTo(2);
        assertThat(r.requests.get(0).body().text()).isEqualTo("only part");
        assertThat(r.responses.get(0).incomplete()).isTrue();
        assertThat(r.transactions).hasSize(1);
    }

    @Test
    void headCutByTheEndOfTheCaptureIsReportedIfItsStartLineIsWhole() {
        Recorder r = new Conv().client("GET /cut HTTP/1.1\r\nHost: h\r\nUser-Agent: cu").run();
        assertThat(r.requests).hasSize(1);
        assertThat(r.requests.get(0).incomplete()).isTrue();
        assertThat(r.requests.get(0).host()).isEqualTo("h");
        assertThat(new Conv().client("GET /cu").run().requests).isEmpty();
    }

    @Test
    void pipelineLimitReportsTheOldestUnanswered() {
        Conv c = new Conv().config(new HttpConfig(65536, 100, 1024, 2, 1024, 1024, 1 << 20, 3, 10, 1024))
                .client(Samples.gobuster("1") + Samples.gobuster("2") + Samples.gobuster("3"));
        Recorder r = c.run();
        assertThat(c.anomalies.count(Anomaly.HTTP_PIPELINE_LIMIT)).isEqualTo(1);
        assertThat(r.transactions).extracting(t -> t.request().uri()).containsExactly("/1", "/2", "/3");
        assertThat(r.transactions).allSatisfy(t -> assertThat(t.response()).isNull());
    }

    @Test
    void earlyResponseWaitsForTheRequestToComplete() {
        Conv c = new Conv().client("POST /big HTTP/1.1\r\nContent-Length: 8\r\n\r\nabcd")
                .server("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .client("efgh");
        Recorder r = c.run();
        assertThat(r.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("HttpResponse", "HttpRequest", "HttpFileObject", "HttpTransaction");
        HttpTransaction t = r.transactions.get(0);
        assertThat(t.request().body().text()).isEqualTo("abcdefgh");
        assertThat(t.response().status()).isEqualTo(413);
        assertThat(t.response().requestFirstFrame()).isEqualTo(1);
    }

    @Test
    void doubleEncodingIsFlaggedAndCounted() {
        Conv c = new Conv().client("GET /item.php?id=1%2527%20OR%201=1 HTTP/1.1\r\nHost: h\r\n\r\n");
        HttpRequest q = c.run().requests.get(0);
        assertThat(q.doubleEncoded()).isTrue();
        assertThat(q.queryParams()).containsExactly(new HttpParam("id", "1%27 OR 1=1"));
        assertThat(c.anomalies.count(Anomaly.HTTP_DOUBLE_ENCODING)).isEqualTo(1);
    }

    @Test
    void requestFieldsAreDecoded() {
        Conv c = new Conv().client(Samples.FIREFOX_GET).client("GET http://proxy.example/a%20b/c.php?x=1+2&y HTTP/1.1\r\n\r\n");
        Recorder r = c.run();
        HttpRequest f = r.requests.get(0);
        assertThat(f.cookies()).containsExactly(new HttpParam("PHPSESSID", "2b7c9f1e0d8a"), new HttpParam("theme", "dark"));
        assertThat(f.referer()).isEqualTo("http://10.251.96.5/index.php");
        assertThat(f.version()).isEqualTo("HTTP/1.1");
        assertThat(f.query()).isNull();
        HttpRequest p = r.requests.get(1);
        assertThat(p.host()).isEqualTo("proxy.example");
        assertThat(p.path()).isEqualTo("/a b/c.php");
        assertThat(p.query()).isEqualTo("x=1+2&y");
        assertThat(p.queryParams()).containsExactly(new HttpParam("x", "1 2"), new HttpParam("y", ""));
        assertThat(p.uriDecoded()).isEqualTo("http://proxy.example/a b/c.php?x=1 2&y");
    }

    @Test
    void aFormPostIsAnObjectAsInWiresharkAndARawPutIsAFile() {
        Conv c = new Conv().client(Samples.SQLMAP_POST)
                .client("PUT /dav/shell.php HTTP/1.1\r\nHost: h\r\nContent-Length: 19\r\n\r\n<?php phpinfo(); ?>");
        Recorder r = c.run();
        assertThat(r.requests.get(0).formParams()).containsExactly(new HttpParam("username", "admin' OR '1'='1"),
                new HttpParam("password", "x"), new HttpParam("password", "y"));
        assertThat(r.files).hasSize(2);
        HttpFileObject form = r.files.get(0);
        assertThat(form.source()).isEqualTo(HttpFileObject.Source.FORM);
        assertThat(form.originalName()).isEqualTo("index.php");
        assertThat(form.declaredType()).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(new String(form.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(Samples.SQLMAP_BODY);
        HttpFileObject f = r.files.get(1);
        assertThat(f.direction()).isEqualTo(HttpFileObject.Direction.UPLOAD);
        assertThat(f.source()).isEqualTo(HttpFileObject.Source.REQUEST_BODY);
        assertThat(f.originalName()).isEqualTo("shell.php");
        assertThat(f.mimeType()).isEqualTo("application/x-httpd-php");
    }

    @Test
    void downloadNamesComeFromContentDispositionElseTheUri() {
        Conv c = new Conv().client("GET /download.php?id=7 HTTP/1.1\r\n\r\nGET /files/report%20q3.pdf HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"invoice.exe\"\r\n"
                        + "Content-Length: 4\r\n\r\nMZ\u0090\u0000")
                .server("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 8\r\n\r\n%PDF-1.7");
        Recorder r = c.run();
        assertThat(r.files).extracting(HttpFileObject::originalName).containsExactly("invoice.exe", "report q3.pdf");
        assertThat(r.files).extracting(HttpFileObject::mimeType)
                .containsExactly("application/vnd.microsoft.portable-executable", "application/pdf");
        assertThat(r.files.get(1).uri()).isEqualTo("/files/report%20q3.pdf");
        assertThat(r.files.get(1).direction()).isEqualTo(HttpFileObject.Direction.DOWNLOAD);
    }

    @Test
    void junkOnAConnectionIsCountedOnceAndParsingRecovers() {
        Conv c = new Conv().client("\u0000\u0001binary junk with no line end at all".repeat(50))
                .client("\r\nGET /ok HTTP/1.1\r\n\r\n");
        Recorder r = c.run();
        assertThat(r.requests).extracting(HttpRequest::uri).containsExactly("/ok");
        assertThat(c.anomalies.count(Anomaly.HTTP_MALFORMED)).isEqualTo(1);
    }

    @Test
    void detectionByContent() {
        assertThat(ok(Samples.CURL_GET, true)).isTrue();
        assertThat(ok("PROPFIND /dav/ HTTP/1.1\r\n", true)).isTrue();
        assertThat(ok("GET /partial-line-so-far", true)).isTrue();
        assertThat(ok("GET", true)).isFalse();
        assertThat(ok("OPTIONS rtsp://cam/stream RTSP/1.0\r\nCSeq: 1\r\n", true)).isFalse();
        assertThat(ok("INVITE sip:bob@example.com SIP/2.0\r\n", true)).isFalse();
        assertThat(ok("EHLO mail.example.com\r\n", true)).isFalse();
        assertThat(ok("USER anonymous\r\n", true)).isFalse();
        assertThat(ok("SSH-2.0-OpenSSH_9.2p1\r\n", true)).isFalse();
        assertThat(ok("\u0016\u0003\u0001\u0002\u0000\u0001", true)).isFalse();
        assertThat(ok("get / HTTP/1.1\r\n", true)).isFalse();
        assertThat(ok("HTTP/1.1 200 OK\r\n", false)).isTrue();
        assertThat(ok("HTTP/1.0 404 Not Found\r\n", false)).isTrue();
        assertThat(ok("HTTP/1.1 200", false)).isTrue();
        assertThat(ok("HTTP/1.1 20", false)).isFalse();
        assertThat(ok("HTTP/2 200\r\n", false)).isFalse();
        assertThat(ok("HTTP/1.1 099 x\r\n", false)).isFalse();
        assertThat(ok("RTSP/1.0 200 OK\r\n", false)).isFalse();
        byte[] b = Conv.bytes("xxGET / HTTP/1.1\r\n");
        assertThat(HttpConnectionParser.looksLikeRequest(b, 2, b.length - 2)).isTrue();
        assertThat(HttpConnectionParser.looksLikeRequest(b, 2, 100)).isFalse();
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(64)];
            rnd.nextBytes(junk);
            assertThat(HttpConnectionParser.looksLikeRequest(junk, 0, junk.length)).isFalse();
            assertThat(HttpConnectionParser.looksLikeResponse(junk, 0, junk.length)).isFalse();
        }
    }

    private static boolean ok(String s, boolean request) {
        byte[] b = Conv.bytes(s);
        return request ? HttpConnectionParser.looksLikeRequest(b, 0, b.length)
                : HttpConnectionParser.looksLikeResponse(b, 0, b.length);
    }

    @Test
    void headersKeepOrderDuplicatesAndCase() {
        Recorder r = new Conv().server("HTTP/1.1 302 Found\r\nSet-Cookie: a=1\r\nLocation: /home\r\nset-cookie: b=2\r\n"
                + "Content-Length: 0\r\n\r\n").run();
        HttpResponse resp = r.responses.get(0);
        assertThat(resp.headers().all("SET-COOKIE")).containsExactly("a=1", "b=2");
        assertThat(resp.headers().list().get(2).name()).isEqualTo("set-cookie");
        assertThat(resp.location()).isEqualTo("/home");
        assertThat(List.of(resp.status(), resp.body().length())).containsExactly(302, 0L);
    }

    @Test
    void midStreamEachDirectionSkipsSilentlyToItsFirstStartLine() {
        Conv c = new Conv().midStream()
                .server("tail of a previous body ..... no start line here\n")
                .client("xxxxxxxxxxxxxxxx") // the end of a request body, no line end before the next request
                .client("\r\nGET /mid HTTP/1.1\r\nHost: h5\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        Recorder r = c.run();
        assertThat(r.transactions).extracting(t -> t.request().uri() + "=" + t.response().status()).containsExactly("/mid=200");
        assertThat(r.responses.get(0).requestFrame()).isEqualTo(3);
        assertThat(c.anomalies.isEmpty()).as("a pickup inside a message is not malformed").isTrue();
    }

    @Test
    void midStreamALineGluedToTheEndOfABodyIsNoStartLine() {
        // as in Wireshark: "xxx...GET /mid2 HTTP/1.1" is one line that does not start a request
        Recorder r = new Conv().midStream().client("x".repeat(100)).server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
                .client("GET /mid2 HTTP/1.1\r\nHost: h6\r\n\r\n").server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nho").run();
        assertThat(r.requests).isEmpty();
        assertThat(r.responses).extracting(HttpResponse::frame).containsExactly(2L, 4L);
    }

    @Test
    void withoutMidStreamTheSameBytesAreMalformed() {
        Conv c = new Conv().server("tail of a previous body\n").server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        c.run();
        assertThat(c.anomalies.count(Anomaly.HTTP_MALFORMED)).isEqualTo(1);
    }
}
