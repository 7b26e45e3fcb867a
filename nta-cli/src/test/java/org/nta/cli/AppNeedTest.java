package org.nta.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppNeedTest {
    @Test
    void anyApplicationFieldNeedsTheParsers() {
        assertThat(AppNeed.of("snmp.community == \"public\"")).isTrue();
        assertThat(AppNeed.of("ldap")).isTrue();
        assertThat(AppNeed.of("frame.number ntlmssp.auth.username")).isTrue();
        assertThat(AppNeed.of("tcp.port == 389 && !(ldap.resultCode == 0)")).isTrue();
        assertThat(AppNeed.of("http.request")).isTrue();
        assertThat(AppNeed.of("ip.src == 10.0.0.1 && udp.port == 161")).isFalse();
        assertThat(AppNeed.of("frame.number tcp.stream")).isFalse();
    }
}
