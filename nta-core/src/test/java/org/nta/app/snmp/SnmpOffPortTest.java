package org.nta.app.snmp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.app.auth.AuthCaptures;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.SnmpMessage;
import org.nta.testing.Bytes2;
import org.nta.testing.CaptureFiles;
import org.nta.testing.Packets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SNMP is recognised by content on any UDP port, and BER that is not SNMP (CLDAP, DNS) is not taken for it. */
class SnmpOffPortTest {
    /** get-request, community "private", request-id 7, one varbind 1.3.6.1.2.1.1.1.0 = NULL. */
    static final byte[] GET = Bytes2.hex("30 27 02 01 01 04 07 70 72 69 76 61 74 65 a0 19 02 01 07 02 01 00 02 01 00"
            + " 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");
    /** The get-response: the same, tag a2. */
    static final byte[] RESPONSE = Bytes2.hex("30 27 02 01 01 04 07 70 72 69 76 61 74 65 a2 19 02 01 07 02 01 00 02 01 00"
            + " 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");
    /** A CLDAP searchRequest whose messageID is 1: it starts like SNMP v2c (30 .. 02 01 01) but is not. */
    static final byte[] CLDAP = Bytes2.hex("30 25 02 01 01 63 20 04 00 0a 01 00 0a 01 00 02 01 00 02 01 00 01 01 00"
            + " 87 0b 6f 62 6a 65 63 74 63 6c 61 73 73 30 00");

    @TempDir
    Path tmp;

    private List<Event> run(int agentPort, byte[] request, byte[] answer) throws Exception {
        List<CaptureFiles.Rec> recs = List.of(
                new CaptureFiles.Rec(1_000_000_000L, Packets.eth(0x0800, Packets.ipv4("10.0.0.1", "10.0.0.2", 17,
                        Packets.udp(40000, agentPort, request)))),
                new CaptureFiles.Rec(1_001_000_000L, Packets.eth(0x0800, Packets.ipv4("10.0.0.2", "10.0.0.1", 17,
                        Packets.udp(agentPort, 40000, answer)))));
        Path f = tmp.resolve("snmp-" + agentPort + ".pcap");
        Files.write(f, CaptureFiles.pcap(false, false, 1, recs));
        return AuthCaptures.events(f);
    }

    @Test
    void snmpOnAnotherPortIsReadAndItsCommunityPaired() throws Exception {
        List<Event> ev = run(1161, GET, RESPONSE);
        assertThat(AuthCaptures.of(ev, SnmpMessage.class)).extracting(SnmpMessage::pduType, SnmpMessage::community, SnmpMessage::frame)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "private", 1L), org.assertj.core.groups.Tuple.tuple(2, "private", 2L));
        List<Credential> creds = AuthCaptures.of(ev, Credential.class);
        assertThat(creds).hasSize(1);
        assertThat(creds.get(0).secret()).isEqualTo("private");
        assertThat(creds.get(0).result()).isEqualTo(Credential.Result.ACCEPTED);
        assertThat(creds.get(0).server()).isEqualTo("10.0.0.2");
    }

    @Test
    void cldapAndDnsPortsAreNotTakenForSnmp() throws Exception {
        assertThat(AuthCaptures.of(run(389, CLDAP, CLDAP), SnmpMessage.class)).isEmpty();
        assertThat(AuthCaptures.of(run(1161, CLDAP, CLDAP), SnmpMessage.class)).isEmpty();
        assertThat(AuthCaptures.of(run(53, GET, RESPONSE), SnmpMessage.class)).isEmpty();
    }

    @Test
    void offPortRecognitionNeedsTheWholeMessage() {
        assertThat(SnmpDecoder.decodesAsV1OrV2c(GET, 0, GET.length, SnmpConfig.DEFAULTS)).isTrue();
        for (int cut = 0; cut < GET.length; cut++) {
            assertThat(SnmpDecoder.decodesAsV1OrV2c(GET, 0, cut, SnmpConfig.DEFAULTS)).as("cut at %d", cut).isFalse();
        }
        assertThat(SnmpDecoder.decodesAsV1OrV2c(CLDAP, 0, CLDAP.length, SnmpConfig.DEFAULTS)).isFalse();
    }
}
