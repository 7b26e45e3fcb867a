package org.nta.app.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;
import org.nta.bytes.Digests;
import org.nta.event.X509Certificate;
import org.nta.event.X509Name;

/**
 * Reads one DER X.509 certificate (RFC 5280 4.1) with the BER reader: names, validity, serial, algorithms, the
 * subjectAltName and basicConstraints extensions, the key's size, and the fingerprints. Nothing is verified. Unknown
 * extensions and attributes are skipped; a structure that does not add up is a {@link BerException}.
 */
final class X509Parser {
    private static final String SAN = "2.5.29.17", BASIC_CONSTRAINTS = "2.5.29.19";
    private static final int MAX_DEPTH = 16;

    private X509Parser() {}

    /** The certificate in {@code der[off, off+len)}; a malformed one comes back as {@link X509Certificate#unreadable}. */
    static X509Certificate parseOrUnreadable(byte[] der, int off, int len) {
        String sha1 = digest(sha1(), der, off, len), sha256 = digest(Digests.sha256(), der, off, len);
        try {
            return parse(der, off, len, sha1, sha256);
        } catch (BerException e) {
            return X509Certificate.unreadable(len, sha1, sha256);
        }
    }

    static X509Certificate parse(byte[] der, int off, int len, String sha1, String sha256) throws BerException {
        BerReader top = Ber.reader(der, off, len, MAX_DEPTH);
        BerReader cert = top.sequence();
        if (top.hasNext()) throw new BerException(BerException.Problem.BAD_LENGTH, top.position());
        BerReader tbs = cert.sequence();
        Tlv v = tbs.optionalContext(0);
        int version = v == null ? 1 : v.explicit().asInt() + 1;
        String serial = tbs.expect(Ber.UNIVERSAL, Ber.INTEGER).hex();
        String sigAlg = tbs.sequence().expect(Ber.UNIVERSAL, Ber.OID).asOid();
        Tlv issuerTlv = tbs.expect(Ber.UNIVERSAL, Ber.SEQUENCE);
        X509Name issuer = X509Text.name(issuerTlv);
        BerReader validity = tbs.sequence();
        Tlv nb = validity.next(), na = validity.next();
        long notBefore = X509Text.time(nb), notAfter = X509Text.time(na);
        int generalized = (nb.tag() == Ber.GENERALIZED_TIME ? 1 : 0) | (na.tag() == Ber.GENERALIZED_TIME ? 2 : 0);
        Tlv subjectTlv = tbs.expect(Ber.UNIVERSAL, Ber.SEQUENCE);
        X509Name subject = X509Text.name(subjectTlv);
        BerReader spki = tbs.sequence();
        BerReader keyAlg = spki.sequence();
        String keyOid = keyAlg.expect(Ber.UNIVERSAL, Ber.OID).asOid();
        Tlv keyParams = keyAlg.hasNext() ? keyAlg.next() : null;
        Tlv key = spki.expect(Ber.UNIVERSAL, Ber.BIT_STRING);
        List<String> dns = new ArrayList<>(), ips = new ArrayList<>();
        boolean ca = false;
        Tlv exts = tbs.findContext(3);
        if (exts != null) {
            BerReader list = exts.explicit().children();
            while (list.hasNext()) {
                BerReader ext = list.sequence();
                String id = ext.expect(Ber.UNIVERSAL, Ber.OID).asOid();
                ext.optional(Ber.UNIVERSAL, Ber.BOOLEAN);
                Tlv value = ext.readOctets();
                if (id.equals(SAN)) altNames(value, dns, ips);
                else if (id.equals(BASIC_CONSTRAINTS)) ca = basicConstraintsCa(value);
            }
        }
        cert.sequence(); // signatureAlgorithm
        cert.expect(Ber.UNIVERSAL, Ber.BIT_STRING);
        boolean selfIssued = java.util.Arrays.equals(der, issuerTlv.start(), issuerTlv.end(), der, subjectTlv.start(),
                subjectTlv.end());
        return new X509Certificate(len, false, version, serial, sigAlg, issuer, subject, notBefore, notAfter, generalized, dns,
                ips, ca, X509Text.keyAlgorithm(keyOid), X509Text.keyBits(keyOid, keyParams, key), selfIssued, sha1,
                sha256);
    }

    /** GeneralNames: dNSName [2] IA5String and iPAddress [7] OCTET STRING (4 or 16 octets). */
    private static void altNames(Tlv value, List<String> dns, List<String> ips) throws BerException {
        BerReader names = Ber.reader(value.buf(), value.valueOffset(), value.length(), MAX_DEPTH).sequence();
        while (names.hasNext()) {
            Tlv n = names.next();
            if (n.tagClass() != Ber.CONTEXT) continue;
            if (n.tag() == 2 && !n.constructed()) dns.add(X509Text.text(n, Ber.IA5_STRING));
            else if (n.tag() == 7 && !n.constructed()) {
                if (n.length() == 4 || n.length() == 16) ips.add(X509Text.address(n));
                else throw new BerException(BerException.Problem.BAD_VALUE, n.start());
            }
        }
    }

    private static boolean basicConstraintsCa(Tlv value) throws BerException {
        BerReader bc = Ber.reader(value.buf(), value.valueOffset(), value.length(), MAX_DEPTH).sequence();
        Tlv ca = bc.optional(Ber.UNIVERSAL, Ber.BOOLEAN);
        return ca != null && ca.asBoolean();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    private static String digest(MessageDigest md, byte[] b, int off, int len) {
        md.update(b, off, len);
        return HexFormat.of().formatHex(md.digest());
    }
}
