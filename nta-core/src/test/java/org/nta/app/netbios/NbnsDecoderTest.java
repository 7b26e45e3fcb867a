package org.nta.app.netbios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.NbnsMessage;

/** NetBIOS names in first-level encoding, with a scope, a compression pointer loop, and random mutations. */
class NbnsDecoderTest {
    static final ConnInfo CONN = new ConnInfo("udp", 0, 4, "10.0.0.5", 137, "10.0.0.255", 137);

    static byte[] encoded(String name, int suffix) {
        byte[] out = new byte[34];
        out[0] = 32;
        String padded = String.format("%-15s", name);
        for (int i = 0; i < 16; i++) {
            int c = i < 15 ? padded.charAt(i) : suffix;
            out[1 + 2 * i] = (byte) ('A' + (c >> 4));
            out[2 + 2 * i] = (byte) ('A' + (c & 15));
        }
        out[33] = 0;
        return out;
    }

    static byte[] query(String name, int suffix) {
        byte[] n = encoded(name, suffix);
        byte[] m = new byte[12 + n.length + 4];
        m[0] = 0x12; m[1] = 0x34; m[5] = 1;
        System.arraycopy(n, 0, m, 12, n.length);
        m[12 + n.length + 1] = 0x20;
        m[12 + n.length + 3] = 1;
        return m;
    }

    @Test
    void decodesTheName() {
        byte[] q = query("DESKTOP-7QF2", 0x20);
        NbnsMessage m = new NbnsDecoder(new AnomalyCounter()).decode(q, 0, q.length, CONN, 1, 1);
        assertThat(m.names()).containsExactly("DESKTOP-7QF2<20>");
        assertThat(m.response()).isFalse();
        assertThat(m.id()).isEqualTo(0x1234);
    }

    @Test
    void pointerLoopsAndMutationsNeverThrow() {
        byte[] loop = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 0x20, 0, 1};
        AnomalyCounter a = new AnomalyCounter();
        NbnsMessage m = new NbnsDecoder(a).decode(loop, 0, loop.length, CONN, 1, 1);
        assertThat(m.names()).isEmpty();
        assertThat(a.asMap()).containsKey("nbns.malformed");
        Random rnd = new Random(5);
        byte[] q = query("WORKGROUP", 0x1d);
        for (int i = 0; i < 5000; i++) {
            byte[] x = q.clone();
            for (int k = 1 + rnd.nextInt(5); k > 0; k--) x[rnd.nextInt(x.length)] = (byte) rnd.nextInt(256);
            new NbnsDecoder(a).decode(x, 0, rnd.nextInt(x.length + 1), CONN, 1, 1);
        }
    }
}
