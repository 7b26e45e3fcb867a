package org.nta.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nta.capture.Frame;
import org.nta.decode.Addresses;
import org.nta.decode.PacketDecoder;
import org.nta.bytes.AnomalyCounter;
import org.nta.testing.Packets;

/**
 * Community ID v1 against the specification's own vectors. Sources:
 * <ul>
 * <li>github.com/corelight/community-id-spec, {@code baseline/README.md} (commit c4ec2bc4): the "Default settings"
 * and "A custom seed=1 value" tables;</li>
 * <li>the same repository's {@code baseline/baseline_deflt.json}: pycommunityid's community-id-pcap over
 * {@code pcaps/combined.pcap.gz} (ICMP and ICMPv6 rows give type and code as the two ports).</li>
 * </ul>
 */
class CommunityIdTest {
    // proto, saddr, daddr, sport, dport (-1: no ports), seed, expected; baseline/README.md tables
    @ParameterizedTest
    @CsvSource({
        "6, 1.2.3.4, 5.6.7.8, 1122, 3344, 0, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "6, 5.6.7.8, 1.2.3.4, 3344, 1122, 0, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "17, 1.2.3.4, 5.6.7.8, 1122, 3344, 0, 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
        "17, 5.6.7.8, 1.2.3.4, 3344, 1122, 0, 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
        "132, 1.2.3.4, 5.6.7.8, 1122, 3344, 0, 1:EKt4MsxuyaE6mL+hmrEkQ9csDD8=",
        "132, 5.6.7.8, 1.2.3.4, 3344, 1122, 0, 1:EKt4MsxuyaE6mL+hmrEkQ9csDD8=",
        "1, 1.2.3.4, 5.6.7.8, 8, 0, 0, 1:crodRHL2FEsHjbv3UkRrfbs4bZ0=",
        "1, 5.6.7.8, 1.2.3.4, 0, 0, 0, 1:crodRHL2FEsHjbv3UkRrfbs4bZ0=",
        "1, 1.2.3.4, 5.6.7.8, 11, 0, 0, 1:f/YiSyWqczrTgfUCZlBUnvHRcPk=",
        "58, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, 128, 0, 0, 1:0bf7hyMJUwt3fMED7z8LIfRpBeo=",
        "58, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, 129, 0, 0, 1:0bf7hyMJUwt3fMED7z8LIfRpBeo=",
        "58, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, 146, 0, 0, 1:fYC8+pz24E+EhANP1EZhpX0Dw10=",
        "46, 1.2.3.4, 5.6.7.8, -1, -1, 0, 1:ikv3kmf89luf73WPz1jOs49S768=",
        "46, 5.6.7.8, 1.2.3.4, -1, -1, 0, 1:ikv3kmf89luf73WPz1jOs49S768=",
        "46, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, -1, -1, 0, 1:wQ/2mwrnXP4lmJcHdGL5ePjR+e0=",
        "46, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, -1, -1, 0, 1:wQ/2mwrnXP4lmJcHdGL5ePjR+e0=",
        "6, 1.2.3.4, 5.6.7.8, 1122, 3344, 1, 1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=",
        "6, 5.6.7.8, 1.2.3.4, 3344, 1122, 1, 1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=",
        "17, 1.2.3.4, 5.6.7.8, 1122, 3344, 1, 1:OShq+iKDAMVouh/4bMxB9Sz4amw=",
        "17, 5.6.7.8, 1.2.3.4, 3344, 1122, 1, 1:OShq+iKDAMVouh/4bMxB9Sz4amw=",
        "132, 1.2.3.4, 5.6.7.8, 1122, 3344, 1, 1:uitchpn5MMGAQKBJh7bIr/bAr7s=",
        "132, 5.6.7.8, 1.2.3.4, 3344, 1122, 1, 1:uitchpn5MMGAQKBJh7bIr/bAr7s=",
        "1, 1.2.3.4, 5.6.7.8, 8, 0, 1, 1:9pr4ZGTICiuZoIh90RRYE2RyXpU=",
        "1, 5.6.7.8, 1.2.3.4, 0, 0, 1, 1:9pr4ZGTICiuZoIh90RRYE2RyXpU=",
        "1, 1.2.3.4, 5.6.7.8, 11, 0, 1, 1:1DD7cWGC/Yg91YGsQeni8du3pIA=",
        "58, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, 128, 0, 1, 1:IO27GQzPuCtNnwFvjWALMHu5tJE=",
        "58, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, 129, 0, 1, 1:IO27GQzPuCtNnwFvjWALMHu5tJE=",
        "58, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, 146, 0, 1, 1:Cv4IKJe56BNkF0MBW2YxQ3Nwc3s=",
        "46, 1.2.3.4, 5.6.7.8, -1, -1, 1, 1:/buhqeOmaRCopOZFy9HnoJd5XW8=",
        "46, 5.6.7.8, 1.2.3.4, -1, -1, 1, 1:/buhqeOmaRCopOZFy9HnoJd5XW8=",
        "46, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, -1, -1, 1, 1:j6EyyfBzL4vWKHFXgUqb5Az3OxM=",
        "46, fe80:1011:1213:1415:1617:1819:1A1B:1C1D, fe80:0001:0203:0405:0607:0809:0A0B:0C0D, -1, -1, 1, 1:j6EyyfBzL4vWKHFXgUqb5Az3OxM=",
    })
    void readmeTables(int proto, String saddr, String daddr, int sport, int dport, int seed, String expected) {
        assertThat(hash(seed, proto, saddr, sport, daddr, dport)).isEqualTo(expected);
        if (seed == 0) assertThat(CommunityId.of(proto, saddr, sport, daddr, dport)).isEqualTo(expected);
    }

