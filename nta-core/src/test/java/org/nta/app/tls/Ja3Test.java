package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class Ja3Test {
    @Test
    void salesforceReadmeExample() {
        String s = Ja3.client(769, List.of(47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4),
                List.of(0, 10, 11), List.of(23, 24, 25), List.of(0));
        assertThat(s).isEqualTo("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0");
        assertThat(Ja3.md5(s)).isEqualTo("ada70206e40642a3e4461f35503241d5");
    }

    @Test
    void greaseIsLeftOutOfSuitesExtensionsAndGroupsOnly() {
        assertThat(Ja3.client(771, List.of(0x1a1a, 4865), List.of(0x2a2a, 0, 0xbaba), List.of(0xcaca, 29),
                List.of(0))).isEqualTo("771,4865,0,29,0");
        assertThat(Grease.is(0x0a0a)).isTrue();
        assertThat(Grease.is(0xfafa)).isTrue();
        assertThat(Grease.is(0x0a1a)).isFalse();
        assertThat(Grease.is(0x0b0b)).isFalse();
    }

    @Test
    void noExtensionsLeavesEmptyFields() {
        assertThat(Ja3.client(768, List.of(47, 53), List.of(), List.of(), List.of())).isEqualTo("768,47-53,,,");
    }

    @Test
    void serverString() {
        assertThat(Ja3.server(771, 49200, List.of(65281, 11, 35, 23))).isEqualTo("771,49200,65281-11-35-23");
        assertThat(Ja3.server(771, 47, List.of())).isEqualTo("771,47,");
    }
}
