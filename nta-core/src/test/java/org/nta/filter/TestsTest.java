package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The byte search behind contains agrees with a plain search at every position and size. */
class TestsTest {
    private static boolean naive(byte[] b, int off, int len, byte[] n) {
        return org.nta.bytes.Bytes.indexOf(b, off, off + len, n) >= 0;
    }

    @Test
    void horspoolAgreesWithNaiveSearch() {
        Random r = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] hay = new byte[r.nextInt(40)];
            for (int i = 0; i < hay.length; i++) hay[i] = (byte) ("abcab".charAt(r.nextInt(5)));
            byte[] needle = new byte[3 + r.nextInt(4)];
            for (int i = 0; i < needle.length; i++) needle[i] = (byte) ("abc".charAt(r.nextInt(3)));
            int off = hay.length == 0 ? 0 : r.nextInt(hay.length);
            int len = hay.length - off == 0 ? 0 : r.nextInt(hay.length - off + 1);
            assertThat(Tests.horspool(hay, off, len, needle, Tests.horspoolSkips(needle)))
                    .as("%s in [%d,+%d) of %s", new String(needle, StandardCharsets.US_ASCII), off, len, new String(hay, StandardCharsets.US_ASCII))
                    .isEqualTo(naive(hay, off, len, needle));
        }
    }

    @Test
    void matchAtTheVeryEndAndStart() {
        byte[] hay = "xxsqlmap".getBytes(StandardCharsets.US_ASCII);
        byte[] n = "sqlmap".getBytes(StandardCharsets.US_ASCII);
        assertThat(Tests.horspool(hay, 0, hay.length, n, Tests.horspoolSkips(n))).isTrue();
        assertThat(Tests.horspool(hay, 2, 6, n, Tests.horspoolSkips(n))).isTrue();
        assertThat(Tests.horspool(hay, 2, 5, n, Tests.horspoolSkips(n))).isFalse();
    }
}
