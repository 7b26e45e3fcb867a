package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

/**
 * Beacons over DNS: an implant that polls its controller by asking names through the site's resolver, at the edges
 * (jitter, too few polls, retries, IPv6) and against what looks alike (health checks, lookups before connections,
 * private domains, a resolver's own relays, multicast names).
 */
@SuppressWarnings("unchecked")
class DnsBeaconTest {
    static final long S = 1_000_000_000L;
    static final String V = "10.1.1.10", R = "10.1.1.2", AUTH = "198.51.100.53", DOMAIN = "cdn-metrics-sync.com";
    static final String POLL = "a3f9c2e1." + DOMAIN;

    final BeaconDetector detector = new BeaconDetector(BeaconConfig.DEFAULTS);
    final Wire wire = new Wire(detector);
    int stream = 1000, id = 1;
    long frame = 1;

    List<Finding> beacons() {
        return wire.finish().stream().filter(f -> f.type() == FindingType.BEACON).toList();
    }

    /** One lookup from {@code client} to {@code server}: query and answer; returns the query's frame. */
    long lookup(long t, String client, String server, String name, int type, int rcode, List<DnsMessage.Record> answers) {
        ConnInfo c = C2Ev.udp(stream++, client, server, 53);
        long q = frame++;
        detector.onEvent(C2Ev.query(c, q, t, id, name, type));
        detector.onEvent(C2Ev.answer(c, frame++, t + 2_000_000, id++, name, type, rcode, answers));
        return q;
    }

    long a(long t, String client, String server, String name, String addr) {
        return lookup(t, client, server, name, 1, 0, List.of(C2Ev.rr(name, 1, addr)));
    }

    /** The implant: polls every {@code period} s with uniform ±{@code jitter}; task pending at poll {@code taskAt}. */
    List<Long> implant(String client, int polls, double period, double jitter, int taskAt, boolean relayed) {
        Random r = new Random(11);
        List<Long> frames = new ArrayList<>();
        long t = Wire.T0;
        for (int i = 0; i < polls; i++) {
            boolean task = i == taskAt;
            frames.add(a(t, client, R, POLL, task ? "0.0.0.1" : "0.0.0.0"));
            if (relayed) a(t + 1_000_000, R, AUTH, POLL, task ? "0.0.0.1" : "0.0.0.0");
            if (task) {
                String fetch = "t1.a3f9c2e1." + DOMAIN;
                lookup(t + 5_000_000, client, R, fetch, 16, 0, List.of(C2Ev.rr(fetch, 16, "aWQ7IGhvc3RuYW1lOyB1bmFtZSAtbQ==")));
                String out = HexFormat.of().formatHex("uid=0(root) gid=0(root) groups=0(root)\nws-finance-07\nx86_64\n".repeat(3).getBytes());
                for (int k = 0; k * 60 < out.length(); k++) {
                    String name = out.substring(k * 60, Math.min(out.length(), k * 60 + 60)) + ".1-" + k + ".r.a3f9c2e1." + DOMAIN;
                    a(t + (10 + k) * 1_000_000L, client, R, name, "0.0.0.0");
                }
            }
            t += (long) (period * (1 - jitter + 2 * jitter * r.nextDouble()) * S);
        }
        return frames;
    }

