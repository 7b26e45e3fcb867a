package org.nta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.*;


import org.junit.jupiter.api.Test;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.testing.Bytes2;

class HostAddressesTest {
    final HostAddresses hosts = new HostAddresses();
    final PacketDecoder decoder = new PacketDecoder();
    long frame;

    void from(int mac, int type, byte[] ip) {
        byte[] data = new Bytes2().bytes(new byte[] {2, 0, 0, 0, 0, 9}).bytes(new byte[] {2, 0, 0, 0, 0, (byte) mac})
                .u16(type).bytes(ip).build();
        Frame f = new Frame();
        f.number = ++frame;
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        decoder.decode(f, p);
        hosts.onPacket(p, null, true);
    }

    byte[] udp4(String src) {
        return ipv4(src, "10.0.0.1", 17, udp(1, 2, new byte[4]));
    }

    byte[] udp6(String src) {
        return ipv6(src, "fd00::1", 17, udp(1, 2, new byte[4]));
    }

    @Test
    void aDualStackHostsAddressesAreOneHost() {
        from(1, 0x0800, udp4("192.168.77.66"));
        from(1, 0x86dd, udp6("fd77:6b0:1::66"));
        from(1, 0x86dd, udp6("fe80::1"));
        assertThat(hosts.sameHost().get("fd77:6b0:1::66")).containsExactly("192.168.77.66", "fd77:6b0:1::66", "fe80::1");
        assertThat(hosts.sameHost().get("192.168.77.66")).hasSize(3);
    }

    @Test
    void twoIpv4AddressesBehindOneMacStayApart() {
        from(2, 0x0800, udp4("203.0.113.7"));
        from(2, 0x0800, udp4("198.51.100.9"));
        from(2, 0x86dd, udp6("2001:db8::5"));
        assertThat(hosts.sameHost()).isEmpty();
    }

    @Test
    void aRouterForwardingManyAddressesIsNoHost() {
        from(3, 0x0800, udp4("203.0.113.7"));
        for (int i = 1; i <= 6; i++) from(3, 0x86dd, udp6("2001:db8::" + i));
        assertThat(hosts.sameHost()).isEmpty();
        from(4, 0x0800, udp4("10.1.1.1"));
        assertThat(hosts.sameHost()).isEmpty();
    }
}
