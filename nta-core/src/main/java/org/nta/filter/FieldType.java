package org.nta.filter;

/**
 * Value types of display filter fields, as Wireshark's FT_* types. The type decides how a literal on the other side
 * of a comparison is read and which operators apply.
 */
public enum FieldType {
    /** A protocol: its name alone tests presence; {@code frame} also carries its bytes for contains/matches/slices. */
    PROTOCOL(false),
    /** 0 or 1; literals True/False/1/0 (any non-zero number is true, as in Wireshark). */
    BOOLEAN(true),
    /** Unsigned integer up to 63 bits. */
    UINT(true),
    /** Signed integer. */
    INT(true),
    /** IPv4 address in the low 32 bits of a long. Literals: dotted quad, with an optional /prefix. */
    IPV4(true),
    /** IPv6 address as two longs (high, low). Literals: RFC 4291 text, with an optional /prefix. */
    IPV6(false),
    /** MAC address in the low 48 bits of a long. Literals: 6 hex bytes separated by ':', '-' or '.'. */
    ETHER(true),
    /** A byte string. Literals: hex bytes separated by ':', '-' or '.', or a quoted string. */
    BYTES(false),
    /** A text string. Literals: quoted strings with C escapes. */
    STRING(false),
    /** Absolute time, ns since the epoch. Literals: "2026-11-28 07:27:40.5", "Nov 28, 2026 07:27:40", ISO 8601. */
    ABS_TIME(true),
    /** Time difference in ns. Literals: seconds with an optional fraction. */
    REL_TIME(true);

    private final boolean integral;

    FieldType(boolean integral) {
        this.integral = integral;
    }

    /** Values of this type are single longs in {@link Values}. */
    public boolean integral() {
        return integral;
    }

    /** Wireshark's name of the type, used in error messages. */
    public String describe() {
        return switch (this) {
            case PROTOCOL -> "Protocol";
            case BOOLEAN -> "Boolean";
            case UINT -> "Unsigned integer";
            case INT -> "Signed integer";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case ETHER -> "Ethernet or other MAC address";
            case BYTES -> "Byte sequence";
            case STRING -> "Character string";
            case ABS_TIME -> "Date and time";
            case REL_TIME -> "Time offset";
        };
    }
}
