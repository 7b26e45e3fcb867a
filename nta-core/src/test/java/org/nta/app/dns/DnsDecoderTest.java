package org.nta.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.Fixtures;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

class DnsDecoderTest {
    private static final Map<String, byte[]> MESSAGES = Fixtures.hexFile("/dns/messages.txt");
    static final ConnInfo CONN = new ConnInfo("udp", 3, 4, "10.251.96.9", 51234, "10.251.96.2", 53);

    private final AnomalyCounter anomalies = new AnomalyCounter();
    private final DnsDecoder decoder = new DnsDecoder(DnsConfig.DEFAULTS, anomalies);

    private DnsMessage decode(byte[] b) {
        return decoder.decode(b, 0, b.length, CONN, 10, 1_000L).orElseThrow();
    }

    @Test
    void labResponseWithThreeAddresses() {
        // webshell-lab.pcap.gz frame 10: files.corp.lan -> 10.251.96.41, .40, .42 and an EDNS OPT record
        DnsMessage m = decode(MESSAGES.get("webshell-10"));
        assertThat(m.frame()).isEqualTo(10);
        assertThat(m.timeNs()).isEqualTo(1_000L);
        assertThat(m.conn()).isEqualTo(CONN);
        assertThat(m.transport()).isEqualTo("udp");
        assertThat(m.response()).isTrue();
        assertThat(m.id()).isEqualTo(0x7445);
        assertThat(m.flags()).isEqualTo(0x8580);
        assertThat(m.aa()).isTrue();
        assertThat(m.rd()).isTrue();
        assertThat(m.ra()).isTrue();
        assertThat(m.tc()).isFalse();
        assertThat(m.opcode()).isZero();
        assertThat(m.rcode()).isZero();
        assertThat(m.questions()).containsExactly(new DnsMessage.Question("files.corp.lan", 1, 1));
        assertThat(m.answers()).extracting(DnsMessage.Record::data)
                .containsExactly("10.251.96.41", "10.251.96.40", "10.251.96.42");
        assertThat(m.answers()).allSatisfy(r -> {
            assertThat(r.name()).isEqualTo("files.corp.lan");
            assertThat(r.ttl()).isZero();
        });
        assertThat(m.additional()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(DnsTypes.OPT);
            assertThat(r.name()).isEqualTo("<Root>");
        });
        assertThat(m.malformed()).isFalse();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void queryHasNoAnswers() {
        DnsMessage m = decode(MESSAGES.get("webshell-7"));
        assertThat(m.response()).isFalse();
        assertThat(m.qname()).isEqualTo("portal.corp.lan");
        assertThat(m.qtype()).isEqualTo(1);
        assertThat(m.answers()).isEmpty();
    }

    @Test
    void nsAaaaAndGlueInAllSections() {
        // tcpdump dns_udp.pcap frame 2
        DnsMessage m = decode(MESSAGES.get("dns_udp-2"));
        assertThat(m.answers()).extracting(DnsMessage.Record::data).containsExactly("192.139.46.66", "198.199.88.104");
        assertThat(m.authority()).extracting(DnsMessage.Record::data)
                .containsExactly("sns.cooperix.net", "nic.sandelman.ca");
        assertThat(m.additional()).extracting(DnsMessage.Record::data).contains("2607:f0b0:f::babe:f00d",
                "2600:3c03::f03c:91ff:fe96:e8ef");
    }

    @Test
    void messageCutBySnapshotLengthKeepsWhatWasRead() {
        // tcpdump dns_udp_2.pcap frame 2: the same response cut after its first answer
        DnsMessage m = decode(MESSAGES.get("dns_udp_2-2"));
        assertThat(m.malformed()).isTrue();
        assertThat(m.answers()).extracting(DnsMessage.Record::data).containsExactly("192.139.46.66");
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(1);
        assertThat(anomalies.firstFrame(Anomaly.DNS_MALFORMED)).isEqualTo(10);
    }

    @Test
    void mxSrvTxtAndCnameData() {
        DnsMessage m = decode(MESSAGES.get("synthetic-mx_txt_srv_cname"));
        assertThat(m.answers()).extracting(DnsMessage.Record::type).containsExactly(15, 15, 16, 16, 33, 5);
        assertThat(m.answers().get(0).data()).isEqualTo("mail.example.com");
        assertThat(m.answers().get(0).details()).isEqualTo("preference=10");
        // the second MX target is "mail" + a pointer to example.com
        assertThat(m.answers().get(1).data()).isEqualTo("mail.example.com");
        assertThat(m.answers().get(1).details()).isEqualTo("preference=20");
        assertThat(m.answers().get(2).data()).isEqualTo("v=spf1 -all,hello");
        // a tab is escaped, a high octet becomes U+FFFD (ENC_ASCII), an empty string stays empty
        assertThat(m.answers().get(3).data()).isEqualTo("tab\\there\ufffd,");
        // each character-string on its own, as Wireshark's dns.txt lists them (the data joins them with ",")
        assertThat(m.answers().get(2).details()).isEqualTo("lengths=11,5");
        assertThat(m.answers().get(2).strings()).containsExactly("v=spf1 -all", "hello");
        assertThat(m.answers().get(3).strings()).containsExactly("tab\\there\ufffd", "");
        DnsMessage.Record comma = new DnsMessage.Record("x", 16, 1, 0, "a,b,", "lengths=3,0");
        assertThat(comma.strings()).as("a comma inside a string keeps it whole").containsExactly("a,b", "");
        assertThat(m.answers().get(4).name()).isEqualTo("_sip._tcp.example.com");
        assertThat(m.answers().get(4).data()).isEqualTo("sipserver.example.com");
        assertThat(m.answers().get(4).details()).isEqualTo("priority=0 weight=5 port=5060");
        assertThat(m.answers().get(5).data()).isEqualTo("example.com");
        assertThat(m.malformed()).isFalse();
    }

