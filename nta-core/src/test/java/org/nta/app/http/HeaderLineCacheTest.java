package org.nta.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.event.HttpHeader;

class HeaderLineCacheTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aRepeatedLineGivesBackTheSameHeaderAndAnyOtherLineNeverGetsIt() {
        HeaderLineCache c = new HeaderLineCache();
        Random r = new Random(3);
        String[] lines = new String[5000];
        for (int i = 0; i < lines.length; i++) lines[i] = "X-H" + r.nextInt(300) + ": v" + r.nextInt(300); // many share a slot
        for (String l : lines) {
            byte[] bytes = b("??" + l + "\r\n"); // inside a larger buffer, as the parser sees it
            int off = 2, end = 2 + l.length();
            HttpHeader seen = c.find(bytes, off, end);
            String name = l.substring(0, l.indexOf(':')), value = l.substring(l.indexOf(':') + 2);
            if (seen != null) assertThat(seen).isEqualTo(new HttpHeader(name, value));
            else c.put(bytes, off, end, new HttpHeader(name, value));
        }
        byte[] host = b("Host: example.org");
        HttpHeader h = new HttpHeader("Host", "example.org");
        c.put(host, 0, host.length, h);
        assertThat(c.find(b("Host: example.org"), 0, host.length)).isSameAs(h);
        assertThat(c.find(b("Host: example.orG"), 0, host.length)).isNull();
        assertThat(c.find(b("Host: example.or"), 0, host.length - 1)).isNull();
        byte[] longLine = b("Cookie: " + "a".repeat(HeaderLineCache.MAX_LINE));
        c.put(longLine, 0, longLine.length, new HttpHeader("Cookie", "a"));
        assertThat(c.find(longLine, 0, longLine.length)).isNull(); // long lines are not kept
    }

    @Test
    void headersOfRepeatedMessagesAreSharedAndMalformedLinesAreNeverCached() {
        HeaderListBuilder first = new HeaderListBuilder(64), second = new HeaderListBuilder(64);
        byte[] ua = b("User-Agent: curl/8.0"), bad = b("Bad Name : x");
        assertThat(first.line(ua, 0, ua.length)).isTrue();
        assertThat(second.line(ua, 0, ua.length)).isTrue();
        assertThat(second.build().list().get(0)).isSameAs(first.build().list().get(0));
        assertThat(first.line(bad, 0, bad.length)).isFalse();
        assertThat(second.line(bad, 0, bad.length)).isFalse(); // counted as malformed again, not served from the cache
        assertThat(second.malformed()).isEqualTo(1);
    }
}
