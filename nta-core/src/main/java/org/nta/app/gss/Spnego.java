package org.nta.app.gss;

import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a GSS-API / SPNEGO token ([RFC 4178], [RFC 2743] 3.1) as carried by HTTP Negotiate, SMB session setup and
 * LDAP SASL GSS-SPNEGO: the initial {@code [APPLICATION 0]} token with its NegTokenInit, or a bare NegTokenInit
 * {@code [0]} / NegTokenResp {@code [1]}. The inner mechanism token stays a view into the buffer.
 */
public final class Spnego {
    private Spnego() {}

    public static final String OID_SPNEGO = "1.3.6.1.5.5.2";
    public static final String OID_NTLMSSP = "1.3.6.1.4.1.311.2.2.10";
    public static final String OID_KERBEROS = "1.2.840.113554.1.2.2";
    public static final String OID_MS_KERBEROS = "1.2.840.48018.1.2.2";

    /**
     * A parsed SPNEGO token.
     *
     * @param init          true for a NegTokenInit, false for a NegTokenResp
     * @param mechTypes     the offered mechanisms' OIDs (NegTokenInit), empty otherwise
     * @param supportedMech the chosen mechanism's OID (NegTokenResp), or null
     * @param negState      NegTokenResp's negState (0 accept-completed, 1 accept-incomplete, 2 reject,
     *                      3 request-mic), or -1 when absent
     * @param mechToken     the inner token (mechToken or responseToken) as a view, or null
     * @param thisMech      the OID of the GSS-API initial token's mechanism when the token is not SPNEGO (a raw
     *                      Kerberos AP-REQ), else null
     */
    public record Token(boolean init, List<String> mechTypes, String supportedMech, int negState, Tlv mechToken,
                        String thisMech) {
    }

    /** Parses the token in {@code b[off, off+len)}. */
    public static Token parse(byte[] b, int off, int len) throws BerException {
        BerReader r = Ber.reader(b, off, len);
        Tlv t = r.next();
        if (t.isApplication(0)) { // InitialContextToken: thisMech OID, then the inner token
            BerReader in = t.children();
            String mech = in.expect(Ber.UNIVERSAL, Ber.OID).asOid();
            if (!OID_SPNEGO.equals(mech)) {
                int start = in.position();
                Tlv inner = new Tlv(b, Ber.UNIVERSAL, false, 0, start, start, in.end() - start, t.depth() + 1, t.maxDepth());
                return new Token(true, List.of(), null, -1, inner, mech);
            }
            t = in.next();
        }
        if (t.isContext(0)) return negTokenInit(t);
        if (t.isContext(1)) return negTokenResp(t);
        throw new BerException(BerException.Problem.UNEXPECTED_TAG, t.start());
    }

    private static Token negTokenInit(Tlv t) throws BerException {
        BerReader seq = t.children().sequence();
        List<String> mechs = new ArrayList<>();
        Tlv mechToken = null;
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(0)) {
                BerReader list = f.children().sequence();
                while (list.hasNext() && mechs.size() < 16) mechs.add(list.expect(Ber.UNIVERSAL, Ber.OID).asOid());
            } else if (f.isContext(2)) {
                mechToken = f.children().readOctets();
            }
        }
        return new Token(true, List.copyOf(mechs), null, -1, mechToken, null);
    }

    private static Token negTokenResp(Tlv t) throws BerException {
        BerReader seq = t.children().sequence();
        int state = -1;
        String mech = null;
        Tlv token = null;
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(0)) state = f.children().expect(Ber.UNIVERSAL, Ber.ENUMERATED).asInt();
            else if (f.isContext(1)) mech = f.children().expect(Ber.UNIVERSAL, Ber.OID).asOid();
            else if (f.isContext(2)) token = f.children().readOctets();
        }
        return new Token(false, List.of(), mech, state, token, null);
    }

    /**
     * Where the NTLMSSP message of a security blob is: {@code {offset, length}} in {@code b}, or null. A raw NTLMSSP
     * message is its own slice; a SPNEGO token is parsed and its mechanism token used; when the SPNEGO is malformed
     * the signature is searched for (as Wireshark's heuristics do) so a mangled wrapper still yields the logon.
     */
    public static int[] ntlmssp(byte[] b, int off, int len) {
        if (len >= 8 && b[off] == 'N' && b[off + 1] == 'T' && b[off + 2] == 'L' && b[off + 3] == 'M') {
            return new int[]{off, len};
        }
        try {
            Token tok = parse(b, off, len);
            Tlv m = tok.mechToken();
            if (m != null && m.length() >= 8 && b[m.valueOffset()] == 'N' && b[m.valueOffset() + 1] == 'T') {
                return new int[]{m.valueOffset(), m.length()};
            }
            if (m != null) return null; // another mechanism's token (Kerberos)
        } catch (BerException e) {
            // fall through to the search
        }
        int at = org.nta.app.ntlm.Ntlmssp.find(b, off, off + len);
        return at < 0 ? null : new int[]{at, off + len - at};
    }
}
