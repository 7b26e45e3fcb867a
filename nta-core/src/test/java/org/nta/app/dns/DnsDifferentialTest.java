package org.nta.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nta.app.Fixtures;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

/**
 * Decoded messages against what tshark 4.0.17 printed for the same bytes (recorded in dns/tshark-fields.txt with
 * {@code tshark -r FILE -Y frame.number==N -T fields -e dns.qry.name -e dns.a ...}, repeated values joined with ","
 * as tshark joins them). The messages come from tcpdump's test captures, the lab capture and synthetic messages
 * covering MX, TXT, SRV, PTR, CNAME, HTTPS, CAA, SOA and EDNS options.
 */
class DnsDifferentialTest {
    private static final Map<String, byte[]> MESSAGES = Fixtures.hexFile("/dns/messages.txt");

    static Stream<Arguments> recorded() {
        List<Arguments> cases = new ArrayList<>();
        String text = new String(Fixtures.resource("/dns/tshark-fields.txt"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                fields.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
            cases.add(Arguments.of(f[0], fields));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void fieldsMatchTshark(String key, Map<String, String> tshark) {
        byte[] b = MESSAGES.get(key);
        int off = key.startsWith("dns_tcp") ? 2 : 0;
        DnsMessage m = new DnsDecoder(DnsConfig.DEFAULTS, new AnomalyCounter())
                .decode(b, off, b.length - off, new ConnInfo("udp", 0, 4, "10.0.0.1", 1024, "10.0.0.2", 53), 1, 0)
                .orElseThrow();
        List<DnsMessage.Record> all = new ArrayList<>(m.answers());
        all.addAll(m.authority());
        all.addAll(m.additional());

        assertThat(join(m.questions().stream().map(DnsMessage.Question::name).toList()))
                .isEqualTo(tshark.get("dns.qry.name"));
        assertThat(join(m.questions().stream().map(q -> Integer.toString(q.type())).toList()))
                .isEqualTo(tshark.get("dns.qry.type"));
        // Wireshark shows an SRV owner as service/proto/name fields, not dns.resp.name
        assertThat(join(all.stream().filter(r -> r.type() != DnsTypes.SRV).map(DnsMessage.Record::name).toList()))
                .isEqualTo(tshark.get("dns.resp.name"));
        assertThat(join(all.stream().map(r -> Integer.toString(r.type())).toList()))
                .isEqualTo(tshark.get("dns.resp.type"));
        // the OPT pseudo-record has no TTL field in Wireshark
        assertThat(join(all.stream().filter(r -> r.type() != DnsTypes.OPT).map(r -> Long.toString(r.ttl())).toList()))
                .isEqualTo(tshark.get("dns.resp.ttl"));
        assertThat(data(all, DnsTypes.A)).isEqualTo(tshark.get("dns.a"));
        assertThat(data(all, DnsTypes.AAAA)).isEqualTo(tshark.get("dns.aaaa"));
        assertThat(data(all, DnsTypes.CNAME)).isEqualTo(tshark.get("dns.cname"));
        assertThat(data(all, DnsTypes.NS)).isEqualTo(tshark.get("dns.ns"));
        assertThat(data(all, DnsTypes.PTR)).isEqualTo(tshark.get("dns.ptr.domain_name"));
        assertThat(data(all, DnsTypes.MX)).isEqualTo(tshark.get("dns.mx.mail_exchange"));
        assertThat(data(all, DnsTypes.TXT)).isEqualTo(tshark.get("dns.txt"));
        assertThat(data(all, DnsTypes.SOA)).isEqualTo(tshark.get("dns.soa.mname"));
        assertThat(data(all, DnsTypes.SRV)).isEqualTo(tshark.get("dns.srv.target"));
        if (m.response()) assertThat(Integer.toString(m.rcode())).isEqualTo(tshark.get("dns.flags.rcode"));
    }

    private static String data(List<DnsMessage.Record> all, int type) {
        return join(all.stream().filter(r -> r.type() == type && !r.data().isEmpty()).map(DnsMessage.Record::data)
                .toList());
    }

    private static String join(List<String> values) {
        return String.join(",", values);
    }
}
