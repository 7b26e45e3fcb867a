package org.nta.app.asn1;

/** Tag classes and the universal tag numbers the protocols read here use (X.680, X.690). */
public final class Ber {
    private Ber() {}

    public static final int UNIVERSAL = 0;
    public static final int APPLICATION = 1;
    public static final int CONTEXT = 2;
    public static final int PRIVATE = 3;

    public static final int BOOLEAN = 1;
    public static final int INTEGER = 2;
    public static final int BIT_STRING = 3;
    public static final int OCTET_STRING = 4;
    public static final int NULL = 5;
    public static final int OID = 6;
    public static final int ENUMERATED = 10;
    public static final int UTF8_STRING = 12;
    public static final int SEQUENCE = 16;
    public static final int SET = 17;
    public static final int PRINTABLE_STRING = 19;
    public static final int IA5_STRING = 22;
    public static final int UTC_TIME = 23;
    public static final int GENERALIZED_TIME = 24;
    public static final int GENERAL_STRING = 27;

    /** Default limit on nested constructed values (SNMP, LDAP and Kerberos messages nest about 10 deep). */
    public static final int DEFAULT_MAX_DEPTH = 32;

    /** A reader over {@code buf[off, off+len)} with the default depth limit. */
    public static BerReader reader(byte[] buf, int off, int len) {
        return new BerReader(buf, off, off + len, 0, DEFAULT_MAX_DEPTH);
    }

    /** A reader over the whole of {@code buf}. */
    public static BerReader reader(byte[] buf) {
        return reader(buf, 0, buf.length);
    }

    /** A reader over {@code buf[off, off+len)} that refuses constructed values nested deeper than {@code maxDepth}. */
    public static BerReader reader(byte[] buf, int off, int len, int maxDepth) {
        return new BerReader(buf, off, off + len, 0, maxDepth);
    }

    /** Short name of a tag for messages and tests: {@code [APPLICATION 0]}, {@code SEQUENCE}, {@code [2]}. */
    public static String tagName(int tagClass, int tag) {
        return switch (tagClass) {
            case UNIVERSAL -> switch (tag) {
                case BOOLEAN -> "BOOLEAN";
                case INTEGER -> "INTEGER";
                case OCTET_STRING -> "OCTET STRING";
                case NULL -> "NULL";
                case OID -> "OBJECT IDENTIFIER";
                case ENUMERATED -> "ENUMERATED";
                case SEQUENCE -> "SEQUENCE";
                case SET -> "SET";
                default -> "UNIVERSAL " + tag;
            };
            case APPLICATION -> "[APPLICATION " + tag + "]";
            case CONTEXT -> "[" + tag + "]";
            default -> "[PRIVATE " + tag + "]";
        };
    }
}
