package org.nta.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HttpHeadersTest {
    private static HttpHeaders of(String... nameValue) {
        List<HttpHeader> l = new java.util.ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) l.add(new HttpHeader(nameValue[i], nameValue[i + 1]));
        return new HttpHeaders(l);
    }

    @Test
    void lookupsIgnoreCaseAndTellNamesOfOneLengthApart() {
        HttpHeaders h = of("Date", "d", "HOST", "example", "server", "s1", "Accept", "a", "Server", "s2");
        assertThat(h.first("Host")).isEqualTo("example");
        assertThat(h.first("host")).isEqualTo("example");
        assertThat(h.first("Date")).isEqualTo("d");
        assertThat(h.all("SERVER")).containsExactly("s1", "s2");
        assertThat(h.first("Accept")).isEqualTo("a");
        assertThat(h.first("Cookie")).isNull();
        assertThat(h.all("Cookie")).isEmpty();
        assertThat(h.contains("Accept")).isTrue();
    }

    @Test
    void namesOutsideAsciiFoldAsJavaFoldsThem() {
        // Σ (U+03A3) and σ (U+03C3) are one letter to equalsIgnoreCase, though they differ in more than bit 0x20
        HttpHeaders h = of("Σx", "greek", "X-\u00c0", "latin");
        assertThat(h.first("σx")).isEqualTo("greek");
        assertThat(h.first("x-\u00e0")).isEqualTo("latin");
        assertThat(h.first("[x")).isNull();
        assertThat(of("[x", "bracket").first("{x")).isNull();
    }

    @Test
    void anEmptyNameMatchesOnlyAnEmptyName() {
        HttpHeaders h = of("", "none", "A", "a");
        assertThat(h.first("")).isEqualTo("none");
        assertThat(h.first("a")).isEqualTo("a");
    }
}
