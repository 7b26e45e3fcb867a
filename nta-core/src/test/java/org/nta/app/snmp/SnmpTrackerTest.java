package org.nta.app.snmp;

import org.junit.jupiter.api.Test;
import org.nta.app.asn1.BerException;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.SnmpMessage;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SnmpTrackerTest {
    static final ConnInfo CONN = new ConnInfo("udp", 3, 4, "10.0.0.9", 40000, "10.0.0.1", 161);
    final List<Event> events = new ArrayList<>();
    final AnomalyCounter anomalies = new AnomalyCounter();

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** v2c get-request, request-id 42, community "public", sysDescr.0. */
    static final byte[] GET = hex("30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 2a 02 01 00 02 01 00"
            + " 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");

    static byte[] response(int requestId, int errorStatus) {
        byte[] r = GET.clone();
        r[13] = (byte) 0xa2;
        r[17] = (byte) requestId;
        r[20] = (byte) errorStatus;
        return r;
    }

    static byte[] request(int requestId) {
        byte[] r = GET.clone();
        r[17] = (byte) requestId;
        return r;
    }

    SnmpTracker tracker(SnmpConfig cfg) {
        return new SnmpTracker(cfg, anomalies, events::add);
    }

    <T> List<T> of(Class<T> c) {
        return events.stream().filter(c::isInstance).map(c::cast).toList();
    }

    @Test
    void decodesAGetRequest() throws BerException {
        assertThat(SnmpDecoder.looksLikeSnmp(GET, 0, GET.length)).isTrue();
        SnmpDecoder.Decoded d = SnmpDecoder.decode(GET, 0, GET.length, SnmpConfig.DEFAULTS);
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.community()).isEqualTo("public");
        assertThat(d.pduType()).isZero();
        assertThat(d.requestId()).isEqualTo(42);
        assertThat(d.oids()).containsExactly("1.3.6.1.2.1.1.1.0");
    }

    @Test
    void pairsByRequestIdAndReportsTheUnanswered() {
        SnmpTracker t = tracker(SnmpConfig.DEFAULTS);
        t.onDatagram(CONN, true, request(1), 0, GET.length, 1, 1_000);
        t.onDatagram(CONN, true, request(1), 0, GET.length, 2, 2_000); // a retry: the same attempt
        t.onDatagram(CONN, true, request(2), 0, GET.length, 3, 3_000);
        t.onDatagram(CONN, false, response(2, 16), 0, GET.length, 4, 4_000); // authorizationError
        t.onDatagram(CONN, false, response(1, 0), 0, GET.length, 5, 5_000);
        t.onDatagram(CONN, true, request(3), 0, GET.length, 6, 6_000);
        t.finish();
        assertThat(of(SnmpMessage.class)).hasSize(6);
        List<Credential> creds = of(Credential.class);
        assertThat(creds).extracting(Credential::secretFrame, Credential::frame, Credential::result).containsExactly(
                org.assertj.core.api.Assertions.tuple(3L, 4L, Credential.Result.REJECTED),
                org.assertj.core.api.Assertions.tuple(1L, 5L, Credential.Result.ACCEPTED),
                org.assertj.core.api.Assertions.tuple(6L, 6L, Credential.Result.UNKNOWN));
        assertThat(creds.get(0).detail()).isEqualTo("v2c get-request 1.3.6.1.2.1.1.1.0 -> get-response authorizationError");
    }

    @Test
    void pendingTableIsBoundedAndOldRequestsExpire() {
        SnmpTracker t = tracker(new SnmpConfig(64, 4, 12, 10_000));
        for (int i = 1; i <= 6; i++) t.onDatagram(CONN, true, request(i), 0, GET.length, i, i);
        assertThat(of(Credential.class)).hasSize(2); // two pushed out, reported unanswered
        assertThat(anomalies.count(Anomaly.SNMP_PENDING_LIMIT)).isEqualTo(2);
        t.onDatagram(CONN, true, request(7), 0, GET.length, 7, 1_000_000); // long after: the rest expire
        assertThat(of(Credential.class)).hasSize(6);
        assertThat(t.pendingCount()).isEqualTo(1);
    }

    @Test
    void truncationsAndMutationsAreCounted() {
        SnmpTracker t = tracker(SnmpConfig.DEFAULTS);
        for (int len = 0; len < GET.length; len++) assertThat(t.onDatagram(CONN, true, GET, 0, len, 1, 1)).isFalse();
        Random rnd = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = GET.clone();
            for (int k = 0; k < 1 + rnd.nextInt(3); k++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            t.onDatagram(CONN, rnd.nextBoolean(), m, 0, m.length, i, i);
        }
        t.finish();
        assertThat(anomalies.count(Anomaly.SNMP_MALFORMED)).isPositive();
    }

    @Test
    void varbindNamesAreBounded() {
        SnmpTracker t = tracker(new SnmpConfig(1, 16, 12, 1_000_000));
        byte[] two = hex("30 34 02 01 01 04 06 70 75 62 6c 69 63 a0 27 02 01 2a 02 01 00 02 01 00"
                + " 30 1c 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00");
        assertThat(t.onDatagram(CONN, true, two, 0, two.length, 1, 1)).isTrue();
        assertThat(of(SnmpMessage.class).get(0).oids()).containsExactly("1.3.6.1.2.1.1.1.0");
        assertThat(anomalies.count(Anomaly.SNMP_VARBIND_LIMIT)).isEqualTo(1);
    }
}
