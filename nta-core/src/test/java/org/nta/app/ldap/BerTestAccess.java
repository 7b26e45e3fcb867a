package org.nta.app.ldap;

/** SPNEGO tokens for tests of other packages, built with this package's test BER encoder. */
public final class BerTestAccess {
    private BerTestAccess() {}

    static final byte[] OID_NTLMSSP = {0x2b, 6, 1, 4, 1, (byte) 0x82, 0x37, 2, 2, 10};

    /** A GSS-API initial token with a NegTokenInit offering NTLMSSP and carrying {@code mechToken}. */
    public static byte[] spnegoInit(byte[] mechToken) {
        return Ber.tlv(0x60, Ber.tlv(0x06, new byte[]{0x2b, 6, 1, 5, 5, 2}), Ber.tlv(0xa0, Ber.tlv(0x30,
                Ber.tlv(0xa0, Ber.tlv(0x30, Ber.tlv(0x06, OID_NTLMSSP))), Ber.tlv(0xa2, Ber.tlv(0x04, mechToken)))));
    }

    /** A NegTokenResp carrying {@code token} as its responseToken. */
    public static byte[] spnegoResp(byte[] token) {
        return Ber.tlv(0xa1, Ber.tlv(0x30, Ber.tlv(0xa0, Ber.tlv(0x0a, new byte[]{1})), Ber.tlv(0xa1, Ber.tlv(0x06, OID_NTLMSSP)),
                Ber.tlv(0xa2, Ber.tlv(0x04, token))));
    }
}