    @Test
    void anImplantPollingThroughTheResolverThatGetsAnOrderAndSendsResultsIsAnEstablishedChannel() {
        List<Long> polls = implant(V, 28, 5, 0.25, 8, true);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.phase()).isEqualTo(Phase.COMMAND_AND_CONTROL);
        assertThat(f.victim()).isEqualTo(V);
        assertThat(f.attacker()).as("the resolver's relay leg names the authority").isEqualTo(AUTH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).containsExactly("T1071.004");
        assertThat(f.firstFrame()).isEqualTo(polls.get(0));
        assertThat(f.lastFrame()).isEqualTo(polls.get(27));
        assertThat(f.evidence()).containsEntry("destination", DOMAIN).containsEntry("destination_kind", "dns_query")
                .containsEntry("contacts", 28).containsEntry("authoritative_server", AUTH).containsEntry("resolvers", List.of(R));
        assertThat((long) f.evidence().get("jitter_pct")).isBetween(15L, 30L);
        List<Map<String, Object>> orders = (List<Map<String, Object>>) f.evidence().get("orders");
        assertThat(orders).extracting(o -> (String) o.get("answer"))
                .anySatisfy(a -> assertThat(a).contains("A " + POLL).endsWith("A 0.0.0.1"))
                .anySatisfy(a -> assertThat(a).contains("aWQ7IGhvc3RuYW1lOyB1bmFtZSAtbQ=="));
        assertThat((int) f.evidence().get("data_names")).isGreaterThan(4);
        assertThat(f.evidence()).containsEntry("clients_of_destination", 1)
                .containsEntry("decoded_results", "uid=0(root) gid=0(root) groups=0(root)\\nws-finance-07\\nx86_64\\n".repeat(3));
        assertThat(orders).anySatisfy(o -> assertThat(o).containsEntry("decoded", "id; hostname; uname -m"));
        assertThat(f.filter()).startsWith("frame.number in {");
        assertThat(f.summary()).contains("DNS lookups under " + DOMAIN);
    }

    @Test
    void anIdlePollAnsweredWithAnAddressNoOneConnectsToIsSuspicious() {
        implant(V, 20, 30, 0.3, -1, false);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).attacker()).as("no relay leg seen: the domain").isEqualTo(DOMAIN);
        assertThat((List<String>) fs.get(0).evidence().get("signals")).anySatisfy(s -> assertThat(s).startsWith("answers with addresses no one connects to"));
    }

    @Test
    void fewerPollsThanTheMinimumAreNot() {
        implant(V, 5, 30, 0.1, -1, false);
        assertThat(beacons()).isEmpty();
    }

    @Test
    void retriesAndTheAaaaLookupOfTheSameSecondAreOnePoll() {
        long t = Wire.T0;
        for (int i = 0; i < 12; i++) {
            a(t, V, R, POLL, "0.0.0.0");
            lookup(t + 3_000_000, V, R, POLL, 28, 0, List.of(C2Ev.rr(POLL, 28, "::")));
            a(t + 400_000_000, V, R, POLL, "0.0.0.0");
            t += 20 * S;
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("contacts", 12).containsEntry("period_s", 20.0);
    }

    @Test
    void ipv6ImplantIsFoundToo() {
        String v6 = "2001:db8:1::10", r6 = "2001:db8:1::2";
        long t = Wire.T0;
        for (int i = 0; i < 15; i++) {
            lookup(t, v6, r6, POLL, 28, 0, List.of(C2Ev.rr(POLL, 28, "::")));
            t += 15 * S;
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).victim()).isEqualTo(v6);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aHealthCheckThatGetsTheSameAnswersEveryTimeStaysLow() {
        long t = Wire.T0;
        for (int i = 0; i < 28; i++) {
            a(t, V, R, "status.saas-vendor.com", "203.0.113.10");
            lookup(t + 10_000_000, V, R, "saas-vendor.com", 16, 0, List.of(C2Ev.rr("saas-vendor.com", 16, "v=spf1 include:_spf.saas-vendor.com ~all")));
            t += 5 * S;
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
        assertThat(fs.get(0).attacker()).isNull();
        assertThat((List<String>) fs.get(0).evidence().get("signals")).contains("the same answers each time (a health check's shape)");
    }

    @Test
    void lookupsFollowedByConnectionsAreNameResolutionNotADnsBeacon() {
        long t = Wire.T0;
        for (int i = 0; i < 20; i++) {
            a(t, V, R, "api.saas-vendor.com", "198.51.100.80");
            wire.tcpConn(t + 5_000_000, V, 50000 + i, "198.51.100.80", 443, 300, 900);
            t += 30 * S;
        }
        List<Finding> fs = beacons();
        assertThat(fs).isNotEmpty().noneMatch(f -> "dns_query".equals(f.evidence().get("destination_kind")));
    }

    @Test
    void aPrivateDomainStaysLowEvenWithOddAnswers() {
        long t = Wire.T0;
        for (int i = 0; i < 20; i++) {
            a(t, V, R, "wpad.corp.lan", "0.0.0.0");
            t += 30 * S;
        }
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
        assertThat((List<String>) fs.get(0).evidence().get("signals")).contains("private domain (no public suffix)");
    }

    @Test
    void theResolversRelaysAreNotABeaconOfTheResolver() {
        implant(V, 20, 30, 0.1, -1, true);
        List<Finding> fs = beacons();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).victim()).isEqualTo(V);
    }

    @Test
    void multicastAndReverseLookupsAreNotPolls() {
        long t = Wire.T0;
        for (int i = 0; i < 20; i++) {
            ConnInfo c = new ConnInfo("udp", stream++, 4, V, 5353, "224.0.0.251", 5353);
            detector.onEvent(C2Ev.answer(c, frame++, t, 0, "printer.example.com", 1, 0, List.of(C2Ev.rr("printer.example.com", 1, "0.0.0.0"))));
            a(t + S, V, R, "10.1.1.1.in-addr.arpa", "0.0.0.0");
            t += 30 * S;
        }
        assertThat(beacons()).isEmpty();
    }
}
