package org.nta.event;

import java.util.List;

/**
 * One X.509 certificate as read from a TLS Certificate message (RFC 5280 4.1), parsed by hand without verifying
 * anything: no signature is checked, no chain is built, no trust store is consulted.
 *
 * @param length             DER length in octets ({@code tls.handshake.certificate_length})
 * @param malformed          the DER could not be read as a certificate; only {@code length} and the fingerprints are
 *                           set, the other fields are empty
 * @param version            1, 2 or 3 (the v1/v2/v3 of the certificate, not the wire value)
 * @param serial             serialNumber octets in lower-case hex as Wireshark shows {@code x509af.serialNumber}
 * @param signatureAlgorithm OID of the signature algorithm, dotted
 * @param issuer             the issuer name, attributes in wire order
 * @param subject            the subject name, attributes in wire order
 * @param notBefore          start of validity, seconds since the epoch (UTCTime or GeneralizedTime)
 * @param notAfter           end of validity, seconds since the epoch
 * @param generalizedTimes   which of notBefore (bit 0) and notAfter (bit 1) were GeneralizedTime, not UTCTime
 * @param dnsNames           subjectAltName dNSName entries in wire order
 * @param ipAddresses        subjectAltName iPAddress entries, dotted IPv4 or RFC 5952 IPv6
 * @param ca                 basicConstraints cA is true
 * @param keyAlgorithm       the subject public key's algorithm: "RSA", "EC", "Ed25519", "Ed448", "DSA" or the OID
 * @param keyBits            RSA modulus bits, EC curve bits; 0 when not told cheaply
 * @param selfIssued         issuer and subject are the same name (octet for octet): self-signed as far as names
 *                           go; the signature was not checked
 * @param sha1               SHA-1 of the DER, lower-case hex
 * @param sha256             SHA-256 of the DER, lower-case hex
 */
public record X509Certificate(int length, boolean malformed, int version, String serial, String signatureAlgorithm,
                              X509Name issuer, X509Name subject, long notBefore, long notAfter,
                              int generalizedTimes, List<String> dnsNames,
                              List<String> ipAddresses, boolean ca, String keyAlgorithm, int keyBits,
                              boolean selfIssued, String sha1, String sha256) {
    public X509Certificate {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** Validity length in seconds (negative when notAfter precedes notBefore). */
    public long validitySeconds() {
        return notAfter - notBefore;
    }

    /** A certificate whose DER could not be read: its size and fingerprints only. */
    public static X509Certificate unreadable(int length, String sha1, String sha256) {
        return new X509Certificate(length, true, 0, "", "", X509Name.EMPTY, X509Name.EMPTY, 0, 0, 0, List.of(),
                List.of(), false, "", 0, false, sha1, sha256);
    }
}
