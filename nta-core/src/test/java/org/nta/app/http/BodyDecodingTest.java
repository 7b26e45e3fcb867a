package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.event.HttpBody;
import org.nta.event.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BodyDecodingTest {
    static final byte[] PAGE = Samples.PAGE.getBytes(StandardCharsets.UTF_8);

    static HttpResponse respond(Conv c, byte[] response) {
        Recorder r = c.client("GET / HTTP/1.1\r\nHost: h\r\n\r\n").server(response).run();
        assertThat(r.responses).hasSize(1);
        return r.responses.get(0);
    }

    static void assertDecodedPage(HttpBody b, int wireLength) {
        assertThat(b.decoding()).isEqualTo(HttpBody.Decoding.DECODED);
        assertThat(b.text()).isEqualTo(Samples.PAGE);
        assertThat(b.length()).isEqualTo(wireLength);
        assertThat(b.decodedLength()).isEqualTo(PAGE.length);
        assertThat(b.sha256()).isEqualTo(HttpEventFactory.sha256(PAGE, 0, PAGE.length));
        assertThat(b.truncated()).isFalse();
    }

    @Test
    void gzip() {
        byte[] gz = Samples.gzip(PAGE);
        Conv c = new Conv();
        HttpResponse r = respond(c, Samples.encodedResponse("gzip", gz));
        assertDecodedPage(r.body(), gz.length);
        assertThat(r.body().contentEncoding()).isEqualTo("gzip");
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void gzipWithNameAndCommentInItsHeader() {
        byte[] gz = Samples.gzip(PAGE);
        byte[] named = Conv.concat(new byte[]{0x1f, (byte) 0x8b, 8, 8 | 16, 0, 0, 0, 0, 0, 3},
                Conv.bytes("index.html\u0000a comment\u0000"), Arrays.copyOfRange(gz, 10, gz.length));
        assertDecodedPage(respond(new Conv(), Samples.encodedResponse("x-gzip", named)).body(), named.length);
    }

    @Test
    void deflateAsZlibAndAsRaw() {
        byte[] zlib = Samples.deflate(PAGE, false);
        byte[] raw = Samples.deflate(PAGE, true);
        assertDecodedPage(respond(new Conv(), Samples.encodedResponse("deflate", zlib)).body(), zlib.length);
        assertDecodedPage(respond(new Conv(), Samples.encodedResponse("deflate", raw)).body(), raw.length);
    }

    @Test
    void brotli() throws IOException {
        byte[] br = resource("brotli-page.html.br");
        byte[] html = resource("brotli-page.html");
        HttpBody b = respond(new Conv(), Samples.encodedResponse("br", br)).body();
        assertThat(b.decoding()).isEqualTo(HttpBody.Decoding.DECODED);
        assertThat(b.bytes()).isEqualTo(html);
        assertThat(b.sha256()).isEqualTo("472cc37b8aecb991ed9afb3dbbc855327816ef16105e3874e59e87d886ba89ca");
        assertThat(b.text()).contains("café — naïve");
    }

    @Test
    void chunkedGzipFromApache() {
        Conv c = new Conv();
        HttpResponse r = respond(c, Samples.apacheChunkedGzip(Samples.PAGE));
        assertDecodedPage(r.body(), Samples.gzip(PAGE).length);
        assertThat(r.headers().first("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(c.anomalies.isEmpty()).isTrue();
    }

    @Test
    void twoGzipMembersAndTwoLayers() {
        byte[] a = Samples.gzip(Conv.bytes("first "));
        byte[] b = Samples.gzip(Conv.bytes("second"));
        assertThat(respond(new Conv(), Samples.encodedResponse("gzip", Conv.concat(a, b))).body().text())
                .isEqualTo("first second");
        byte[] twice = Samples.gzip(Samples.deflate(PAGE, false));
        assertDecodedPage(respond(new Conv(), Samples.encodedResponse("deflate, gzip", twice)).body(), twice.length);
    }

    @Test
    void corruptDataEndsInACountedError() {
        byte[] gz = Samples.gzip(PAGE);
        byte[] bad = gz.clone();
        for (int i = 20; i < 40; i++) bad[i] = (byte) 0xff;
        Conv c = new Conv();
        HttpBody b = respond(c, Samples.encodedResponse("gzip", bad)).body();
        assertThat(b.decoding()).isEqualTo(HttpBody.Decoding.ERROR);
        assertThat(b.length()).isEqualTo(bad.length);
        assertThat(c.anomalies.count(Anomaly.HTTP_DECOMPRESS_ERROR)).isEqualTo(1);

        Conv cut = new Conv();
        HttpBody t = respond(cut, Samples.encodedResponse("gzip", Arrays.copyOf(gz, gz.length / 2))).body();
        assertThat(t.decoding()).isEqualTo(HttpBody.Decoding.ERROR);
        assertThat(Samples.PAGE).startsWith(t.text());
        assertThat(cut.anomalies.count(Anomaly.HTTP_DECOMPRESS_ERROR)).isEqualTo(1);

        Conv notGzip = new Conv();
        assertThat(respond(notGzip, Samples.encodedResponse("gzip", PAGE)).body().decoding())
                .isEqualTo(HttpBody.Decoding.ERROR);
        Conv notBr = new Conv();
        assertThat(respond(notBr, Samples.encodedResponse("br", PAGE)).body().decoding())
                .isEqualTo(HttpBody.Decoding.ERROR);
        assertThat(notBr.anomalies.count(Anomaly.HTTP_DECOMPRESS_ERROR)).isEqualTo(1);
    }

    @Test
    void gzipBombStopsAtTheLimit() {
        byte[] zeros = new byte[100 << 20];
        byte[] bomb = Samples.gzip(zeros);
        zeros = null;
        assertThat(bomb.length).isLessThan(200_000);
        Conv c = new Conv().config(HttpConfig.defaults().withMaxDecompressedBytes(1 << 20));
        HttpBody b = respond(c, Samples.encodedResponse("gzip", bomb)).body();
        assertThat(b.decoding()).isEqualTo(HttpBody.Decoding.LIMIT);
        assertThat(b.decodedLength()).isEqualTo(1 << 20);
        assertThat(b.length()).isEqualTo(bomb.length);
        assertThat(c.anomalies.count(Anomaly.HTTP_DECOMPRESS_LIMIT)).isEqualTo(1);
        assertThat(c.rec.files.get(0).incomplete()).isTrue();
    }

    @Test
    void brotliBombStopsAtTheLimit() throws IOException {
        byte[] bomb = resource("zeros-50m.br");
        Conv c = new Conv().config(HttpConfig.defaults().withMaxDecompressedBytes(1 << 20));
        HttpBody b = respond(c, Samples.encodedResponse("br", bomb)).body();
        assertThat(b.decoding()).isEqualTo(HttpBody.Decoding.LIMIT);
        assertThat(b.decodedLength()).isEqualTo(1 << 20);
        assertThat(c.anomalies.count(Anomaly.HTTP_DECOMPRESS_LIMIT)).isEqualTo(1);
    }

    @Test
    void unknownEncodingKeepsTheBytesAsSent() {
        HttpBody b = respond(new Conv(), Samples.encodedResponse("compress", Conv.bytes("\u001f\u009dxyz"))).body();
        assertThat(b.decoding()).isEqualTo(HttpBody.Decoding.UNSUPPORTED);
        assertThat(b.decodedLength()).isEqualTo(5);
    }

    @Test
    void bodiesBeyondTheKeepLimitAreHashedWhole() {
        Conv c = new Conv().config(HttpConfig.defaults().withMaxBodyBytes(100).withMaxFileBytes(200));
        byte[] gz = Samples.gzip(PAGE);
        HttpBody b = respond(c, Samples.encodedResponse("gzip", gz)).body();
        assertThat(b.keptLength()).isEqualTo(100);
        assertThat(b.truncated()).isTrue();
        assertThat(b.bytes()).isEqualTo(Arrays.copyOf(PAGE, 100));
        assertThat(b.sha256()).isEqualTo(HttpEventFactory.sha256(PAGE, 0, PAGE.length));
        assertThat(c.rec.files.get(0).keptLength()).isEqualTo(200);
        assertThat(c.rec.files.get(0).truncated()).isTrue();
        assertThat(c.rec.files.get(0).sha256()).isEqualTo(b.sha256());
        assertThat(c.anomalies.count(Anomaly.HTTP_BODY_TRUNCATED)).isEqualTo(1);
        assertThat(c.anomalies.count(Anomaly.HTTP_FILE_TRUNCATED)).isEqualTo(1);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BodyDecodingTest.class.getResourceAsStream("/http/" + name)) {
            return in.readAllBytes();
        }
    }
}
