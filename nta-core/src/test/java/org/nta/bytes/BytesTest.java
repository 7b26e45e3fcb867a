package org.nta.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BytesTest {
    private static int naive(byte[] b, int from, int to, byte v) {
        for (int i = from; i < to; i++) if (b[i] == v) return i;
        return -1;
    }

    @Test
    void indexOfAByteFindsTheFirstOccurrenceWhateverItsPlaceInAWord() {
        Random r = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            // few distinct values, including the neighbours that fool a careless zero-byte test (v-1, v+1, 0x80, 0)
            byte[] alphabet = {':', ';', '9', 0, (byte) 0x80, (byte) 0xff, 1};
            for (int i = 0; i < b.length; i++) b[i] = alphabet[r.nextInt(alphabet.length)];
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            byte v = alphabet[r.nextInt(alphabet.length)];
            assertThat(Bytes.indexOf(b, from, to, v)).as("round %d", round).isEqualTo(naive(b, from, to, v));
        }
    }

    @Test
    void indexOfStopsAtTheEndItIsGiven() {
        byte[] b = "abcdefghij:".getBytes();
        assertThat(Bytes.indexOf(b, 0, 10, (byte) ':')).isEqualTo(-1);
        assertThat(Bytes.indexOf(b, 0, 11, (byte) ':')).isEqualTo(10);
        assertThat(Bytes.indexOf(b, 3, 3, (byte) 'd')).isEqualTo(-1);
    }
}
