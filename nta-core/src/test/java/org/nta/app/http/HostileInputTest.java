package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.HttpResponse;

import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs built to exhaust memory or time each end in a counted limit, with the parser's allocations bounded by its
 * limits (measured with the JVM's per-thread allocation counter, which counts every byte allocated, kept or not).
 */
class HostileInputTest {
    static final int PIECE = 64 * 1024;
    static final HttpConfig SMALL = new HttpConfig(64 * 1024, 256, 4096, 64, 64 * 1024, 256 * 1024, 1 << 20, 3, 16,
            64 * 1024);

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Feeds {@code total} bytes produced by {@code filler} in 64 KiB pieces, one frame each, returns bytes allocated. */
    static long stream(HttpConnectionParser p, boolean fromClient, long total, byte[] piece, long firstFrame) {
        long before = allocated();
        long frame = firstFrame;
        for (long sent = 0; sent < total; sent += piece.length) {
            int n = (int) Math.min(piece.length, total - sent);
            p.onData(fromClient, piece, 0, n, frame++, 0);
        }
        return allocated() - before;
    }

    @Test
    void tenMegabyteHeaderLine() {
        AnomalyCounter a = new AnomalyCounter();
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, SMALL, rec, a);
        byte[] start = Conv.bytes("GET /?q=");
        p.onData(true, start, 0, start.length, 1, 0);
        byte[] as = new byte[PIECE];
        Arrays.fill(as, (byte) 'A');
        long alloc = stream(p, true, 10 << 20, as, 2);
        byte[] rest = Conv.bytes(" HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n");
        p.onData(true, rest, 0, rest.length, 1000, 0);
        p.onClose(1001, 0);
        assertThat(a.count(Anomaly.HTTP_HEADER_TOO_LONG)).isEqualTo(1);
        assertThat(rec.requests).extracting(r -> r.uri()).containsExactly("/next");
        assertThat(alloc).isLessThan(2L << 20);
    }

    @Test
    void tenMegabytesOfHeaderLines() {
        AnomalyCounter a = new AnomalyCounter();
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, SMALL, rec, a);
        byte[] start = Conv.bytes("GET / HTTP/1.1\r\n");
        p.onData(true, start, 0, start.length, 1, 0);
        byte[] lines = Conv.bytes("X-Filler: 0123456789abcdef\r\n".repeat(PIECE / 28));
        long alloc = stream(p, true, 10 << 20, lines, 2);
        p.onClose(1001, 0);
        assertThat(a.count(Anomaly.HTTP_HEADER_TOO_LONG)).isEqualTo(1);
        assertThat(rec.requests).isEmpty();
        assertThat(alloc).isLessThan(8L << 20);
    }

    @Test
    void tooManyHeadersKeepsFramingHeaders() {
        Conv c = new Conv().config(new HttpConfig(1 << 20, 10, 4096, 64, 1024, 1024, 1 << 20, 3, 16, 1024))
                .client("POST / HTTP/1.1\r\n" + "X-H: v\r\n".repeat(1000) + "Content-Length: 3\r\n\r\nabc"
                        + "GET /next HTTP/1.1\r\n\r\n");
        var r = c.run();
        assertThat(r.requests).hasSize(2);
        assertThat(r.requests.get(0).headers().size()).isEqualTo(11);
        assertThat(r.requests.get(0).body().text()).isEqualTo("abc");
        assertThat(c.anomalies.count(Anomaly.HTTP_TOO_MANY_HEADERS)).isEqualTo(1);
    }

    @Test
    void endlessChunkedResponse() throws Exception {
        AnomalyCounter a = new AnomalyCounter();
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, SMALL, rec, a);
        byte[] req = Conv.bytes("GET /stream HTTP/1.1\r\n\r\n");
        p.onData(true, req, 0, req.length, 1, 0);
        byte[] head = Conv.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        p.onData(false, head, 0, head.length, 2, 0);
        byte[] data = new byte[PIECE - 10];
        Arrays.fill(data, (byte) 'x');
        byte[] chunk = Samples.chunk(data, 0, data.length, "");
        long total = 200L << 20;
        long alloc = stream(p, false, total - total % chunk.length, chunk, 3);
        assertThat(rec.responses).isEmpty();
        p.onClose(99_999, 0);
        HttpResponse r = rec.responses.get(0);
        long n = (total - total % chunk.length) / chunk.length;
        assertThat(r.body().decodedLength()).isEqualTo(n * data.length);
        assertThat(r.body().keptLength()).isEqualTo(SMALL.maxBodyBytes());
        assertThat(r.incomplete()).isTrue();
        assertThat(rec.files.get(0).keptLength()).isEqualTo(SMALL.maxFileBytes());
        assertThat(a.count(Anomaly.HTTP_BODY_TRUNCATED)).isEqualTo(1);
        assertThat(a.count(Anomaly.HTTP_FILE_TRUNCATED)).isEqualTo(1);
        assertThat(alloc).isLessThan(4L << 20);
    }

    @Test
    void hundredMegabyteResponseIsHashedNotStored() throws Exception {
        AnomalyCounter a = new AnomalyCounter();
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, SMALL, rec, a);
        long total = 100L << 20;
        byte[] head = Conv.bytes("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + total + "\r\n\r\n");
        p.onData(false, head, 0, head.length, 1, 0);
        byte[] piece = new byte[PIECE];
        new java.util.Random(7).nextBytes(piece);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (long s = 0; s < total; s += PIECE) md.update(piece);
        long alloc = stream(p, false, total, piece, 2);
        assertThat(rec.responses).hasSize(1);
        HttpResponse r = rec.responses.get(0);
        assertThat(r.frame()).isEqualTo(1 + total / PIECE);
        assertThat(r.body().decodedLength()).isEqualTo(total);
        assertThat(r.body().sha256()).isEqualTo(HexFormat.of().formatHex(md.digest()));
        assertThat(r.body().keptLength()).isEqualTo(SMALL.maxBodyBytes());
        assertThat(rec.files.get(0).sha256()).isEqualTo(r.body().sha256());
        assertThat(rec.files.get(0).truncated()).isTrue();
        assertThat(alloc).isLessThan(4L << 20);
    }

    @Test
    void endlessChunkSizeLine() {
        Conv c = new Conv().config(SMALL).client("GET / HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "f".repeat(100_000))
                .server("\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz");
        var r = c.run();
        assertThat(c.anomalies.count(Anomaly.HTTP_CHUNK_MALFORMED)).isEqualTo(1);
        assertThat(r.responses).hasSize(2);
        assertThat(r.responses.get(0).incomplete()).isTrue();
        assertThat(r.responses.get(1).body().text()).isEqualTo("z");
    }

    @Test
    void malformedChunks() {
        for (String bad : new String[]{"fffffffffffffffff\r\n", "zz\r\n", "\r\n", "-1\r\n", "5\r\nhelloXX"}) {
            Conv c = new Conv().client("GET / HTTP/1.1\r\n\r\n")
                    .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + bad);
            var r = c.run();
            assertThat(c.anomalies.count(Anomaly.HTTP_CHUNK_MALFORMED)).as(bad).isEqualTo(1);
            assertThat(r.responses).as(bad).hasSize(1);
            assertThat(r.responses.get(0).incomplete()).as(bad).isTrue();
        }
        Conv ext = new Conv().client("GET / HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 ; ext=\"q\"\r\nhello\r\n0\r\n\r\n");
        assertThat(ext.run().responses.get(0).body().text()).isEqualTo("hello");
        assertThat(ext.anomalies.isEmpty()).isTrue();
    }

    @Test
    void chunkSizeLinesUpToTheLimitAreReadWhateverTheirLength() {
        // the size line's buffer is made small and grows: a line just under the limit still parses, one at it does not
        int max = HttpConfig.defaults().maxChunkLineBytes();
        String ext = ";x=" + "e".repeat(max - 8);
        Conv c = new Conv().client("GET / HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3" + ext + "\r\nabc\r\n2;y\r\nde\r\n0\r\n\r\n");
        assertThat(c.run().responses.get(0).body().text()).isEqualTo("abcde");
        assertThat(c.anomalies.isEmpty()).isTrue();
        Conv over = new Conv().client("GET / HTTP/1.1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=" + "e".repeat(max) + "\r\nabc\r\n0\r\n\r\n");
        assertThat(over.run().responses.get(0).incomplete()).isTrue();
        assertThat(over.anomalies.count(Anomaly.HTTP_CHUNK_MALFORMED)).isEqualTo(1);
    }

    @Test
    void requestFloodWithoutResponsesStaysBounded() {
        AnomalyCounter a = new AnomalyCounter();
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, SMALL, rec, a);
        byte[] req = Conv.bytes(Samples.gobuster("x"));
        for (int i = 0; i < 10_000; i++) p.onData(true, req, 0, req.length, i + 1, 0);
        assertThat(a.count(Anomaly.HTTP_PIPELINE_LIMIT)).isEqualTo(10_000 - SMALL.maxPendingRequests());
        assertThat(rec.transactions).hasSize(10_000 - SMALL.maxPendingRequests());
        p.onClose(20_000, 0);
        assertThat(rec.transactions).hasSize(10_000);
    }

    @Test
    void binaryFloodOnBothDirections() {
        AnomalyCounter a = new AnomalyCounter();
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(Conv.CONN, SMALL, rec, a);
        byte[] junk = new byte[PIECE];
        new java.util.Random(3).nextBytes(junk);
        long alloc = stream(p, true, 20 << 20, junk, 1) + stream(p, false, 20 << 20, junk, 1000);
        p.onClose(5000, 0);
        assertThat(rec.events).isEmpty();
        assertThat(a.count(Anomaly.HTTP_MALFORMED)).isEqualTo(2);
        assertThat(alloc).isLessThan(4L << 20);
    }
}