    // baseline/baseline_deflt.json, every entry (ports null for RSVP written as -1)
    @ParameterizedTest
    @CsvSource({
        "58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 135, 136, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
        "58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 136, 135, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
        "58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 135, 136, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
        "58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 136, 135, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
        "58, 3ffe:501:1800:2345::2, 3ffe:507:0:1:200:86ff:fe05:80da, 3, 0, 1:2ObVBgIn28oZvibYZhZMBgh7WdQ=",
        "58, 3ffe:501:410:0:2c0:dfff:fe47:33e, 3ffe:507:0:1:200:86ff:fe05:80da, 1, 4, 1:hLZd0XGWojozrvxqE0dWB1iM6R0=",
        "58, 3ffe:507:0:1:200:86ff:fe05:80da, 3ffe:501:0:1001::2, 128, 129, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
        "58, 3ffe:501:0:1001::2, 3ffe:507:0:1:200:86ff:fe05:80da, 129, 128, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
        "58, fe80::200:86ff:fe05:80da, ff02::2, 133, 134, 1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
        "58, fe80::260:97ff:fe07:69ea, ff02::1, 134, 133, 1:pkvHqCL88/tg1k4cPigmZXUtL00=",
        "1, 192.168.0.89, 192.168.0.1, 8, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        "1, 192.168.0.1, 192.168.0.89, 0, 8, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        "1, 10.0.0.1, 10.0.0.2, 11, 0, 1:YHxtAirCG//0OzkcVAukqKQN9xM=",
        "6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "6, 2607:f8b0:400c:c03::1a, 2001:470:e5bf:dead:4957:2174:e82c:4887, 25, 63943, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "132, 192.168.170.8, 192.168.170.56, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "132, 192.168.170.56, 192.168.170.8, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "6, 128.232.110.120, 66.35.250.204, 34855, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "17, 8.8.8.8, 192.168.1.52, 53, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "46, 10.1.12.1, 10.1.12.2, -1, -1, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
        "46, 10.1.12.2, 10.1.12.1, -1, -1, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
    })
    void baselineJson(int proto, String saddr, String daddr, int sport, int dport, String expected) {
        assertThat(CommunityId.of(proto, saddr, sport, daddr, dport)).isEqualTo(expected);
    }

    @Test
    void aFlowHasTheIdOfItsPacketsInEitherDirection() {
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, f -> { }, new AnomalyCounter());
        PacketDecoder decoder = new PacketDecoder();
        org.nta.decode.Packet p = new org.nta.decode.Packet();
        byte[] data = Packets.eth(0x0800, Packets.ipv4("66.35.250.204", "128.232.110.120", 6,
                Packets.tcp(80, 34855, 1, 1, 0x10, new byte[0])));
        Frame frame = new Frame();
        frame.number = 1;
        frame.tsSec = 1_000;
        frame.data = data;
        frame.capLen = frame.origLen = data.length;
        frame.linkType = 1;
        decoder.decode(frame, p);
        Flow f = table.track(p);
        assertThat(f.aAddr()).isEqualTo("66.35.250.204");
        // the server sent the first packet: A is the server, the ID is still the spec's
        assertThat(f.communityId()).isEqualTo("1:LQU9qZlK+B5F3KDmev6m5PMibrg=").isSameAs(f.communityId());
    }

    @Test
    void textThatIsNoAddressGivesNoId() {
        assertThat(CommunityId.of(6, "example.com", 1, "1.2.3.4", 2)).isNull();
        assertThat(CommunityId.of(6, "1.2.3.4", 1, "::1", 2)).isNull();
        for (String bad : List.of("1.2.3", "1.2.3.256", "1:2", "1::2::3", ":::", "1:2:3:4:5:6:7:8:9", "12345::"))
            assertThat(Addresses.parse(bad)).as(bad).isNull();
        List<String> round = new ArrayList<>();
        for (String ok : List.of("::", "::1", "1::", "fe80::1:2", "::ffff:10.0.0.1", "2001:db8:0:0:1:0:0:1", "10.0.0.255"))
            round.add(Addresses.format((int) Addresses.parse(ok)[0], Addresses.parse(ok)[1], Addresses.parse(ok)[2]));
        assertThat(round).containsExactly("::", "::1", "1::", "fe80::1:2", "::ffff:10.0.0.1", "2001:db8::1:0:0:1", "10.0.0.255");
    }

    @Test
    void aHashAllocatesOnlyItsString() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.lang.management.ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean, "no allocation counter in this JVM");
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        CommunityId c = new CommunityId(0);
        long[] a = Addresses.parse("2001:470:e5bf:dead:4957:2174:e82c:4887"), b = Addresses.parse("2607:f8b0:400c:c03::1a");
        for (int i = 0; i < 20_000; i++) c.hash(6, 6, a[1], a[2], 63943, b[1], b[2], 25); // warm up (JIT, escape analysis)
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        String last = null;
        for (int i = 0; i < 10_000; i++) last = c.hash(6, 6, a[1], a[2], 63943, b[1], b[2], 25);
        long perCall = (mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 10_000;
        assertThat(last).isEqualTo("1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=");
        // a 30-character Latin-1 String is about 80 bytes (object and array); nothing else per call
        assertThat(perCall).as("bytes allocated per hash").isLessThan(120);
    }

    private static String hash(int seed, int proto, String s, int sp, String d, int dp) {
        long[] a = Addresses.parse(s), b = Addresses.parse(d);
        return new CommunityId(seed).hash(proto, (int) a[0], a[1], a[2], sp, b[1], b[2], dp);
    }
}
