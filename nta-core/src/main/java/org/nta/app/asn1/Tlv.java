package org.nta.app.asn1;

import java.nio.charset.StandardCharsets;

import static org.nta.app.asn1.BerException.Problem.*;

/**
 * One BER tag-length-value: a view over {@code buf}, whose value is {@code buf[valueOffset, valueOffset+length)}.
 * Made by {@link BerReader}, which has already checked the length against the parent; readers of the value check
 * its content.
 *
 * @param tagClass    {@link Ber#UNIVERSAL}, {@link Ber#APPLICATION}, {@link Ber#CONTEXT} or {@link Ber#PRIVATE}
 * @param constructed whether the value holds nested TLVs
 * @param tag         the tag number (high tag numbers decoded)
 * @param start       offset of the tag's first octet
 * @param valueOffset offset of the value's first octet
 * @param length      the value's length in octets
 * @param depth       nesting depth (0 at the top)
 * @param maxDepth    the reader's limit, handed on to {@link #children()}
 */
public record Tlv(byte[] buf, int tagClass, boolean constructed, int tag, int start, int valueOffset, int length,
                  int depth, int maxDepth) {

    /** Offset just past the value. */
    public int end() {
        return valueOffset + length;
    }

    public boolean is(int cls, int number) {
        return tagClass == cls && tag == number;
    }

    /** Whether this is the context tag {@code [n]}. */
    public boolean isContext(int n) {
        return tagClass == Ber.CONTEXT && tag == n;
    }

    /** Whether this is {@code [APPLICATION n]}. */
    public boolean isApplication(int n) {
        return tagClass == Ber.APPLICATION && tag == n;
    }

    /** A reader over the nested TLVs (this must be constructed, and not beyond the depth limit). */
    public BerReader children() throws BerException {
        if (!constructed) throw new BerException(UNEXPECTED_TAG, start);
        if (depth + 1 > maxDepth) throw new BerException(TOO_DEEP, start);
        return new BerReader(buf, valueOffset, end(), depth + 1, maxDepth);
    }

    /** The single TLV inside an EXPLICIT tag such as {@code [1] INTEGER}. */
    public Tlv explicit() throws BerException {
        return children().next();
    }

    /** An INTEGER or ENUMERATED value (two's complement, at most 8 octets). */
    public long asLong() throws BerException {
        if (length == 0 || length > 8) throw new BerException(BAD_VALUE, start);
        long v = buf[valueOffset]; // sign-extended
        for (int i = 1; i < length; i++) v = (v << 8) | (buf[valueOffset + i] & 0xff);
        return v;
    }

    /** An INTEGER or ENUMERATED value that fits an int. */
    public int asInt() throws BerException {
        long v = asLong();
        if (v != (int) v) throw new BerException(BAD_VALUE, start);
        return (int) v;
    }

    /**
     * An unsigned INTEGER that may carry a leading zero octet (SNMP Counter64, Kerberos nonces): at most 8 octets of
     * magnitude; values above {@link Long#MAX_VALUE} come back negative.
     */
    public long asUnsignedLong() throws BerException {
        int off = valueOffset, n = length;
        if (n > 1 && buf[off] == 0) {
            off++;
            n--;
        }
        if (n == 0 || n > 8) throw new BerException(BAD_VALUE, start);
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (buf[off + i] & 0xff);
        return v;
    }

    /** A BOOLEAN (any non-zero octet is true, as BER allows). */
    public boolean asBoolean() throws BerException {
        if (length != 1) throw new BerException(BAD_VALUE, start);
        return buf[valueOffset] != 0;
    }

    /** An OBJECT IDENTIFIER in dotted form, {@code 1.3.6.1.2.1.1.1.0}. */
    public String asOid() throws BerException {
        if (length == 0) throw new BerException(BAD_VALUE, start);
        StringBuilder sb = new StringBuilder(length * 3);
        long v = 0;
        int arcBytes = 0;
        boolean first = true;
        for (int i = valueOffset; i < end(); i++) {
            int b = buf[i] & 0xff;
            if (arcBytes == 0 && b == 0x80) throw new BerException(BAD_VALUE, i); // non-minimal arc
            if (++arcBytes > 9) throw new BerException(BAD_VALUE, i);
            v = (v << 7) | (b & 0x7f);
            if ((b & 0x80) != 0) continue;
            if (first) {
                int top = v < 40 ? 0 : v < 80 ? 1 : 2;
                sb.append(top).append('.').append(v - 40L * top);
                first = false;
            } else {
                sb.append('.').append(v);
            }
            v = 0;
            arcBytes = 0;
        }
        if (arcBytes != 0) throw new BerException(BAD_VALUE, end() - 1);
        return sb.toString();
    }

    /** The value as UTF-8 text (UTF8String, OCTET STRING of LDAP strings); bad sequences become U+FFFD. */
    public String asUtf8() {
        return new String(buf, valueOffset, length, StandardCharsets.UTF_8);
    }

    /** The value as ISO-8859-1 text, one char per octet (GeneralString, IA5String, an SNMP community). */
    public String asLatin1() {
        return new String(buf, valueOffset, length, StandardCharsets.ISO_8859_1);
    }

    /** A copy of the value's octets (for when a caller keeps them past the buffer's life). */
    public byte[] copyValue() {
        byte[] out = new byte[length];
        System.arraycopy(buf, valueOffset, out, 0, length);
        return out;
    }

    /** The value in lower-case hex. */
    public String hex() {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = valueOffset; i < end(); i++) {
            int v = buf[i] & 0xff;
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return sb.toString();
    }

    /** The value's octets at index {@code i} (0-based within the value). */
    public int octet(int i) {
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException(i);
        return buf[valueOffset + i] & 0xff;
    }

    @Override
    public String toString() {
        return Ber.tagName(tagClass, tag) + (constructed ? " constructed" : "") + " len " + length + " @" + start;
    }
}
