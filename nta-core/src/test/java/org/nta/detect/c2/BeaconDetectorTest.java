package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;

/** Beacons at the edges: jitter, too few contacts, retries, failed connections, ordinary periodic software, IPv6, names. */
@SuppressWarnings("unchecked")
class BeaconDetectorTest {
    static final long S = 1_000_000_000L;
    static final String V = "10.1.1.66", C2 = "203.0.113.50";

    final BeaconDetector detector = new BeaconDetector(BeaconConfig.DEFAULTS);
    final Wire wire = new Wire(detector);

    List<Finding> beacons() {
        return wire.finish().stream().filter(f -> f.type() == FindingType.BEACON).toList();
    }

    @Test
    void regularConnectionsToAnExternalAddressAreABeacon() {
        long first = 0, last = 0;
        for (int i = 0; i < 20; i++) {
            long f = wire.tcpConn(Wire.T0 + i * 30 * S, V, 50000 + i, C2, 8443, 120, 64);
            if (i == 0) first = f;
            last = f;
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.phase()).isEqualTo(Phase.COMMAND_AND_CONTROL);
        assertThat(f.attacker()).isEqualTo(C2);
        assertThat(f.victim()).isEqualTo(V);
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.lastFrame()).isEqualTo(last);
        assertThat(f.evidence()).containsEntry("contacts", 20).containsEntry("period_s", 30.0).containsEntry("destination", C2 + ":8443")
                .containsEntry("jitter_pct", 0L).containsEntry("bytes_out", 2400L);
        assertThat((double) f.evidence().get("score")).isGreaterThan(0.95);
        assertThat(f.filter()).startsWith("frame.number in {");
        assertThat(f.streams()).hasSize(20);
    }

    @Test
    void thirtyPercentJitterIsStillABeacon() {
        Random r = new Random(7);
        long t = Wire.T0;
        for (int i = 0; i < 30; i++) {
            wire.tcpConn(t, V, 50000 + i, C2, 443, 200 + r.nextInt(40), 90);
            t += (long) ((60 * (0.7 + 0.6 * r.nextDouble())) * S);
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat((long) fs.get(0).evidence().get("jitter_pct")).isBetween(20L, 32L);
        assertThat((double) fs.get(0).evidence().get("period_s")).isBetween(50.0, 70.0);
    }

    @Test
    void irregularBrowsingIsNot() {
        Random r = new Random(11);
        long t = Wire.T0;
        for (int i = 0; i < 40; i++) {
            wire.tcpConn(t, V, 50000 + i, C2, 443, 300 + r.nextInt(5000), 2000 + r.nextInt(90000));
            t += (long) (-Math.log(1 - r.nextDouble()) * 40 * S) + S;
        }
        assertThat(beacons()).isEmpty();
    }

    @Test
    void fewerContactsThanTheMinimumAreNot() {
        for (int i = 0; i < 5; i++) wire.tcpConn(Wire.T0 + i * 30 * S, V, 50000 + i, C2, 8443, 120, 64);
        assertThat(beacons()).isEmpty();
    }

    @Test
    void retriesWithinASecondAreOneContact() {
        for (int i = 0; i < 5; i++) {
            wire.tcpConn(Wire.T0 + i * 30 * S, V, 50000 + i, C2, 8443, 120, 64);
            wire.tcpConn(Wire.T0 + i * 30 * S + S / 5, V, 51000 + i, C2, 8443, 120, 64);
        }
        assertThat(beacons()).as("10 connections, 5 contacts").isEmpty();
    }

    @Test
    void failedConnectionsAreNotContacts() {
        for (int i = 0; i < 20; i++) wire.synOnly(Wire.T0 + i * 30 * S, V, 50000 + i, C2, 8443);
        assertThat(beacons()).isEmpty();
    }

    @Test
    void monitoringPollsBetweenInternalHostsStayLow() {
        for (int i = 0; i < 30; i++) wire.tcpConn(Wire.T0 + i * 10 * S, "10.1.1.5", 50000 + i, "10.1.1.20", 9100, 90, 4000);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
        assertThat((List<Object>) fs.get(0).evidence().get("signals")).contains("internal destination");
    }

    @Test
    void aDestinationManyClientsUseStaysLow() {
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 12; i++) wire.tcpConn(Wire.T0 + (i * 60 + c * 7) * S, "10.1.1." + (10 + c), 50000 + i, C2, 443, 300, 900);
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(4).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void ipv6Beacon() {
        String v = "2001:db8:1::66", c2 = "2001:db8:ffff::5";
        for (int i = 0; i < 12; i++) wire.tcpConn(Wire.T0 + i * 20 * S, v, 50000 + i, c2, 8080, 100, 100);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).victim()).isEqualTo(v);
        assertThat(fs.get(0).attacker()).isEqualTo(c2);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aNameRotatingAddressesIsOneBeacon() {
        for (int i = 0; i < 12; i++) {
            String server = "198.51.100." + (10 + i % 4);
            long syn = wire.tcpConn(Wire.T0 + i * 45 * S, V, 50000 + i, server, 443, 517, 3000);
            int stream = i;
            detector.onEvent(C2Ev.clientHello(C2Ev.tcp(stream, V, server, 443), syn + 3, Wire.T0 + i * 45 * S + 3_000_000, "cdn.evil-updates.example"));
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.evidence()).containsEntry("destination", "cdn.evil-updates.example").containsEntry("destination_kind", "tls_sni")
                .containsEntry("contacts", 12);
        assertThat((List<?>) f.evidence().get("server_addresses")).hasSize(4);
        assertThat(f.techniques()).contains("T1573");
    }

    @Test
    void httpBeaconOnAKeptAliveConnectionThatCarriesOrdersIsAnEstablishedChannel() {
        ConnInfo c = C2Ev.tcp(3, V, C2, 80);
        String ua = "python-requests/2.31.0";
        for (int i = 0; i < 15; i++) {
            long t = Wire.T0 + i * 15 * S;
            String answer = i == 6 ? "cmd:whoami" : "";
            detector.onEvent(C2Ev.tx(c, 100 + i * 4, t, "GET", C2, "/api/poll?id=7", ua, null, answer));
            if (i == 7) detector.onEvent(C2Ev.tx(c, 102 + i * 4, t + S / 2 + 2 * S, "POST", C2, "/api/result", ua, "www-data", ""));
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).contains("T1071.001");
        assertThat(f.evidence()).containsEntry("destination_kind", "http_host").containsEntry("client_kind", "scripted");
        assertThat((List<Object>) f.evidence().get("uris")).contains("/api/poll?id=7", "/api/result");
        assertThat(f.evidence().get("orders").toString()).contains("cmd:whoami");
        assertThat(f.evidence().get("results").toString()).contains("www-data");
    }

    @Test
    void browserPollingStaysLow() {
        ConnInfo c = C2Ev.tcp(3, V, C2, 80);
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        for (int i = 0; i < 15; i++) detector.onEvent(C2Ev.tx(c, 100 + i * 4, Wire.T0 + i * 30 * S, "GET", "news.example", "/live", ua, null, "{}"));
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aScriptWithABrowsersUserAgentButNotItsHeadersIsNoBrowser() {
        ConnInfo c = C2Ev.tcp(3, V, C2, 80);
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";
        for (int i = 0; i < 15; i++) detector.onEvent(C2Ev.dressedTx(c, 100 + i * 4, Wire.T0 + i * 30 * S, "news.example", "/live", ua, "{}"));
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).evidence()).containsEntry("client_kind", "scripted");
        assertThat((List<String>) fs.get(0).evidence().get("signals")).anySatisfy(s -> assertThat(s).contains("not a browser's headers"));
    }

    @Test
    void aUdpBeaconThatKeepsOneSocketIsABeaconOfItsExchanges() {
        // one flow for the whole capture: before exchanges were counted, this was one contact and no beacon
        Random r = new Random(5);
        long first = 0;
        for (int i = 0; i < 20; i++) {
            long f = wire.udpPair(Wire.T0 + i * 30 * S, V, 40000, C2, 5353 + 1, new byte[80 + r.nextInt(300)], new byte[40 + r.nextInt(500)]);
            if (i == 0) first = f;
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.attacker()).isEqualTo(C2);
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.streams()).hasSize(1);
        assertThat(f.evidence()).containsEntry("transport", "udp").containsEntry("contacts", 20).containsEntry("period_s", 30.0);
        assertThat((List<Object>) f.evidence().get("signals")).contains("all contacts inside one UDP flow")
                .doesNotContain("small datagrams of constant size (a keep-alive's shape)");
        assertThat(f.summary()).contains("20 exchanges in one UDP flow with " + C2 + ":5354");
    }

    @Test
    void anImplantThatKeepsOneTcpConnectionIsABeaconOfItsExchanges() {
        Random r = new Random(3);
        long[] t = new long[20];
        for (int i = 0; i < t.length; i++) t[i] = Wire.T0 + (long) ((i * 30 + 6 * r.nextDouble()) * S);
        long[] frames = wire.tcpSession(t, V, 50123, C2, 8443, 180, 420);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.streams()).hasSize(1);
        assertThat(f.evidence()).containsEntry("contacts", 20).containsEntry("bytes_out", 3600L).containsEntry("bytes_in", 8400L);
        assertThat(f.firstFrame()).isLessThan(frames[0]);
        assertThat(f.lastFrame()).isEqualTo(frames[19]);
        assertThat((List<String>) f.evidence().get("signals")).contains("all contacts inside one TCP connection");
        assertThat(f.summary()).contains("20 exchanges in one TCP connection with " + C2 + ":8443");
    }

    @Test
    void keepAlivePingsInsideOneTcpConnectionStayLow() {
        long[] t = new long[20];
        for (int i = 0; i < t.length; i++) t[i] = Wire.T0 + i * 30 * S;
        wire.tcpSession(t, V, 50124, C2, 443, 31, 31);
        List<Finding> fs = beacons();
        assertThat(fs).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void aJitteredBeaconWhoseIntervalsSkewByChanceIsStillABeacon() {
        // 19 intervals kept within ±31% of the period but lopsided: the quartiles say "skewed", the spread says "kept"
        double[] gaps = {5.3, 8.6, 5.3, 5.3, 7.0, 8.6, 5.3, 8.6, 5.3, 8.6, 5.3, 5.3, 8.6, 7.0, 5.3, 8.6, 5.3, 8.6, 5.3};
        long t = Wire.T0;
        for (int i = 0; i <= gaps.length; i++) {
            wire.udpPair(t, V, 40001, C2, 9999, new byte[64], new byte[48]);
            if (i < gaps.length) t += (long) (gaps[i] * S);
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat((double) f.evidence().get("interval_skew_score")).isLessThan(0.1);
        assertThat((double) f.evidence().get("interval_bounded_score")).isGreaterThan(0.8);
        assertThat(f.evidence()).containsEntry("contacts", 20);
    }

    @Test
    void intervalsThatWanderBeyondTheBoundGetNoHelpFromIt() {
        // half the gaps at the period, half at three times it: no period kept, so the quartiles alone score them
        BeaconSeries wandering = new BeaconSeries(V, BeaconSeries.Kind.ADDRESS, C2, "udp");
        BeaconSeries kept = new BeaconSeries(V, BeaconSeries.Kind.ADDRESS, C2, "udp");
        long t = Wire.T0, u = Wire.T0;
        for (int i = 0; i < 20; i++) {
            wandering.contacts.add(t, i + 1, 1, 64, 48);
            kept.contacts.add(u, i + 1, 1, 64, 48);
            t += (i % 2 == 0 ? 10 : 30) * S;
            u += (i % 2 == 0 ? 17 : 23) * S;
        }
        BeaconScore.Scored w = BeaconScore.score(wandering, BeaconConfig.DEFAULTS, Wire.T0, t);
        BeaconScore.Scored k = BeaconScore.score(kept, BeaconConfig.DEFAULTS, Wire.T0, u);
        assertThat(w.intervalBounded()).isZero();
        assertThat(w.jitter()).isGreaterThan(BeaconScore.BOUNDED_JITTER);
        assertThat(k.intervalBounded()).as("±15%% around 20 s is a kept period").isGreaterThan(0.9);
    }

    static Contacts contacts(long[] out, long[] in) {
        Contacts c = new Contacts();
        for (int i = 0; i < out.length; i++) c.add(Wire.T0 + i * 5 * S, 100 + i, 4, out[i], in[i]);
        return c;
    }

    @Test
    void anOrderAndItsResultAreToldByTheirSizesWhenTheAnswersHaveAUsualSize() {
        long[] out = {253, 240, 260, 251, 249, 255, 1376, 250, 245, 258};
        long[] in = {46, 46, 46, 46, 46, 80, 46, 46, 46, 46};
        List<Map<String, Object>> pairs = BeaconFindings.ordersBySize(contacts(out, in), out.length);
        assertThat(pairs).singleElement().satisfies(p -> assertThat(p).containsEntry("order_frame", 105L).containsEntry("order_bytes", 80L)
                .containsEntry("idle_bytes", 46L).containsEntry("result_frame", 106L).containsEntry("result_bytes", 1376L));
    }

    @Test
    void noOrdersBySizeWithoutAUsualAnswerOrWithoutALargerRequestSoonAfter() {
        long[] out = {253, 240, 260, 251, 249, 255, 250, 250, 245, 1376};
        long[] in = {46, 46, 46, 46, 46, 80, 46, 46, 46, 46};
        assertThat(BeaconFindings.ordersBySize(contacts(out, in), out.length)).as("the large request comes too late").isEmpty();
        long[] varied = {46, 90, 120, 46, 300, 80, 77, 46, 500, 46};
        long[] out2 = {253, 240, 260, 251, 249, 255, 1376, 250, 245, 258};
        assertThat(BeaconFindings.ordersBySize(contacts(out2, varied), out2.length)).as("answers of every size: no idle one").isEmpty();
    }

    @Test
    void aSecondChannelToTheServerOfASuspiciousBeaconJoinsIt() {
        // a TCP beacon to an external C2 (medium) and a keep-alive-shaped UDP socket to the same host (low alone)
        for (int i = 0; i < 12; i++) wire.tcpConn(Wire.T0 + i * 30 * S, V, 50000 + i, C2, 8443, 300, 900);
        for (int i = 0; i < 15; i++) wire.udpPair(Wire.T0 + i * 20 * S + 7 * S, V, 40000, C2, 9999, new byte[20], new byte[20]);
        // and one to an unrelated host stays as it is
        for (int i = 0; i < 15; i++) wire.udpPair(Wire.T0 + i * 20 * S + 3 * S, V, 40001, "198.51.100.7", 9999, new byte[20], new byte[20]);
        List<Finding> all = C2Correlation.apply(beacons());
        Finding udp = all.stream().filter(f -> f.evidence().get("destination").equals(C2 + ":9999")).findFirst().orElseThrow();
        Finding other = all.stream().filter(f -> f.evidence().get("destination").equals("198.51.100.7:9999")).findFirst().orElseThrow();
        Finding tcp = all.stream().filter(f -> f.evidence().get("destination").equals(C2 + ":8443")).findFirst().orElseThrow();
        assertThat(tcp.severity()).as("a beacon alone stays suspicious").isEqualTo(Severity.MEDIUM);
        assertThat(udp.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(udp.attacker()).isEqualTo(C2);
        assertThat(udp.summary()).contains("its server is the one of another command channel");
        assertThat(other.severity()).isEqualTo(Severity.LOW);
        assertThat(other.attacker()).isNull();
    }

    @Test
    void aKeepAliveInsideOneUdpFlowStaysLow() {
        for (int i = 0; i < 30; i++) wire.udpPair(Wire.T0 + i * 25 * S, V, 40000, C2, 51820, new byte[32], new byte[32]);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
        assertThat(fs.get(0).attacker()).isNull();
        assertThat((List<Object>) fs.get(0).evidence().get("signals")).contains("small datagrams of constant size (a keep-alive's shape)");
    }

    @Test
    void ntpPollsStayLowWhetherOrNotTheyKeepTheirSocket() {
        for (int i = 0; i < 16; i++) wire.udpPair(Wire.T0 + i * 64 * S, V, 40000 + i, "198.51.100.123", 123, new byte[48], new byte[48]);
        for (int i = 0; i < 16; i++) wire.udpPair(Wire.T0 + i * 64 * S + 5 * S, "10.1.1.67", 123, "198.51.100.124", 123, new byte[48], new byte[48]);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat((List<Object>) f.evidence().get("signals")).contains("NTP-sized exchanges with port 123 (a time client's polls)");
        });
    }

    @Test
    void datagramsLessThanASecondApartAreOneExchange() {
        // a chatty flow without pauses (a media stream) is one contact, not a beacon
        for (int i = 0; i < 400; i++) wire.udpPair(Wire.T0 + i * (S / 4), V, 40000, C2, 9000, new byte[160], new byte[160]);
        assertThat(beacons()).isEmpty();
    }
}
