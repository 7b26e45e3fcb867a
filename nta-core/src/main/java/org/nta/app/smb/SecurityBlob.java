package org.nta.app.smb;

import org.nta.app.asn1.BerException;
import org.nta.app.gss.Spnego;

/**
 * What a session setup's security blob carries: GSS-API/SPNEGO wrapping NTLMSSP or a Kerberos AP-REQ/AP-REP, or
 * raw NTLMSSP. Only names the mechanism; {@code app.gss} and {@code app.ntlm} read the tokens.
 */
final class SecurityBlob {
    private SecurityBlob() {}

    /**
     * {@code NTLMSSP}, {@code Kerberos} (a Kerberos token, or a NegTokenResp that chose Kerberos), {@code SPNEGO}
     * (a negotiation token carrying neither, such as the server's list of mechanisms), or null for an empty blob.
     */
    static String mechanism(byte[] b, int off, int len) {
        if (len <= 0) return null;
        if (Spnego.ntlmssp(b, off, len) != null) return "NTLMSSP";
        try {
            Spnego.Token t = Spnego.parse(b, off, len);
            if (isKerberos(t.thisMech()) || isKerberos(t.supportedMech())) return "Kerberos";
            if (t.mechToken() != null && t.mechToken().length() > 0) {
                int first = b[t.mechToken().valueOffset()] & 0xff;
                if (first == 0x60 || first == 0x6e || first == 0x6f) return "Kerberos"; // GSS-API wrapped, AP-REQ, AP-REP
            }
            return "SPNEGO";
        } catch (BerException e) {
            return null;
        }
    }

    private static boolean isKerberos(String oid) {
        return Spnego.OID_KERBEROS.equals(oid) || Spnego.OID_MS_KERBEROS.equals(oid);
    }
}
