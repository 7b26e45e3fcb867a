package org.nta.app.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Dhcpv6Message;
import org.nta.testing.Bytes2;

/** DHCPv6 messages built to RFC 8415 and RFC 4704: DUIDs, the client FQDN, relays, options past the end, mutations. */
class Dhcpv6DecoderTest {
    static final ConnInfo CONN = new ConnInfo("udp", 0, 6, "fe80::201:2ff:fe03:405", 546, "ff02::1:2", 547);

    /** DUID-LLT of Ethernet address 00:01:02:03:04:05 (time 0x2afbf5c4). */
    static byte[] duidLlt() {
        return Bytes2.hex("00 01 00 01 2a fb f5 c4 00 01 02 03 04 05");
    }

    static byte[] option(int code, byte[] value) {
        return new Bytes2().u16(code).u16(value.length).bytes(value).build();
    }

    /** Flags S, then "desktop-7qf2.corp.example." in wire format (or "desktop-7qf2" with no root label: partial). */
    static byte[] fqdn(boolean full) {
        Bytes2 b = new Bytes2().u8(0x01).u8(12).bytes("desktop-7qf2".getBytes());
        if (full) b.u8(4).bytes("corp".getBytes()).u8(7).bytes("example".getBytes()).u8(0);
        return b.build();
    }

    static byte[] solicit(boolean fullName) {
        return new Bytes2().u8(1).bytes(Bytes2.hex("12 34 56")).bytes(option(1, duidLlt())).bytes(option(6, Bytes2.hex("00 17 00 18")))
                .bytes(option(39, fqdn(fullName))).build();
    }

    static byte[] relayed(byte[] inner) {
        return new Bytes2().u8(12).u8(0).bytes(new byte[16]).bytes(Bytes2.hex("fe 80 00 00 00 00 00 00 02 01 02 ff fe 03 04 05"))
                .bytes(option(9, inner)).build();
    }

    static Dhcpv6Message decode(byte[] m, AnomalyCounter a) {
        return new Dhcpv6Decoder(a).decode(m, 0, m.length, CONN, 1, 1);
    }

    @Test
    void readsTheClientsDuidAndFqdn() {
        AnomalyCounter a = new AnomalyCounter();
        Dhcpv6Message m = decode(solicit(true), a);
        assertThat(m.msgTypes()).containsExactly(1);
        assertThat(m.transactionId()).isEqualTo(0x123456);
        assertThat(m.fromClient()).isTrue();
        assertThat(m.fqdn()).isEqualTo("desktop-7qf2.corp.example.");
        assertThat(m.fqdnFlags()).isEqualTo(1);
        Dhcpv6Message.Duid d = m.clientDuid();
        assertThat(d.type()).isEqualTo(1);
        assertThat(d.hex()).isEqualTo("000100012afbf5c4000102030405");
        assertThat(d.linkLayer()).isEqualTo("00:01:02:03:04:05");
        assertThat(d.describe()).isEqualTo("000100012afbf5c4000102030405 (DUID-LLT, 00:01:02:03:04:05)");
        assertThat(decode(solicit(false), a).fqdn()).as("a partial name").isEqualTo("desktop-7qf2");
        assertThat(a.asMap()).isEmpty();
    }

    @Test
    void aRelayedMessageIsReadThroughItsRelayOption() {
        Dhcpv6Message m = decode(relayed(solicit(true)), new AnomalyCounter());
        assertThat(m.msgTypes()).containsExactly(12, 1);
        assertThat(m.messageType()).isEqualTo(1);
        assertThat(m.fromClient()).as("the relay agent sent it, not the client").isFalse();
        assertThat(m.fqdn()).isEqualTo("desktop-7qf2.corp.example.");
        // relays nested beyond the hop-count limit are not followed
        byte[] deep = solicit(true);
        for (int i = 0; i < 20; i++) deep = relayed(deep);
        assertThat(decode(deep, new AnomalyCounter()).msgTypes()).hasSize(Dhcpv6Decoder.MAX_RELAY_DEPTH + 1).doesNotContain(1);
    }

    @Test
    void otherDuidTypes() {
        byte[] ll = Bytes2.hex("00 03 00 01 a0 21 b7 e0 d8 71"), uuid = Bytes2.hex("00 04 a2 56 e9 2e 40 ab d0 d2 a3 ab 3b 3f f2 ff 89 98");
        byte[] m = new Bytes2().u8(7).bytes(Bytes2.hex("09 f5 6b")).bytes(option(1, uuid)).bytes(option(2, ll)).build();
        Dhcpv6Message d = decode(m, new AnomalyCounter());
        assertThat(d.duids()).extracting(Dhcpv6Message.Duid::type).containsExactly(4, 3);
        assertThat(d.duids().get(0).linkLayer()).isNull();
        assertThat(d.duids().get(1).linkLayer()).isEqualTo("a0:21:b7:e0:d8:71");
        assertThat(d.duids().get(1).option()).isEqualTo(2);
        assertThat(d.fromClient()).isFalse();
    }

    @Test
    void anOptionPastTheEndIsCountedAndMutationsNeverThrow() {
        byte[] s = solicit(true);
        AnomalyCounter a = new AnomalyCounter();
        Dhcpv6Message m = new Dhcpv6Decoder(a).decode(s, 0, s.length - 3, CONN, 1, 1);
        assertThat(m.clientDuid()).isNotNull();
        assertThat(m.fqdn()).isNull();
        assertThat(a.asMap()).containsEntry("dhcpv6.malformed", 1L);
        byte[] r = relayed(s);
        for (int n = 0; n <= r.length; n++) new Dhcpv6Decoder(a).decode(r, 0, n, CONN, 1, 1);
        Random rnd = new Random(7);
        for (byte[] x0 : List.of(s, r)) {
            for (int i = 0; i < 5000; i++) {
                byte[] x = x0.clone();
                for (int k = 1 + rnd.nextInt(6); k > 0; k--) x[rnd.nextInt(x.length)] = (byte) rnd.nextInt(256);
                new Dhcpv6Decoder(a).decode(x, 0, rnd.nextInt(x.length + 1), CONN, 1, 1);
            }
        }
    }
}
