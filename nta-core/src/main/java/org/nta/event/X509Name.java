package org.nta.event;

import java.util.List;

/**
 * An X.501 distinguished name as carried in a certificate: every attribute of every RDN in wire order.
 *
 * @param attributes the attributes; {@link Attribute#type()} is the short name (CN, O, OU, C, L, ST, …) or the OID
 */
public record X509Name(List<Attribute> attributes) {
    public static final X509Name EMPTY = new X509Name(List.of());

    /**
     * One attribute.
     *
     * @param type       short name ("CN") or dotted OID when unknown
     * @param stringType the ASN.1 universal tag of the value: 19 PrintableString, 12 UTF8String, 22 IA5String,
     *                   20 TeletexString, 30 BMPString, 28 UniversalString
     * @param value      the value as text
     */
    public record Attribute(String type, int stringType, String value) {}

    public X509Name {
        attributes = List.copyOf(attributes);
    }

    /** The first value of this attribute type, or "". */
    public String first(String type) {
        for (Attribute a : attributes) if (a.type().equals(type)) return a.value();
        return "";
    }

    /** The common name (first CN), or "". */
    public String cn() {
        return first("CN");
    }

    /** The name as "CN=x, O=y", in wire order. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Attribute a : attributes) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(a.type()).append('=').append(a.value());
        }
        return sb.toString();
    }
}
