package org.nta.app.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.KerberosMessage;

/**
 * The Kerberos decoder on two messages of the lab recording (an AS-REQ with PA-ENC-TIMESTAMP, a KRB-ERROR
 * PREAUTH_REQUIRED with its padata list), split at every point over TCP, and on hostile input: ASN.1 lengths beyond
 * the message, nesting far beyond the limit, truncations and random mutations, which are counted and never thrown.
 */
class KerberosDecoderTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.3", 40000, "10.0.0.2", 88);
    /** Frame 3 of kerberos-lab: alice's AS-REQ with a (wrong) RC4 pre-auth timestamp. */
    static final byte[] AS_REQ = HexFormat.of().parseHex("6a81e13081dea103020105a20302010aa36430623048a103020102a241043f303da003020117a236043416efbd551d1b0fb34d143bee3623586a0b68d55344a15e92f6bcf995a659ae99a53a3697e9ec4d091c11c27fb8cb7b867d509746300aa10402020096a2020400300aa10402020095a2020400a46c306aa00703050000000010a1123010a003020101a10930071b05616c696365a20a1b084857494e2e4c4142a31d301ba003020102a11430121b066b72627467741b084857494e2e4c4142a511180f32303236313230383030343733335aa7060204719da4a3a8053003020117");
    /** Frame 2: KRB-ERROR PREAUTH_REQUIRED whose e-data lists the padata (ETYPE-INFO2 and ETYPE-INFO with etype 23). */
    static final byte[] ERROR = HexFormat.of().parseHex("7e82011830820114a003020105a10302011ea411180f32303236313230373030343733335aa505020301a402a603020119a70a1b084857494e2e4c4142a8123010a003020101a10930071b05616c696365a90a1b084857494e2e4c4142aa1d301ba003020102a11430121b066b72627467741b084857494e2e4c4142ab2b1b294e65656420746f207573652050412d454e432d54494d455354414d502f50412d504b2d41532d524551ac71046f306d3009a103020110a20204003009a10302010fa2020400300aa10402020093a20204003009a103020102a2020400300aa10402020088a2020400300aa1040202028fa20204003012a103020113a20b040930073005a0030201173012a10302010ba20b040930073005a003020117");

    static KerberosDecoder decoder(AnomalyCounter a) {
        return new KerberosDecoder(KerberosConfig.DEFAULTS, a);
    }

    @Test
    void decodesTheRecordedMessages() {
        KerberosMessage req = decoder(new AnomalyCounter()).decode(AS_REQ, 0, AS_REQ.length, CONN, 3, 3);
        assertThat(req.msgType()).isEqualTo(10);
        assertThat(req.client()).isEqualTo("alice");
        assertThat(req.spn()).isEqualTo("krbtgt/HWIN.LAB");
        assertThat(req.preauthEtype()).isEqualTo(23);
        assertThat(req.padataTypes()).containsExactly(2, 150, 149);
        assertThat(req.requestedEtypes()).containsExactly(23);
        assertThat(req.hashcatMode()).isEqualTo(7500);
        assertThat(req.hashcat()).isEqualTo("$krb5pa$23$alice$HWIN.LAB$HWIN.LABalice$"
                + "0b68d55344a15e92f6bcf995a659ae99a53a3697e9ec4d091c11c27fb8cb7b867d509746" + "16efbd551d1b0fb34d143bee3623586a");
        KerberosMessage err = decoder(new AnomalyCounter()).decode(ERROR, 0, ERROR.length, CONN, 2, 2);
        assertThat(err.errorCode()).isEqualTo(25);
        assertThat(err.etypes()).containsExactly(23, 23);
        assertThat(err.padataTypes()).containsExactly(16, 15, 147, 2, 136, 655, 19, 11);
    }

    static byte[] tcp(byte[]... msgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : msgs) {
            out.write(m.length >>> 24);
            out.write(m.length >>> 16);
            out.write(m.length >>> 8);
            out.write(m.length);
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    @Test
    void everySplitPointOverTcpGivesTheSameMessagesAndResult() {
        byte[] c = tcp(AS_REQ), s = tcp(ERROR);
        String whole = null;
        for (int i = 0; i <= c.length; i++) {
            for (int j : new int[] {0, 1, 4, 5, s.length / 2, s.length}) {
                List<Event> out = new ArrayList<>();
                AnomalyCounter a = new AnomalyCounter();
                KerberosTcpHandler h = new KerberosTcpHandler(CONN, KerberosConfig.DEFAULTS, a, decoder(a), out::add);
                h.onData(true, c, 0, i, 1, 1);
                h.onData(true, c, i, c.length - i, 1, 1);
                h.onData(false, s, 0, j, 2, 2);
                h.onData(false, s, j, s.length - j, 2, 2);
                h.onClose(3, 3);
                assertThat(a.asMap()).isEmpty();
                if (whole == null) whole = out.toString();
                assertThat(out.toString()).as("split %d/%d", i, j).isEqualTo(whole);
            }
        }
        assertThat(whole).contains("result=REJECTED").contains("KDC_ERR_PREAUTH_REQUIRED");
    }

    @Test
    void lengthsBeyondTheMessageAndDeepNestingAreCounted() {
        AnomalyCounter a = new AnomalyCounter();
        byte[] bad = AS_REQ.clone();
        bad[2] = (byte) 0xff; // outer length beyond the bytes
        assertThat(decoder(a).decode(bad, 0, bad.length, CONN, 1, 1)).isNull();
        byte[] huge = {0x6a, (byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x30, 0x00};
        assertThat(decoder(a).decode(huge, 0, huge.length, CONN, 1, 1)).isNull();
        assertThat(a.asMap()).containsEntry(Anomaly.KERBEROS_MALFORMED.id(), 2L);
        // 500 nested SEQUENCEs inside the padata: the decoder only descends into the structures Kerberos defines
        // (none is recursive), so the nesting is skipped, not followed
        byte[] deep = {0x05, 0x00};
        for (int i = 0; i < 500; i++) deep = wrap(0x30, deep);
        byte[] msg = wrap(0x6a, wrap(0x30, wrap(0xa3, deep)));
        KerberosMessage m = decoder(a).decode(msg, 0, msg.length, CONN, 1, 1);
        assertThat(m.padataTypes()).containsExactly(-1);
        // and 500 nested constructed tags where a PrincipalName is expected are refused by the depth limit
        byte[] deepName = {0x05, 0x00};
        for (int i = 0; i < 500; i++) deepName = wrap(0xa1, deepName);
        byte[] msg2 = wrap(0x6a, wrap(0x30, wrap(0xa4, wrap(0x30, wrap(0xa1, wrap(0x30, deepName))))));
        decoder(a).decode(msg2, 0, msg2.length, CONN, 1, 1);
    }

    static byte[] wrap(int tag, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = body.length;
        if (n < 128) out.write(n);
        else if (n < 256) { out.write(0x81); out.write(n); }
        else if (n < 65536) { out.write(0x82); out.write(n >> 8); out.write(n); }
        else { out.write(0x83); out.write(n >> 16); out.write(n >> 8); out.write(n); }
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void hugeTcpLengthIsSkippedAndMutationsNeverThrow() {
        AnomalyCounter a = new AnomalyCounter();
        List<Event> out = new ArrayList<>();
        KerberosTcpHandler h = new KerberosTcpHandler(CONN, KerberosConfig.DEFAULTS, a, decoder(a), out::add);
        byte[] big = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x6a, 0, 0, 0};
        h.onData(true, big, 0, big.length, 1, 1);
        assertThat(a.asMap()).containsKey(Anomaly.KERBEROS_MESSAGE_TOO_LARGE.id());
        Random rnd = new Random(7);
        for (int round = 0; round < 3000; round++) {
            byte[] m = (round % 2 == 0 ? AS_REQ : ERROR).clone();
            for (int k = 1 + rnd.nextInt(6); k > 0; k--) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            int len = rnd.nextInt(m.length + 1);
            decoder(a).decode(m, 0, len, CONN, 1, 1);
        }
    }
}
