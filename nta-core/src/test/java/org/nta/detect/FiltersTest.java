package org.nta.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FiltersTest {
    @Test
    void setsUseCommasAndFoldRuns() {
        // Wireshark 4.0 rejects {1 2 3}: members must be comma-separated
        assertThat(Filters.frameSet(List.of(12L, 10L, 11L, 20L))).isEqualTo("frame.number in {10..12, 20}");
        assertThat(Filters.streams("tcp", List.of(4, 6, 7, 9))).isEqualTo("tcp.stream in {4, 6..7, 9}");
        assertThat(Filters.streams("udp", List.of(3))).isEqualTo("udp.stream == 3");
        assertThat(Filters.frameSet(List.of(5L))).isEqualTo("frame.number == 5");
    }
}
