package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.event.ConnInfo;

/** DNS tunnels: real dns2tcp and iodine captures, base32 exfiltration through a resolver, IPv6, and look-alikes that are not. */
class DnsTunnelDetectorTest {
    static final long S = 1_000_000_000L, T0 = 1_700_000_000_000_000_000L;
    final DnsTunnelDetector detector = new DnsTunnelDetector(DnsTunnelConfig.DEFAULTS);
    int stream;
    long frame;

    static List<Finding> analyze(String resource) throws Exception {
        Path p = Path.of(DnsTunnelDetectorTest.class.getResource("/c2/" + resource).toURI());
        try (CaptureSource src = CaptureSource.open(p.toString(), false)) {
            Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
            return r.findings();
        }
    }

    /** A question and its answer, one second after the last. */
    void ask(String client, String server, String name, int type, int rcode, List<org.nta.event.DnsMessage.Record> answers) {
        ConnInfo c = C2Ev.udp(stream++, client, server, 53);
        long t = T0 + frame * S / 2;
        detector.onEvent(C2Ev.query(c, ++frame, t, (int) frame, name, type));
        detector.onEvent(C2Ev.answer(c, ++frame, t + 1_000_000, (int) frame, name, type, rcode, answers));
    }

    List<Finding> tunnels() {
        return detector.finish().stream().filter(f -> f.type() == FindingType.DNS_TUNNEL).toList();
    }

