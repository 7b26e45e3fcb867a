package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.TlsHello;

/**
 * Real connections (OpenSSL, curl, Python, Java clients against OpenSSL s_server, one with a HelloRetryRequest)
 * replayed segment by segment; every hello must land on the frame tshark 4.0.17 shows it on with the same
 * tls.handshake.ja3_full / ja3 / ja3s_full / ja3s, SNI, ALPN and versions, and the JA4 computed from tshark's fields
 * by an independent script.
 */
class TlsDifferentialTest {
    private static Map<String, List<TlsHello>> replay() {
        Map<String, List<TlsHello>> out = new LinkedHashMap<>();
        AnomalyCounter anomalies = new AnomalyCounter();
        TlsFixtures.connections().forEach((name, segments) -> {
            List<TlsHello> hellos = new ArrayList<>();
            TlsHandler h = new TlsHandler(new ConnInfo("tcp", 0, 4, "127.0.0.1", 40000, "127.0.0.1", 44330),
                    TlsConfig.DEFAULTS, anomalies, hellos::add);
            for (TlsFixtures.Segment s : segments) {
                if (h.isDone()) break;
                h.onData(s.fromClient(), s.data(), 0, s.data().length, s.frame(), s.frame() * 1000);
            }
            assertThat(h.isDone()).as(name + " done after the hellos").isTrue();
            out.put(name, hellos);
        });
        assertThat(anomalies.isEmpty()).isTrue();
        return out;
    }

    @Test
    void hellosMatchTshark() {
        Map<String, List<TlsHello>> got = replay();
        Map<String, Integer> seen = new HashMap<>();
        List<String> lines = TlsFixtures.lines("/tls/tshark-hellos.txt");
        assertThat(got.values().stream().mapToInt(List::size).sum()).isEqualTo(lines.size());
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            Map<String, String> t = new HashMap<>();
            for (int i = 2; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                t.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
            int index = seen.merge(f[0], 1, Integer::sum) - 1;
            TlsHello h = got.get(f[0]).get(index);
            String what = f[0] + " frame " + f[1];
            assertThat(h.frame()).as(what).isEqualTo(Long.parseLong(f[1]));
            assertThat(h.fromClient()).as(what).isEqualTo(t.get("type").startsWith("1"));
            assertThat(hex(h.handshakeVersion())).as(what).isEqualTo(t.get("version"));
            assertThat(h.supportedVersions().stream().map(TlsDifferentialTest::hex).collect(Collectors.joining(",")))
                    .as(what).isEqualTo(t.get("supported_version"));
            if (h.fromClient()) {
                assertThat(h.sni()).as(what).isEqualTo(t.get("sni"));
                assertThat(String.join(",", h.alpn())).as(what).isEqualTo(t.get("alpn"));
                assertThat(h.ja3()).as(what).isEqualTo(t.get("ja3_full"));
                assertThat(h.ja3Hash()).as(what).isEqualTo(t.get("ja3"));
            } else {
                assertThat(h.ja3()).as(what).isEqualTo(t.get("ja3s_full"));
                assertThat(h.ja3Hash()).as(what).isEqualTo(t.get("ja3s"));
                assertThat(h.ja4()).isNull();
            }
        }
    }

    @Test
    void ja4MatchesAnIndependentComputation() {
        Map<String, List<TlsHello>> got = replay();
        for (String line : TlsFixtures.lines("/tls/ja4-expected.txt")) {
            String[] f = line.split(" ");
            TlsHello h = got.get(f[0]).stream().filter(x -> x.frame() == Long.parseLong(f[1])).findFirst()
                    .orElseThrow();
            assertThat(h.ja4()).as(line).isEqualTo(f[2]);
        }
    }

    @Test
    void helloRetryRequestConnection() {
        List<TlsHello> h = replay().get("tls2-1");
        assertThat(h).extracting(TlsHello::frame).containsExactly(15L, 17L, 19L, 20L);
        assertThat(h).extracting(TlsHello::fromClient).containsExactly(true, false, true, false);
        assertThat(h).extracting(TlsHello::helloRetryRequest).containsExactly(false, true, false, false);
        // the second ClientHello came after a ChangeCipherSpec record
        assertThat(h.get(2).recordVersion()).isEqualTo(0x0303);
        assertThat(h.get(0).recordVersion()).isEqualTo(0x0301);
        assertThat(h.get(3).version()).isEqualTo(0x0304);
        assertThat(h.get(3).selectedCipher()).isEqualTo(0x1302);
    }

    private static String hex(int v) {
        return String.format("0x%04x", v);
    }
}
