package org.nta.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Bytes;

/** The digest on its own thread is the digest of the same bytes computed inline, whatever the pieces' sizes. */
class Sha256Test {
    @Test
    void backgroundAndInlineDigestsAgreeWithMessageDigest() throws Exception {
        Random rnd = new Random(3);
        for (int size : new int[] {0, 1, 1 << 20, (1 << 20) + 1, 9 * (1 << 20) + 12345}) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            String expected = Bytes.hex(MessageDigest.getInstance("SHA-256").digest(data));
            for (boolean background : new boolean[] {false, true}) {
                Sha256 h = new Sha256(background);
                assertThat(h.running()).isEqualTo(background);
                int off = 0;
                while (off < size) {
                    int n = Math.min(size - off, 1 + rnd.nextInt(3 << 20));
                    h.update(data, off, n);
                    off += n;
                }
                assertThat(h.hex()).as("%d bytes, background %s", size, background).isEqualTo(expected);
                assertThat(h.hex()).as("asking twice").isEqualTo(expected);
            }
        }
    }

    @Test
    void closingWithoutAskingEndsTheThread() throws Exception {
        Sha256 h = new Sha256(true);
        h.update(new byte[10], 0, 10);
        h.close();
        for (int i = 0; i < 200 && h.running(); i++) Thread.sleep(10);
        assertThat(h.running()).isFalse();
    }
}
