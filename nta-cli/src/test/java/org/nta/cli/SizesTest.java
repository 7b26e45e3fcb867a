package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes on the command line: plain bytes or 1024-based k/KiB, M/MiB, G/GiB; shown back exactly. */
class SizesTest {
    @ParameterizedTest
    @CsvSource({"65536, 65536", "1, 1", "2k, 2048", "2K, 2048", "2KiB, 2048", "64kib, 65536", "1M, 1048576",
            "1MiB, 1048576", "256m, 268435456", "1G, 1073741824", "3GiB, 3221225472", "' 16 ', 16"})
    void parsesBytesAndBinarySuffixes(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0k", "lots", "", "k", "-1", "1.5M", "1T", "1KB", "1 0", "99999999999999999999",
            "9999999999G"})
    void refusesWhatIsNotAPositiveSize(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"268435456, 256 MiB", "65536, 64 KiB", "1073741824, 1 GiB", "1536, 1536 bytes", "16, 16 bytes",
            "1, 1 byte", "1049600, 1025 KiB"})
    void formatsExactlyInTheLargestUnitThatDivides(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
        assertThat(Sizes.parse(text.replace(" bytes", "").replace(" byte", "").replace(" ", ""))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2G", "2048M", "3GiB"})
    void intOptionsRefuseTwoGibibytesAndMore(String text) {
        assertThatThrownBy(() -> new Sizes.IntSize().convert(text)).hasMessageContaining("too large");
    }
}
