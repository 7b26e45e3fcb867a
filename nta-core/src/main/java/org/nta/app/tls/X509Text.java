package org.nta.app.tls;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.nta.app.WireText;
import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;
import org.nta.decode.Addresses;
import org.nta.event.X509Name;

/** The values inside a certificate: names and their strings, times, addresses, key algorithms and sizes. */
final class X509Text {
    static final int TELETEX = 20, VISIBLE = 26, UNIVERSAL_STRING = 28, BMP = 30;

    private X509Text() {}

    /** Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue). */
    static X509Name name(Tlv seq) throws BerException {
        List<X509Name.Attribute> attrs = new ArrayList<>();
        BerReader rdns = seq.children();
        while (rdns.hasNext()) {
            BerReader set = rdns.expect(Ber.UNIVERSAL, Ber.SET).children();
            while (set.hasNext()) {
                BerReader atv = set.sequence();
                String oid = atv.expect(Ber.UNIVERSAL, Ber.OID).asOid();
                Tlv value = atv.next();
                if (value.tagClass() != Ber.UNIVERSAL || value.constructed()) continue; // not a string: skipped
                attrs.add(new X509Name.Attribute(shortName(oid), value.tag(), text(value, value.tag())));
            }
        }
        return new X509Name(attrs);
    }

    static String shortName(String oid) {
        return switch (oid) {
            case "2.5.4.3" -> "CN";
            case "2.5.4.6" -> "C";
            case "2.5.4.10" -> "O";
            case "2.5.4.11" -> "OU";
            case "2.5.4.7" -> "L";
            case "2.5.4.8" -> "ST";
            case "2.5.4.9" -> "STREET";
            case "2.5.4.5" -> "serialNumber";
            case "1.2.840.113549.1.9.1" -> "emailAddress";
            case "0.9.2342.19200300.100.1.25" -> "DC";
            default -> oid;
        };
    }

    /** A string value as Wireshark shows it (C escapes for control characters). */
    static String text(Tlv v, int stringType) {
        byte[] b = v.buf();
        return switch (stringType) {
            case BMP -> printable(new String(b, v.valueOffset(), v.length() & ~1, StandardCharsets.UTF_16BE));
            case UNIVERSAL_STRING -> printable(universal(b, v.valueOffset(), v.length()));
            case TELETEX -> printable(new String(b, v.valueOffset(), v.length(), StandardCharsets.ISO_8859_1));
            default -> WireText.format(b, v.valueOffset(), v.length());
        };
    }

    private static String universal(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len / 4);
        for (int i = off; i + 4 <= off + len; i += 4) {
            int cp = ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            sb.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xFFFD);
        }
        return sb.toString();
    }

    private static String printable(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return WireText.format(utf8, 0, utf8.length);
    }

    /** UTCTime (YYMMDDHHMM[SS]Z, years 50-99 are 19xx) or GeneralizedTime (YYYYMMDDHHMM[SS][.f]Z), in epoch seconds. */
    static long time(Tlv t) throws BerException {
        if (t.tagClass() != Ber.UNIVERSAL || (t.tag() != Ber.UTC_TIME && t.tag() != Ber.GENERALIZED_TIME)) {
            throw new BerException(BerException.Problem.UNEXPECTED_TAG, t.start());
        }
        String s = t.asLatin1();
        int p = 0;
        int year;
        if (t.tag() == Ber.UTC_TIME) {
            year = digits(t, s, p, 2);
            year += year < 50 ? 2000 : 1900;
            p = 2;
        } else {
            year = digits(t, s, p, 4);
            p = 4;
        }
        int month = digits(t, s, p, 2), day = digits(t, s, p + 2, 2), hour = digits(t, s, p + 4, 2),
                minute = digits(t, s, p + 6, 2);
        p += 8;
        int second = 0;
        if (p + 2 <= s.length() && Character.isDigit(s.charAt(p))) {
            second = digits(t, s, p, 2);
            p += 2;
        }
        if (p < s.length() && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
            p++;
            while (p < s.length() && Character.isDigit(s.charAt(p))) p++;
        }
        int offsetSeconds = 0;
        if (p < s.length() && s.charAt(p) == 'Z') {
            p++;
        } else if (p + 5 == s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            int sign = s.charAt(p) == '-' ? -1 : 1;
            offsetSeconds = sign * (digits(t, s, p + 1, 2) * 3600 + digits(t, s, p + 3, 2) * 60);
            p += 5;
        }
        if (p != s.length()) throw new BerException(BerException.Problem.BAD_VALUE, t.start());
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC)
                    - offsetSeconds;
        } catch (DateTimeException e) {
            throw new BerException(BerException.Problem.BAD_VALUE, t.start());
        }
    }

    private static int digits(Tlv t, String s, int p, int n) throws BerException {
        if (p + n > s.length()) throw new BerException(BerException.Problem.BAD_VALUE, t.start());
        int v = 0;
        for (int i = p; i < p + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new BerException(BerException.Problem.BAD_VALUE, t.start());
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** An iPAddress of 4 or 16 octets: dotted IPv4 or RFC 5952 IPv6, as Wireshark prints them. */
    static String address(Tlv n) {
        if (n.length() == 4) return Addresses.ipv4((int) octets(n, 0, 4));
        return Addresses.ipv6(octets(n, 0, 8), octets(n, 8, 8));
    }

    private static long octets(Tlv n, int from, int count) {
        long v = 0;
        for (int i = from; i < from + count; i++) v = (v << 8) | n.octet(i);
        return v;
    }

    static String keyAlgorithm(String oid) {
        return switch (oid) {
            case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            case "1.2.840.10040.4.1" -> "DSA";
            default -> oid;
        };
    }

    /** RSA modulus bits or the named curve's bits; 0 for anything else. */
    static int keyBits(String oid, Tlv params, Tlv key) throws BerException {
        switch (keyAlgorithm(oid)) {
            case "RSA" -> {
                if (key.length() < 2 || key.octet(0) != 0) return 0;
                Tlv modulus = Ber.reader(key.buf(), key.valueOffset() + 1, key.length() - 1, 4).sequence()
                        .expect(Ber.UNIVERSAL, Ber.INTEGER);
                int i = 0;
                while (i < modulus.length() && modulus.octet(i) == 0) i++;
                if (i == modulus.length()) return 0;
                return (modulus.length() - i) * 8 - Integer.numberOfLeadingZeros(modulus.octet(i)) + 24;
            }
            case "EC" -> {
                if (params == null || !params.is(Ber.UNIVERSAL, Ber.OID)) return 0;
                return switch (params.asOid()) {
                    case "1.2.840.10045.3.1.7" -> 256;
                    case "1.3.132.0.34" -> 384;
                    case "1.3.132.0.35" -> 521;
                    case "1.3.132.0.10" -> 256;
                    default -> 0;
                };
            }
            case "Ed25519" -> {
                return 256;
            }
            case "Ed448" -> {
                return 456;
            }
            default -> {
                return 0;
            }
        }
    }
}
