package org.nta.app.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartParserTest {
    static MultipartParser.Result parse(String body, String boundary, boolean complete) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return MultipartParser.parse(b, b.length, boundary, complete, 16, 4096, 32);
    }

    static String content(String body, MultipartParser.Part p) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new String(b, p.start(), p.end() - p.start(), StandardCharsets.UTF_8);
    }

    @Test
    void boundaryParameter() {
        assertThat(MultipartParser.boundary("multipart/form-data; boundary=\"a b;c\"")).isEqualTo("a b;c");
        assertThat(MultipartParser.boundary("Multipart/Form-Data;charset=utf-8;BOUNDARY=xyz")).isEqualTo("xyz");
        assertThat(MultipartParser.boundary("application/x-www-form-urlencoded")).isNull();
        assertThat(MultipartParser.boundary("multipart/form-data")).isNull();
        assertThat(MultipartParser.boundary(null)).isNull();
    }

    @Test
    void chromeUploadWithPreambleAndEpilogue() {
        String b = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        String body = "preamble to ignore\r\n--" + b + "\r\n"
                + "Content-Disposition: form-data; name=\"avatar\"; filename=\"C:\\\\fakepath\\\\me.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n"
                + "\u00ff\u00d8\u00ff line\r\n--not-the-boundary\r\n"
                + "\r\n--" + b + "\r\n"
                + "Content-Disposition: form-data; name=\"comment\"\r\n\r\n"
                + "\r\n--" + b + "--\r\nepilogue\r\n--" + b + "\r\n";
        MultipartParser.Result r = parse(body, b, true);
        assertThat(r.malformed()).isFalse();
        assertThat(r.parts()).hasSize(2);
        MultipartParser.Part p = r.parts().get(0);
        assertThat(p.name()).isEqualTo("avatar");
        assertThat(p.filename()).isEqualTo("C:\\fakepath\\me.jpg");
        assertThat(p.contentType()).isEqualTo("image/jpeg");
        assertThat(content(body, p)).isEqualTo("\u00ff\u00d8\u00ff line\r\n--not-the-boundary\r\n");
        assertThat(content(body, r.parts().get(1))).isEmpty();
        assertThat(r.parts().get(1).filename()).isNull();
    }

    @Test
    void extendedFilenameWinsAndHeadersFold() {
        String body = "--x\r\nContent-Disposition: form-data; name=\"f\";\r\n filename=\"plain.txt\";"
                + " filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\ndata\r\n--x--";
        MultipartParser.Result r = parse(body, "x", true);
        assertThat(r.parts()).hasSize(1);
        assertThat(r.parts().get(0).filename()).isEqualTo("€ rates.txt");
        assertThat(r.parts().get(0).name()).isEqualTo("f");
        assertThat(HeaderParams.decodeExtended("iso-8859-1'en'caf%E9")).isEqualTo("café");
    }

    @Test
    void bareLineFeedsAndTransportPadding() {
        String body = "--x  \nContent-Disposition: form-data; name=a\n\none\n--x\t\n\ntwo\n--x--\n";
        MultipartParser.Result r = parse(body, "x", true);
        assertThat(r.malformed()).isFalse();
        assertThat(r.parts()).extracting(p -> content(body, p)).containsExactly("one", "two");
        assertThat(r.parts().get(0).name()).isEqualTo("a");
        assertThat(r.parts().get(1).headers().size()).isZero();
    }

    @Test
    void missingCloseDelimiter() {
        String body = "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\nhalf of it";
        MultipartParser.Result cut = parse(body, "x", false);
        assertThat(cut.malformed()).isFalse();
        assertThat(cut.parts()).hasSize(1);
        assertThat(cut.parts().get(0).incomplete()).isTrue();
        assertThat(content(body, cut.parts().get(0))).isEqualTo("half of it");
        assertThat(parse(body, "x", true).malformed()).isTrue();
    }

    @Test
    void malformedBodies() {
        assertThat(parse("no delimiter at all", "x", true).malformed()).isTrue();
        assertThat(parse("--xgarbage\r\n\r\n", "x", true).malformed()).isTrue();
        String many = "--x\r\n\r\np\r\n".repeat(20) + "--x--";
        MultipartParser.Result r = parse(many, "x", true);
        assertThat(r.malformed()).isTrue();
        assertThat(r.parts()).hasSize(16);
        assertThat(parse("--x\r\n" + "H: v\r\n".repeat(1000) + "\r\nbody\r\n--x--", "x", true).malformed()).isTrue();
    }

    @Test
    void headerParams() {
        assertThat(HeaderParams.params("form-data; name=\"a\\\"b\"; filename=x.php ; Name=dup"))
                .containsExactly(java.util.Map.entry("name", "a\"b"), java.util.Map.entry("filename", "x.php"));
        assertThat(HeaderParams.mainValue(" Text/HTML ; charset=x")).isEqualTo("text/html");
        assertThat(HeaderParams.params("x; unterminated=\"abc")).containsEntry("unterminated", "abc");
        // a backslash before an ordinary character is not an escape: a browser's Windows path keeps its separators
        assertThat(HeaderParams.param("form-data; filename=\"C:\\temp\\..\\y.txt\"", "filename")).isEqualTo("C:\\temp\\..\\y.txt");
        assertThat(HeaderParams.params(null)).isEmpty();
        assertThat(List.of(HeaderParams.mainValue(null))).containsExactly("");
    }
}
