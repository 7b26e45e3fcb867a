package org.nta.app.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.MultipartPart;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random mutations of valid conversations (byte flips, insertions of protocol-significant tokens, deletions,
 * duplications, truncations), fed in random pieces with random gaps and FINs: no exception escapes and nothing kept
 * exceeds its limit. Fixed seeds, so a failure reproduces.
 */
class HttpFuzzTest {
    static final HttpConfig CONFIG = new HttpConfig(2048, 32, 64, 8, 512, 1024, 4096, 3, 8, 512);
    static final String[] TOKENS = {"\r\n", "\n", "\r\n\r\n", ":", " ", "Content-Length: 99999999999\r\n",
            "Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n", "Content-Encoding: gzip\r\n",
            "Content-Encoding: br\r\n", "Content-Encoding: deflate\r\n", "0\r\n\r\n", "ffffffff\r\n", "HTTP/1.1 100 Continue\r\n\r\n",
            "HTTP/1.1 101 Switching\r\n\r\n", "CONNECT x:1 HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n", "--", "\u0000",
            "%25", "%", "Content-Type: multipart/form-data; boundary=b\r\n", "--b\r\n", "--b--", "\u001f\u008b\u0008"};

    static List<byte[][]> corpus() {
        return List.of(
                new byte[][]{Conv.bytes(Samples.CURL_MULTIPART), Conv.bytes(Samples.ok("uploaded", "text/html"))},
                new byte[][]{Conv.bytes(Samples.FIREFOX_GET + Samples.gobuster("a")), Samples.apacheChunkedGzip(Samples.PAGE)},
                new byte[][]{Conv.bytes(Samples.SQLMAP_POST), Conv.bytes(Samples.APACHE_404 + Samples.APACHE_404)},
                new byte[][]{Conv.bytes("POST /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"),
                        Conv.bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n"
                                + "Content-Length: 9\r\n\r\n"), Samples.deflate(Conv.bytes("hello"), false)},
                new byte[][]{Conv.bytes("CONNECT h:443 HTTP/1.1\r\n\r\nGET / HTTP/1.0\r\n\r\n"),
                        Conv.bytes("HTTP/1.1 403 Forbidden\r\n\r\nHTTP/1.0 200 OK\r\n\r\nclose-delimited")});
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void mutatedConversationsNeverThrowAndStayBounded(long seed) {
        Random rnd = new Random(seed);
        List<byte[][]> corpus = corpus();
        long events = 0;
        long anomaliesSeen = 0;
        for (int iter = 0; iter < 2500; iter++) {
            byte[][] base = corpus.get(rnd.nextInt(corpus.size()));
            byte[] client = mutate(base[0], rnd);
            byte[] server = mutate(base.length > 2 ? Conv.concat(base[1], base[2]) : base[1], rnd);
            AnomalyCounter anomalies = new AnomalyCounter();
            Recorder rec = new Recorder();
            HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, CONFIG, rec, anomalies);
            int ci = 0;
            int si = 0;
            long frame = 1;
            while (ci < client.length || si < server.length) {
                boolean fromClient = si >= server.length || (ci < client.length && rnd.nextBoolean());
                byte[] b = fromClient ? client : server;
                int at = fromClient ? ci : si;
                int n = Math.min(b.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 200));
                int r = rnd.nextInt(100);
                if (r < 3) p.onGap(fromClient, 1 + rnd.nextInt(50), frame, frame);
                else if (r < 4) p.onFin(fromClient, rnd.nextBoolean(), frame, frame);
                else p.onData(fromClient, b, at, n, frame, frame);
                frame++;
                if (fromClient) ci += n;
                else si += n;
            }
            p.onClose(frame, frame);
            check(rec);
            events += rec.events.size();
            anomaliesSeen += anomalies.total();
        }
        // the mutations exercise both the happy paths and the error paths
        assertThat(events).isGreaterThan(5000);
        assertThat(anomaliesSeen).isGreaterThan(500);
    }

    static void check(Recorder rec) {
        for (HttpRequest r : rec.requests) {
            assertThat(r.body().keptLength()).isLessThanOrEqualTo(CONFIG.maxBodyBytes());
            assertThat(r.headers().size()).isLessThanOrEqualTo(CONFIG.maxHeaders() + 8 * 20);
            assertThat(r.parts().size()).isLessThanOrEqualTo(CONFIG.maxMultipartParts());
            for (MultipartPart part : r.parts()) assertThat(part.bytes().length).isLessThanOrEqualTo(CONFIG.maxBodyBytes());
            assertThat(r.frame()).isGreaterThanOrEqualTo(r.firstFrame());
        }
        for (HttpResponse r : rec.responses) {
            assertThat(r.body().keptLength()).isLessThanOrEqualTo(CONFIG.maxBodyBytes());
            assertThat(r.frame()).isGreaterThanOrEqualTo(r.firstFrame());
        }
        for (HttpFileObject f : rec.files) {
            assertThat(f.keptLength()).isLessThanOrEqualTo(CONFIG.maxFileBytes());
            assertThat(f.size()).isGreaterThan(0);
        }
        assertThat(rec.transactions).allSatisfy(t -> assertThat(t.request() != null || t.response() != null).isTrue());
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in;
        int ops = 1 + rnd.nextInt(6);
        for (int i = 0; i < ops; i++) {
            int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> b = Conv.concat(Arrays.copyOf(b, at), Conv.bytes(TOKENS[rnd.nextInt(TOKENS.length)]),
                        Arrays.copyOfRange(b, at, b.length));
                case 2 -> {
                    int n = Math.min(b.length - at, rnd.nextInt(20));
                    b = Conv.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + n, b.length));
                }
                case 3 -> {
                    int n = Math.min(b.length - at, rnd.nextInt(100));
                    b = Conv.concat(Arrays.copyOf(b, at + n), Arrays.copyOfRange(b, at, b.length));
                }
                case 4 -> b = Arrays.copyOf(b, at);
                default -> {
                    byte[] junk = new byte[rnd.nextInt(30)];
                    rnd.nextBytes(junk);
                    b = Conv.concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
                }
            }
        }
        return b;
    }
}
