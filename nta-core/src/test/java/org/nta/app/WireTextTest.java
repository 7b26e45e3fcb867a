package org.nta.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wireshark's format_text (epan/strutil.c, 4.0) rules, which tshark applies to DNS names and SSH/TLS strings. */
class WireTextTest {
    private static String f(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
        return WireText.format(b, 0, b.length);
    }

    @Test
    void printableAsciiIsKeptBackslashIncluded() {
        assertThat(WireText.format(Fixtures.ascii("a\\b c~"), 0, 6)).isEqualTo("a\\b c~");
    }

    @Test
    void controlCharactersAreCEscapes() {
        assertThat(f(7, 8, 12, 10, 13, 9, 11)).isEqualTo("\\a\\b\\f\\n\\r\\t\\v");
        assertThat(f(0, 1, 0x1b, 0x7f)).isEqualTo("\\000\\001\\033\\177");
    }

    @Test
    void utf8() {
        assertThat(f('c', 'a', 'f', 0xc3, 0xa9)).isEqualTo("café");
        assertThat(f(0xf0, 0x9f, 0x92, 0xa9)).isEqualTo("\uD83D\uDCA9");
        // U+200B ZERO WIDTH SPACE is a format character: shown as a universal character name, upper-case hex
        assertThat(f(0xe2, 0x80, 0x8b)).isEqualTo("\\u200B");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assertThat(f(0xff, 'a')).isEqualTo("\ufffda");
        assertThat(f(0x80)).isEqualTo("\ufffd");
        // a lead byte without its continuation: the next octet is read again on its own
        assertThat(f(0xc3, 'x')).isEqualTo("\ufffdx");
        assertThat(f(0xe2, 0x80)).isEqualTo("\ufffd");
        // an encoded surrogate is not a character
        assertThat(f(0xed, 0xa0, 0x80)).isEqualTo("\ufffd");
        // overlong encodings are decoded permissively, as Wireshark does
        assertThat(f(0xc0, 0xaf)).isEqualTo("/");
    }

    @Test
    void asciiMapsHighOctetsToReplacementCharacters() {
        byte[] b = {'o', 'k', (byte) 0xc3, (byte) 0xa9, '\n'};
        assertThat(WireText.ascii(b, 0, b.length)).isEqualTo("ok\ufffd\ufffd\\n");
        assertThat(WireText.isPrintableAscii(b, 0, 2)).isTrue();
        assertThat(WireText.isPrintableAscii(b, 0, 3)).isFalse();
    }
}
