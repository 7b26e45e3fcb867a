package org.nta.app.gss;

import org.junit.jupiter.api.Test;
import org.nta.app.asn1.BerException;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class SpnegoTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A NegTokenInit offering NTLMSSP, with an NTLMSSP NEGOTIATE as the mechToken (as Windows sends it). */
    static final byte[] INIT = hex("60 40 06 06 2b 06 01 05 05 02 a0 36 30 34 a0 0e 30 0c 06 0a 2b 06 01 04 01 82 37 02 02 0a"
            + " a2 22 04 20 4e 54 4c 4d 53 53 50 00 01 00 00 00 97 82 08 e2 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");

    @Test
    void readsNegTokenInit() throws BerException {
        Spnego.Token t = Spnego.parse(INIT, 0, INIT.length);
        assertThat(t.init()).isTrue();
        assertThat(t.mechTypes()).containsExactly(Spnego.OID_NTLMSSP);
        assertThat(t.mechToken().length()).isEqualTo(32);
        assertThat(Spnego.ntlmssp(INIT, 0, INIT.length)).containsExactly(34, 32);
    }

    @Test
    void readsNegTokenResp() throws BerException {
        // a1 { 30 { a0 { enum 1 } a1 { oid ntlmssp } a2 { octets "NTLMSSP\0" 02 00 00 00 } } }
        byte[] resp = hex("a1 27 30 25 a0 03 0a 01 01 a1 0c 06 0a 2b 06 01 04 01 82 37 02 02 0a a2 10 04 0e"
                + " 4e 54 4c 4d 53 53 50 00 02 00 00 00 00 00");
        Spnego.Token t = Spnego.parse(resp, 0, resp.length);
        assertThat(t.init()).isFalse();
        assertThat(t.negState()).isEqualTo(1);
        assertThat(t.supportedMech()).isEqualTo(Spnego.OID_NTLMSSP);
        assertThat(Spnego.ntlmssp(resp, 0, resp.length)).containsExactly(27, 14);
    }

    @Test
    void rawNtlmsspAndMangledWrappers() {
        byte[] raw = hex("4e544c4d5353500001000000");
        assertThat(Spnego.ntlmssp(raw, 0, raw.length)).containsExactly(0, 12);
        byte[] bad = INIT.clone();
        bad[1] = (byte) 0x7f; // outer length beyond the buffer: the signature is still found
        assertThat(Spnego.ntlmssp(bad, 0, bad.length)).containsExactly(34, 32);
        assertThat(Spnego.ntlmssp(hex("a0 03 30 01 00"), 0, 5)).isNull();
    }

    @Test
    void kerberosInitialTokenIsNotSpnego() throws BerException {
        byte[] krb = hex("60 0f 06 09 2a 86 48 86 f7 12 01 02 02 01 00 6e 00");
        Spnego.Token t = Spnego.parse(krb, 0, krb.length);
        assertThat(t.thisMech()).isEqualTo(Spnego.OID_KERBEROS);
        assertThat(t.mechToken().valueOffset()).isEqualTo(13);
        assertThat(Spnego.ntlmssp(krb, 0, krb.length)).isNull();
    }
}
