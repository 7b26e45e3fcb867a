package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every conversation fed whole, cut in two at every offset of either direction, and one byte at a time gives the
 * same events (netty's testDecodeWholeRequestInMultipleSteps, for both directions).
 */
class HttpSplitPointTest {
    record Scenario(String name, byte[] client, byte[] server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("curl GET, page", Conv.bytes(Samples.CURL_GET), Conv.bytes(Samples.ok(Samples.PAGE, "text/html"))),
                new Scenario("firefox GET, 404", Conv.bytes(Samples.FIREFOX_GET), Conv.bytes(Samples.APACHE_404)),
                new Scenario("gobuster pipelined", Conv.bytes(Samples.gobuster("admin") + Samples.gobuster(".git/HEAD")
                        + Samples.gobuster("robots.txt")), Conv.bytes(Samples.APACHE_404 + Samples.APACHE_404
                        + Samples.ok("User-agent: *\nDisallow: /uploads/\n", "text/plain"))),
                new Scenario("sqlmap form POST", Conv.bytes(Samples.SQLMAP_POST), Conv.bytes(Samples.ok("<p>bad</p>", "text/html"))),
                new Scenario("curl multipart upload", Conv.bytes(Samples.CURL_MULTIPART),
                        Conv.bytes(Samples.ok("The file dbfunctions.php has been uploaded.", "text/html"))),
                new Scenario("apache chunked gzip", Conv.bytes(Samples.FIREFOX_GET), Samples.apacheChunkedGzip(Samples.PAGE)),
                new Scenario("100-continue", Conv.bytes("PUT /dav/notes.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n"
                        + "Expect: 100-continue\r\n\r\nhello world"),
                        Conv.bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")),
                new Scenario("HEAD", Conv.bytes("HEAD /about.php HTTP/1.1\r\nHost: h\r\n\r\n"),
                        Conv.bytes("HTTP/1.1 200 OK\r\nContent-Length: 5120\r\nContent-Type: text/html\r\n\r\n")),
                new Scenario("HTTP/1.0 close-delimited", Conv.bytes("GET / HTTP/1.0\r\n\r\n"),
                        Conv.bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")),
                new Scenario("304 and 204 pipelined", Conv.bytes("GET /a HTTP/1.1\r\nHost: h\r\nIf-None-Match: \"x\"\r\n\r\n"
                        + "DELETE /b HTTP/1.1\r\nHost: h\r\n\r\n"),
                        Conv.bytes("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")),
                fixture("ws-1735-upload", 1735),
                fixture("ws-1103-sqlmap-error", 1103),
                new Scenario("folded header, bare LF", Conv.bytes("GET /x HTTP/1.1\nHost: h\nX-Long: one\n  two\n\n"),
                        Conv.bytes("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")));
    }

    static Scenario fixture(String name, int stream) {
        Fixture fx = Fixture.load(name, stream);
        return new Scenario(name, fx.stream(true), fx.stream(false));
    }

    static List<Object> run(Scenario s, List<byte[]> client, List<byte[]> server) {
        return Conv.feed(HttpConfig.defaults(), new AnomalyCounter(), client, server, 5).events;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everySplitPointGivesTheSameEvents(Scenario s) {
        List<Object> whole = run(s, List.of(s.client), List.of(s.server));
        assertThat(whole).isNotEmpty();
        assertThat(whole.stream().filter(e -> e instanceof org.nta.event.HttpTransaction)).isNotEmpty();
        for (int k = 0; k <= s.client.length; k++) {
            assertThat(run(s, split(s.client, k), List.of(s.server))).as("client split at %d", k).isEqualTo(whole);
        }
        for (int k = 0; k <= s.server.length; k++) {
            assertThat(run(s, List.of(s.client), split(s.server, k))).as("server split at %d", k).isEqualTo(whole);
        }
        assertThat(run(s, bytewise(s.client), bytewise(s.server))).as("byte at a time").isEqualTo(whole);
    }

    static List<byte[]> split(byte[] b, int k) {
        return List.of(Arrays.copyOfRange(b, 0, k), Arrays.copyOfRange(b, k, b.length));
    }

    static List<byte[]> bytewise(byte[] b) {
        List<byte[]> out = new ArrayList<>(b.length);
        for (byte x : b) out.add(new byte[]{x});
        return out;
    }

    /** Byte i of a direction arrives in frame i+1: each message's first and last frame fall on its first and last byte. */
    @Test
    void framesAreThoseOfTheFirstAndLastByte() {
        String r1 = Samples.gobuster("admin");
        String r2 = Samples.SQLMAP_POST;
        String r3 = Samples.gobuster("x");
        byte[] client = Conv.bytes(r1 + r2 + r3);
        String s1 = Samples.APACHE_404;
        String s2 = Samples.ok("ok", "text/plain");
        byte[] server = Conv.bytes(s1 + s2);
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, HttpConfig.defaults(), rec, new AnomalyCounter());
        for (int i = 0; i < client.length; i++) p.onData(true, client, i, 1, i + 1, i);
        for (int i = 0; i < server.length; i++) p.onData(false, server, i, 1, 10_000 + i + 1, i);
        p.onClose(20_000, 0);
        List<HttpRequest> q = rec.requests;
        assertThat(q).hasSize(3);
        assertThat(q.get(0).firstFrame()).isEqualTo(1);
        assertThat(q.get(0).frame()).isEqualTo(r1.length());
        assertThat(q.get(1).firstFrame()).isEqualTo(r1.length() + 1);
        assertThat(q.get(1).frame()).isEqualTo(r1.length() + r2.length());
        assertThat(q.get(2).firstFrame()).isEqualTo(r1.length() + r2.length() + 1);
        assertThat(q.get(2).frame()).isEqualTo(client.length);
        List<HttpResponse> r = rec.responses;
        assertThat(r).hasSize(2);
        assertThat(r.get(0).firstFrame()).isEqualTo(10_001);
        assertThat(r.get(0).frame()).isEqualTo(10_000 + s1.length());
        assertThat(r.get(0).requestFrame()).isEqualTo(r1.length());
        assertThat(r.get(1).firstFrame()).isEqualTo(10_000 + s1.length() + 1);
        assertThat(r.get(1).frame()).isEqualTo(10_000 + server.length);
        assertThat(r.get(1).requestFrame()).isEqualTo(r1.length() + r2.length());
        // the third request was never answered: reported at close with no response
        assertThat(rec.transactions).hasSize(3);
        assertThat(rec.transactions.get(2).response()).isNull();
        assertThat(rec.transactions.get(2).request()).isSameAs(q.get(2));
    }
}