    @Test
    void dns2tcpIsNamedAndItsBytesDecoded() throws Exception {
        List<Finding> fs = analyze("dns2tcp-txt.pcap").stream().filter(f -> f.type() == FindingType.DNS_TUNNEL).toList();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.evidence()).containsEntry("tool", "dns2tcp").containsEntry("domain", "example.com");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat((String) f.evidence().get("decoded")).startsWith("# Network services, Internet style");
        assertThat((int) f.evidence().get("decoded_bytes")).isGreaterThan(1000);
        assertThat(f.techniques()).contains("T1071.004", "T1572");
        assertThat(f.firstFrame()).isEqualTo(1);
    }

    @Test
    void iodineIsNamed() throws Exception {
        List<Finding> fs = analyze("iodine-null.pcap").stream().filter(f -> f.type() == FindingType.DNS_TUNNEL).toList();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("tool", "iodine").containsEntry("domain", "example.org");
        assertThat((String) fs.get(0).evidence().get("record_types").toString()).contains("NULL");
    }

    static String base32(byte[] b) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder sb = new StringBuilder();
        int buf = 0, bits = 0;
        for (byte x : b) {
            buf = buf << 8 | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt(buf >> (bits - 5) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) sb.append(alphabet.charAt(buf << (5 - bits) & 31));
        return sb.toString();
    }

    /**
     * A domain controller joining and replicating looks its own directory up: GUID-named _msdcs records, SRV locators
     * and GSS-TSIG key exchanges (TKEY, "NUMBER.sig-SERVER") — long, random-looking names that carry no data.
     */
    @Test
    void activeDirectoryLocatorsAndSecureUpdatesAreNotATunnel() {
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 40; i++) {
            String guid = new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
            ask("10.2.0.11", "10.2.0.10", guid + "._msdcs.corp.example.com", 5, 0, List.of());
            ask("10.2.0.11", "10.2.0.10", "_ldap._tcp." + guid + ".domains._msdcs.corp.example.com", 33, 0, List.of());
            ask("10.2.0.11", "10.2.0.10", "_kerberos._tcp.site" + i + "._sites.dc._msdcs.corp.example.com", 33, 0, List.of());
            ask("10.2.0.11", "10.2.0.10", (1_000_000_000L + rnd.nextInt(2_000_000_000)) + ".sig-dc1.corp.example.com", DnsTunnelDetector.TKEY, 0, List.of());
        }
        assertThat(tunnels()).isEmpty();
        assertThat(DnsTunnelDetector.serviceLocator("_ldap._tcp")).isTrue();
        assertThat(DnsTunnelDetector.serviceLocator("d177ac4e-2407-4229-a752-3a91b6af2209._msdcs")).isTrue();
        assertThat(DnsTunnelDetector.serviceLocator("mfzwizltoq2dcnbz._tcpx")).isFalse();
        assertThat(DnsTunnelDetector.serviceLocator("a_tcp.b")).isFalse();
    }

    @Test
    void base32ExfiltrationThroughAResolverIsFoundAndDecoded() {
        byte[] secret = ("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "bin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\n").repeat(4).getBytes(StandardCharsets.UTF_8);
        String encoded = base32(secret);
        List<String> names = new ArrayList<>();
        for (int i = 0, seq = 0; i < encoded.length(); i += 40, seq++) {
            names.add(encoded.substring(i, Math.min(encoded.length(), i + 40)) + ".s" + seq + ".x.exfil-data.net");
        }
        for (String n : names) {
            ask("10.1.1.66", "10.1.1.53", n, 16, 3, List.of());
            ask("10.1.1.53", "198.51.100.7", n, 16, 3, List.of()); // the resolver asks the domain's server
        }
        List<Finding> fs = tunnels();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.victim()).isEqualTo("10.1.1.66");
        assertThat(f.attacker()).as("through a resolver whose forwarded queries are seen: the server it asked").isEqualTo("198.51.100.7");
        assertThat(f.evidence()).containsEntry("authoritative_server", "198.51.100.7").containsEntry("zone", "x.exfil-data.net");
        assertThat(f.evidence()).containsEntry("tool", null).containsEntry("nxdomain_share", 1.0);
        assertThat((String) f.evidence().get("decoded")).contains("root:x:0:0:root");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.techniques()).contains("T1048");
    }

    @Test
    void throughAResolverWithoutTheForwardedLegTheZoneIsTheOtherParty() {
        Random r = new Random(7);
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[36];
            r.nextBytes(b);
            ask("10.1.1.66", "10.1.1.53", base32(b) + ".z.exfil-data.net", 16, 0, List.of(C2Ev.rr("x", 16, "6f6b")));
        }
        List<Finding> fs = tunnels();
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.attacker()).isEqualTo("z.exfil-data.net");
            assertThat(f.evidence()).doesNotContainKey("authoritative_server");
        });
    }

    @Test
    void hashedCdnNamesAnsweredWithAddressesAreOnlyAnObservation() {
        // many distinct hex-hashed names under one domain, A and AAAA, each answered with an address: a CDN, not a tunnel
        Random r = new Random(11);
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[12];
            r.nextBytes(b);
            String name = java.util.HexFormat.of().formatHex(b) + (i % 2 == 0 ? ".static" : ".eu-west-1.edge") + ".cdn-example.net";
            ask("10.1.1.66", "10.1.1.53", name, 1, 0, List.of(C2Ev.rr("x", 1, "10.1.1.40")));
            ask("10.1.1.66", "10.1.1.53", name, 28, 0, List.of());
        }
        List<Finding> fs = tunnels();
        assertThat(fs).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.attacker()).isNull();
        });
        // the same names carrying more: labels filled towards 63 characters make them data
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[26];
            r.nextBytes(b);
            ask("10.1.1.66", "10.1.1.53", java.util.HexFormat.of().formatHex(b) + ".static.cdn-example.net", 1, 0,
                    List.of(C2Ev.rr("x", 1, "10.1.1.40")));
        }
        assertThat(tunnels()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void ipv6StraightToTheServer() {
        Random r = new Random(3);
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[30];
            r.nextBytes(b);
            ask("2001:db8:1::66", "2001:db8:bad::53", java.util.HexFormat.of().formatHex(b) + ".c.t6.example", 16, 0,
                    List.of(C2Ev.rr("x", 16, "ok")));
        }
        List<Finding> fs = tunnels();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).attacker()).isEqualTo("2001:db8:bad::53");
        assertThat(fs.get(0).victim()).isEqualTo("2001:db8:1::66");
        assertThat(fs.get(0).evidence()).containsEntry("domain", "t6.example");
    }

    @Test
    void ordinaryAndCdnLikeLookupsAreNot() {
        String[] hosts = {"www", "mail", "api", "static", "cdn", "login", "images", "accounts", "docs", "news"};
        for (int i = 0; i < 200; i++) {
            ask("10.1.1.66", "10.1.1.53", hosts[i % hosts.length] + ".example.com", 1, 0, List.of(C2Ev.rr("x", 1, "93.184.216.34")));
        }
        // long CDN edge names: a few distinct ones, asked again and again
        for (int i = 0; i < 100; i++) {
            ask("10.1.1.66", "10.1.1.53", "e" + (1000 + i % 6) + ".dscx.akamaiedge.net", 1, 0, List.of(C2Ev.rr("x", 1, "23.1.2.3")));
            ask("10.1.1.66", "10.1.1.53", "r" + (i % 5) + "---sn-4g5e6nsz.googlevideo.com", 1, 0, List.of(C2Ev.rr("x", 1, "23.1.2.4")));
            ask("10.1.1.66", "10.1.1.53", "d3c4f1b2a9e8f7d6c5b4a3f2e1d0c9b8-" + (i % 3) + ".s3.dualstack.eu-west-1.amazonaws.com", 1, 0,
                    List.of(C2Ev.rr("x", 1, "52.1.2.3")));
        }
        assertThat(tunnels()).isEmpty();
    }

    @Test
    void fewQueriesAreNot() {
        Random r = new Random(5);
        for (int i = 0; i < 10; i++) {
            byte[] b = new byte[30];
            r.nextBytes(b);
            ask("10.1.1.66", "10.1.1.53", base32(b) + ".few.example", 16, 3, List.of());
        }
        assertThat(tunnels()).isEmpty();
    }
}
