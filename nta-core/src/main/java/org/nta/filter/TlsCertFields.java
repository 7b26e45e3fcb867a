package org.nta.filter;

import static org.nta.filter.FieldType.ABS_TIME;
import static org.nta.filter.FieldType.BOOLEAN;
import static org.nta.filter.FieldType.BYTES;
import static org.nta.filter.FieldType.IPV4;
import static org.nta.filter.FieldType.IPV6;
import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.nta.event.TlsCertificate;
import org.nta.event.X509Certificate;
import org.nta.event.X509Name;

/**
 * Certificate fields with Wireshark 4.0's names, on the frame that completes the Certificate message: the lengths,
 * each certificate's serial, its issuer's and subject's strings by their ASN.1 string type (as {@code x509sat}
 * shows them: issuer first, then subject), UTCTime validity as text, subjectAltName dNSName and basicConstraints cA.
 */
public final class TlsCertFields {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '(UTC)'")
            .withZone(ZoneOffset.UTC);

    private TlsCertFields() {}

    public static FieldRegistry register(FieldRegistry r) {
        r.registerEventField("tls.handshake.certificates_length", UINT, TlsCertificate.class,
                (e, out) -> out.add(e.length()));
        r.registerEventField("tls.handshake.certificate_length", UINT, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) out.add(c.length());
        });
        r.registerEventField("x509af.serialNumber", BYTES, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) {
                if (c.malformed()) continue;
                byte[] b = HexFormat.of().parseHex(c.serial());
                out.addBytes(b, 0, b.length);
            }
        });
        strings(r, "x509sat.printableString", 19, false);
        strings(r, "x509sat.uTF8String", 12, false);
        strings(r, "x509sat.IA5String", 22, false);
        strings(r, "x509sat.CountryName", 19, true);
        r.registerEventField("x509af.utcTime", STRING, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) {
                if (c.malformed()) continue;
                if ((c.generalizedTimes() & 1) == 0) out.addString(UTC.format(Instant.ofEpochSecond(c.notBefore())));
                if ((c.generalizedTimes() & 2) == 0) out.addString(UTC.format(Instant.ofEpochSecond(c.notAfter())));
            }
        });
        r.registerEventField("x509af.generalizedTime", ABS_TIME, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) {
                if (c.malformed()) continue;
                if ((c.generalizedTimes() & 1) != 0) out.add(c.notBefore() * 1_000_000_000L);
                if ((c.generalizedTimes() & 2) != 0) out.add(c.notAfter() * 1_000_000_000L);
            }
        });
        r.registerEventField("x509ce.IPAddress.ipv4", IPV4, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) for (String ip : c.ipAddresses()) if (ip.indexOf(':') < 0) out.add(ipv4(ip));
        });
        r.registerEventField("x509ce.IPAddress.ipv6", IPV6, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) {
                for (String ip : c.ipAddresses()) {
                    if (ip.indexOf(':') < 0) continue;
                    byte[] b = ipv6(ip);
                    out.addIpv6(ByteBuffer.wrap(b).getLong(0), ByteBuffer.wrap(b).getLong(8));
                }
            }
        });
        r.registerEventField("x509ce.dNSName", STRING, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) for (String n : c.dnsNames()) out.addString(n);
        });
        r.registerEventField("x509ce.cA", BOOLEAN, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) if (c.ca()) out.add(true);
        });
        return r;
    }

    private static long ipv4(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) v = (v << 8) | Integer.parseInt(part);
        return v;
    }

    /** The 16 octets of an IPv6 literal (as X509Text wrote it; a literal is never looked up). */
    private static byte[] ipv6(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return new byte[16];
        }
    }

    /** Attribute values of one string type; C values are {@code x509sat.CountryName}, the others by their type. */
    private static void strings(FieldRegistry r, String field, int stringType, boolean country) {
        r.registerEventField(field, STRING, TlsCertificate.class, (e, out) -> {
            for (X509Certificate c : e.chain()) {
                add(c.issuer(), stringType, country, out);
                add(c.subject(), stringType, country, out);
            }
        });
    }

    private static void add(X509Name n, int stringType, boolean country, Values out) {
        for (X509Name.Attribute a : n.attributes()) {
            if (a.type().equals("C") != country) continue;
            if (a.stringType() == stringType) out.addString(a.value());
        }
    }
}
