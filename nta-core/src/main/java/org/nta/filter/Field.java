package org.nta.filter;

import java.util.Objects;

/**
 * A display filter field: Wireshark's name, its value type, and how to read it from a frame.
 *
 * @param hexDigits for integer fields Wireshark shows in hexadecimal (eth.type, ip.id, tcp.flags), the number of
 *                  digits tshark prints; 0 for decimal
 * @param bytes     for {@link FieldType#PROTOCOL} fields: whether the extractor supplies the protocol's bytes (so
 *                  that contains, matches and slices apply); otherwise it supplies only presence
 */
public record Field(String name, FieldType type, Extractor extractor, int hexDigits, boolean bytes) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(extractor, "extractor");
        if (!validName(name)) throw new IllegalArgumentException("not a valid field name: '" + name + "'");
    }

    public static Field of(String name, FieldType type, Extractor extractor) {
        return new Field(name, type, extractor, 0, false);
    }

    /** An unsigned integer that tshark prints in hexadecimal with {@code digits} digits. */
    public static Field hex(String name, int digits, Extractor extractor) {
        return new Field(name, FieldType.UINT, extractor, digits, false);
    }

    /** A protocol whose extractor supplies its bytes (for contains, matches and slices). */
    public static Field protocolWithBytes(String name, Extractor extractor) {
        return new Field(name, FieldType.PROTOCOL, extractor, 0, true);
    }

    /** Letters, digits, '_', '-' and '.'-separated parts, as Wireshark's field names. */
    static boolean validName(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-' && c != '.') return false;
        }
        return true;
    }
}
