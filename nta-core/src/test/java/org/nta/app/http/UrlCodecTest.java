package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.nta.event.HttpParam;

import static org.assertj.core.api.Assertions.assertThat;

class UrlCodecTest {
    @Test
    void pathAndFormSemanticsDifferOnPlus() {
        assertThat(UrlCodec.decodePath("/a%20b+c")).isEqualTo("/a b+c");
        assertThat(UrlCodec.decodeForm("a+b%2Bc")).isEqualTo("a b+c");
        assertThat(UrlCodec.decodePath("plain")).isEqualTo("plain");
    }

    @Test
    void invalidEscapesAreKeptLiterally() {
        assertThat(UrlCodec.decodePath("%zz%4")).isEqualTo("%zz%4");
        assertThat(UrlCodec.decodePath("100%")).isEqualTo("100%");
        assertThat(UrlCodec.decodePath("%%41")).isEqualTo("%A");
        assertThat(UrlCodec.decodePath("%G1%41")).isEqualTo("%G1A");
    }

    @Test
    void doubleEncodingIsDetected() {
        assertThat(UrlCodec.isDoubleEncoded("/x?id=1%2527")).isTrue();
        assertThat(UrlCodec.decodeForm("1%2527")).isEqualTo("1%27");
        assertThat(UrlCodec.decodeForm(UrlCodec.decodeForm("1%2527"))).isEqualTo("1'");
        assertThat(UrlCodec.isDoubleEncoded("..%252f..%252fetc")).isTrue();
        assertThat(UrlCodec.isDoubleEncoded("100%25")).isFalse();
        assertThat(UrlCodec.isDoubleEncoded("%252")).isFalse();
        assertThat(UrlCodec.isDoubleEncoded("%25zz")).isFalse();
        assertThat(UrlCodec.isDoubleEncoded("%27")).isFalse();
    }

    @Test
    void utf8WithLatin1FallbackPerByte() {
        assertThat(UrlCodec.decodePath("caf%C3%A9")).isEqualTo("café");
        assertThat(UrlCodec.decodePath("caf%E9")).isEqualTo("café");
        assertThat(UrlCodec.decodePath("%F0%9F%98%80")).isEqualTo("😀");
        assertThat(UrlCodec.decodePath("..%C0%AF..")).isEqualTo("..À¯..");
        assertThat(UrlCodec.decodePath("%ED%A0%80")).isEqualTo("\u00ed\u00a0\u0080");
        assertThat(UrlCodec.decodePath("%C3%A9%FF%C3")).isEqualTo("éÿÃ");
        assertThat(UrlCodec.decodePath("%E2%82")).isEqualTo("\u00e2\u0082");
        assertThat(UrlCodec.decodePath("already é decoded")).isEqualTo("already é decoded");
    }

    @Test
    void paramsKeepOrderAndDuplicates() {
        assertThat(UrlCodec.parseParams("a=1&b=&c&a=2&&=x&d=e=f")).containsExactly(new HttpParam("a", "1"),
                new HttpParam("b", ""), new HttpParam("c", ""), new HttpParam("a", "2"), new HttpParam("", "x"),
                new HttpParam("d", "e=f"));
        assertThat(UrlCodec.parseParams("q=%27+OR+1%3D1--")).containsExactly(new HttpParam("q", "' OR 1=1--"));
        assertThat(UrlCodec.parseParams(null)).isEmpty();
        assertThat(UrlCodec.parseParams("")).isEmpty();
    }

    @Test
    void targetsInEveryForm() {
        assertThat(UrlCodec.splitTarget("/p/a?x=1?y")).isEqualTo(new UrlCodec.Target(null, "/p/a", "x=1?y"));
        assertThat(UrlCodec.splitTarget("*")).isEqualTo(new UrlCodec.Target(null, "*", null));
        assertThat(UrlCodec.splitTarget("host:443")).isEqualTo(new UrlCodec.Target(null, "host:443", null));
        assertThat(UrlCodec.splitTarget("http://user:pw@h:8080?q=1")).isEqualTo(new UrlCodec.Target("h:8080", "/", "q=1"));
        assertThat(UrlCodec.splitTarget("https://h/a/b")).isEqualTo(new UrlCodec.Target("h", "/a/b", null));
        assertThat(UrlCodec.splitTarget("/redirect?to=http://evil/x")).isEqualTo(
                new UrlCodec.Target(null, "/redirect", "to=http://evil/x"));
        assertThat(UrlCodec.decodeTarget("/a%20b+c?x=a+b%26c")).isEqualTo("/a b+c?x=a b&c");
    }
}
