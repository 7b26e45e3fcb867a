package org.nta.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reverse-lookup names read back into addresses, and everything else refused. */
class ReverseNamesTest {
    @Test
    void ipv4AndIpv6ReverseNames() {
        assertThat(ReverseNames.address("5.0.0.10.in-addr.arpa")).isEqualTo("10.0.0.5");
        assertThat(ReverseNames.address("255.2.168.192.In-Addr.Arpa.")).isEqualTo("192.168.2.255");
        assertThat(ReverseNames.address("b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"))
                .isEqualTo("2001:db8::567:89ab");
        assertThat(ReverseNames.address("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.IP6.ARPA."))
                .isEqualTo("fe80::1");
    }

    @Test
    void notAReverseNameIsNull() {
        assertThat(ReverseNames.address("_http._tcp.local")).isNull();
        assertThat(ReverseNames.address("0.10.in-addr.arpa")).isNull(); // a zone, not an address
        assertThat(ReverseNames.address("1.256.0.10.in-addr.arpa")).isNull();
        assertThat(ReverseNames.address("1..0.10.in-addr.arpa")).isNull();
        assertThat(ReverseNames.address("-1.0.0.10.in-addr.arpa")).isNull();
        assertThat(ReverseNames.address("g.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")).isNull();
        assertThat(ReverseNames.address("ba.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.")).isNull();
        assertThat(ReverseNames.address("in-addr.arpa")).isNull();
        assertThat(ReverseNames.address(null)).isNull();
    }

    @Test
    void targetsAreHostNames() {
        assertThat(ReverseNames.target("fs.corp.example.")).isEqualTo("fs.corp.example");
        assertThat(ReverseNames.target("macbook-anna.local")).isEqualTo("macbook-anna");
        assertThat(ReverseNames.target("<Name contains a pointer that loops>")).isNull();
        assertThat(ReverseNames.target("bad\u0007name")).isNull();
        assertThat(ReverseNames.target(".local")).isNull();
        assertThat(ReverseNames.target("")).isNull();
    }
}
