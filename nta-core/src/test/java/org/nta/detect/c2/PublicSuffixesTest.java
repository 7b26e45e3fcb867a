package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicSuffixesTest {
    final PublicSuffixes psl = PublicSuffixes.standard();

    @Test
    void registeredDomains() {
        assertThat(psl.registeredDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(psl.registeredDomain("WWW.Example.COM.")).isEqualTo("example.com");
        assertThat(psl.registeredDomain("example.com")).isEqualTo("example.com");
        assertThat(psl.registeredDomain("com")).isEqualTo("com");
        assertThat(psl.registeredDomain("x.y.tun.example.com")).isEqualTo("example.com");
        // private section: each customer's name is its own registered domain
        assertThat(psl.registeredDomain("data.evil.duckdns.org")).isEqualTo("evil.duckdns.org");
        // wildcard and exception rules (*.ck, !www.ck)
        assertThat(psl.registeredDomain("a.b.c.ck")).isEqualTo("b.c.ck");
        assertThat(psl.registeredDomain("www.ck")).isEqualTo("www.ck");
        assertThat(psl.registeredDomain("host.localdomain")).isEqualTo("host.localdomain");
        assertThat(psl.registeredDomain("")).isNull();
    }
}