    @Test
    void httpsCaaAaaaAndSoa() {
        DnsMessage m = decode(MESSAGES.get("synthetic-https_caa_aaaa_soa"));
        assertThat(m.answers().get(0).data()).isEqualTo("1 <Root> alpn=h3,h2 ipv4hint=104.16.132.229,104.16.133.229"
                + " ipv6hint=2606:4700::6810:84e5,2606:4700::6810:85e5");
        assertThat(m.answers().get(1).data()).isEqualTo("letsencrypt.org");
        assertThat(m.answers().get(1).details()).isEqualTo("flags=0 tag=issue");
        assertThat(m.answers().get(2).data()).isEqualTo("2001:db8::1");
        assertThat(m.authority().get(0).data()).isEqualTo("ns1.cloudflare.com");
        assertThat(m.authority().get(0).details()).isEqualTo(
                "rname=dns.cloudflare.com serial=2024010101 refresh=10000 retry=2400 expire=604800 minimum=1800");
    }

    @Test
    void ednsOptionsAndExtendedRcode() {
        DnsMessage nx = decode(MESSAGES.get("synthetic-nxdomain_soa_opt"));
        assertThat(nx.rcode()).isEqualTo(3);
        assertThat(DnsTypes.rcodeName(nx.extendedRcode())).isEqualTo("NXDOMAIN");
        DnsMessage.Record opt = nx.additional().get(0);
        assertThat(opt.dnsClass()).isEqualTo(1232);
        assertThat(opt.data()).isEqualTo("udp_payload_size=1232 ext_rcode=0 version=0 do=1");
        assertThat(opt.details()).isEqualTo("COOKIE=0001020304050607 PADDING=4 bytes");
        // tcpdump dns-badvers.pcap frame 2 and dns-badcookie.pcap frame 2: the upper rcode bits are in the OPT TTL
        assertThat(DnsTypes.rcodeName(decode(MESSAGES.get("dns-badvers-2")).extendedRcode())).isEqualTo("BADVERS");
        DnsMessage cookie = decode(MESSAGES.get("dns-badcookie-2"));
        assertThat(cookie.rcode()).isEqualTo(7);
        assertThat(DnsTypes.rcodeName(cookie.extendedRcode())).isEqualTo("BADCOOKIE");
    }

    @Test
    void typesWithoutADecoderAreHex() {
        // tcpdump dns-uri.pcap frame 2: URI record, priority 10, weight 5, target "http://www.dns.test:8000"
        DnsMessage m = decode(MESSAGES.get("dns-uri-2"));
        DnsMessage.Record uri = m.answers().get(0);
        assertThat(DnsTypes.typeName(uri.type())).isEqualTo("URI");
        assertThat(uri.data()).isEqualTo("000a0005" + Fixtures.hexOf("http://www.dns.test:8000"));
        assertThat(DnsTypes.typeName(4242)).isEqualTo("Unknown (4242)");
    }

    @Test
    void rdataThatDoesNotFitItsTypeIsHexAndMalformed() {
        byte[] b = Msg.header(1, 0x8180, 0, 1, 0, 0).name("a").rr(DnsTypes.A, 1, 60, 3).u8(1).u8(2).u8(3).build();
        DnsMessage m = decode(b);
        assertThat(m.answers().get(0).data()).isEqualTo("010203");
        assertThat(m.malformed()).isTrue();
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(1);
    }

    @Test
    void emptyRdataIsEmptyData() {
        // a dynamic update "delete RRset": class ANY, no RDATA
        byte[] b = Msg.header(1, 0x2800, 0, 0, 1, 0).name("host.example.com").rr(DnsTypes.A, 255, 0, 0).build();
        DnsMessage m = decode(b);
        assertThat(m.opcode()).isEqualTo(5);
        assertThat(m.authority().get(0).data()).isEmpty();
        assertThat(m.malformed()).isFalse();
    }

    @Test
    void shorterThanAHeaderIsNoMessage() {
        assertThat(decoder.decode(new byte[11], 0, 11, CONN, 5, 0)).isEmpty();
        assertThat(anomalies.count(Anomaly.DNS_MALFORMED)).isEqualTo(1);
    }

    @Test
    void decodesAtAnOffset() {
        byte[] msg = MESSAGES.get("webshell-8");
        byte[] padded = Fixtures.concat(new byte[7], msg, new byte[5]);
        DnsMessage m = decoder.decode(padded, 7, msg.length, CONN, 10, 1_000L).orElseThrow();
        assertThat(m).isEqualTo(decode(msg));
    }

    @Test
    void namesWithOddOctetsAreShownAsWiresharkDoes() {
        byte[] b = Msg.header(1, 0x0100, 1, 0, 0, 0).label("a.b").label("x\ny").label("caf\u00c3\u00a9")
                .label("\u00ff").u8(0).question(1, 1).build();
        assertThat(decode(b).qname()).isEqualTo("a.b.x\\ny.café.\ufffd");
    }
}
