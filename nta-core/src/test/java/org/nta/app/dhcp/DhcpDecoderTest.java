package org.nta.app.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DhcpMessage;

/** DHCPv4 options that name a host, an option running past the datagram, and random mutations. */
class DhcpDecoderTest {
    static final ConnInfo CONN = new ConnInfo("udp", 0, 4, "0.0.0.0", 68, "255.255.255.255", 67);

    static byte[] request() {
        ByteBuffer b = ByteBuffer.allocate(300);
        b.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 0).putInt(0x12345678);
        b.position(28);
        b.put(new byte[] {0x3c, 0x52, (byte) 0x82, 0, 0, 3});
        b.position(236);
        b.putInt(0x63825363);
        b.put(new byte[] {53, 1, 3});
        b.put(new byte[] {50, 4, 10, 0, 0, 5});
        b.put(new byte[] {12, 7, 'D', 'E', 'S', 'K', 'T', 'O', 'P'});
        b.put(new byte[] {60, 8, 'M', 'S', 'F', 'T', ' ', '5', '.', '0'});
        b.put(new byte[] {81, 16, 0x04, 0, 0, 7, 'D', 'E', 'S', 'K', 'T', 'O', 'P', 3, 'l', 'a', 'b', 0});
        b.put((byte) 255);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void readsTheOptionsThatNameAHost() {
        DhcpMessage m = new DhcpDecoder(new AnomalyCounter()).decode(request(), 0, request().length, CONN, 1, 1);
        assertThat(m.messageType()).isEqualTo(3);
        assertThat(m.clientMac()).isEqualTo("3c:52:82:00:00:03");
        assertThat(m.requested()).isEqualTo("10.0.0.5");
        assertThat(m.hostName()).isEqualTo("DESKTOP");
        assertThat(m.vendorClass()).isEqualTo("MSFT 5.0");
        assertThat(m.fqdn()).isEqualTo("DESKTOP.lab");
    }

    @Test
    void anOptionPastTheEndIsCountedAndMutationsNeverThrow() {
        byte[] r = request();
        AnomalyCounter a = new AnomalyCounter();
        DhcpMessage m = new DhcpDecoder(a).decode(r, 0, 250, CONN, 1, 1);
        assertThat(m.hostName()).isNull();
        assertThat(a.asMap()).containsKey(Anomaly.DHCP_MALFORMED.id());
        Random rnd = new Random(3);
        for (int i = 0; i < 5000; i++) {
            byte[] x = r.clone();
            for (int k = 1 + rnd.nextInt(6); k > 0; k--) x[236 + rnd.nextInt(x.length - 236)] = (byte) rnd.nextInt(256);
            new DhcpDecoder(a).decode(x, 0, rnd.nextInt(x.length + 1), CONN, 1, 1);
        }
    }
}
