package org.nta.app.asn1;

import static org.nta.app.asn1.BerException.Problem.*;

/**
 * Reads the TLVs of one level of a BER/DER encoding, in order, over {@code buf[pos, end)}: a SEQUENCE's children, or
 * the top level of a message. Every length is checked against this range (the parent's value), so a child never
 * reaches past its parent; {@link Tlv#children()} opens the next level and counts the depth. Values are views
 * (offsets into the one buffer), never copies. Not thread-safe; cheap to make.
 */
public final class BerReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private final int depth;
    private final int maxDepth;
    private int pos;

    BerReader(byte[] buf, int pos, int end, int depth, int maxDepth) {
        if (pos < 0 || end > buf.length || pos > end) throw new IllegalArgumentException("range outside buffer");
        this.buf = buf;
        this.start = pos;
        this.pos = pos;
        this.end = end;
        this.depth = depth;
        this.maxDepth = maxDepth;
    }

    /** Whether another TLV starts before the end of this level. */
    public boolean hasNext() {
        return pos < end;
    }

    /** Offset of the next TLV (or the end). */
    public int position() {
        return pos;
    }

    /** The end of this level (exclusive). */
    public int end() {
        return end;
    }

    /** Nesting depth of the TLVs this reader returns (0 at the top). */
    public int depth() {
        return depth;
    }

    /** Bytes not read yet at this level. */
    public int remaining() {
        return end - pos;
    }

    /** The next TLV, advancing past it. */
    public Tlv next() throws BerException {
        Tlv t = peek();
        pos = t.end();
        return t;
    }

    /** The next TLV without advancing. */
    public Tlv peek() throws BerException {
        int p = pos;
        if (p >= end) throw new BerException(TRUNCATED, p);
        int first = buf[p++] & 0xff;
        int cls = first >>> 6;
        boolean constructed = (first & 0x20) != 0;
        int tag = first & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            for (int i = 0; ; i++) {
                if (p >= end) throw new BerException(TRUNCATED, p);
                if (i == 4) throw new BerException(TAG_TOO_LARGE, p);
                int b = buf[p++] & 0xff;
                tag = (tag << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) break;
            }
        }
        if (p >= end) throw new BerException(TRUNCATED, p);
        int lb = buf[p++] & 0xff;
        long len;
        if (lb < 0x80) {
            len = lb;
        } else if (lb == 0x80) {
            throw new BerException(INDEFINITE_LENGTH, p - 1);
        } else {
            int n = lb & 0x7f;
            if (n > 4) throw new BerException(BAD_LENGTH, p - 1);
            if (p + n > end) throw new BerException(TRUNCATED, p);
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (buf[p++] & 0xff);
                if (len > Integer.MAX_VALUE) throw new BerException(BAD_LENGTH, p);
            }
        }
        if (len > end - p) throw new BerException(len > buf.length - p ? TRUNCATED : BAD_LENGTH, p);
        return new Tlv(buf, cls, constructed, tag, pos, p, (int) len, depth, maxDepth);
    }

    /** The next TLV, which must have this class and number. */
    public Tlv expect(int tagClass, int tag) throws BerException {
        Tlv t = peek();
        if (t.tagClass() != tagClass || t.tag() != tag) throw new BerException(UNEXPECTED_TAG, t.start());
        pos = t.end();
        return t;
    }

    /** The next universal SEQUENCE's children. */
    public BerReader sequence() throws BerException {
        return expect(Ber.UNIVERSAL, Ber.SEQUENCE).children();
    }

    /** The next TLV if it has this class and number (an OPTIONAL field), else null without advancing. */
    public Tlv optional(int tagClass, int tag) throws BerException {
        if (pos >= end) return null;
        Tlv t = peek();
        if (t.tagClass() != tagClass || t.tag() != tag) return null;
        pos = t.end();
        return t;
    }

    /** The next context tag {@code [n]} if it comes next, else null (an OPTIONAL field). */
    public Tlv optionalContext(int n) throws BerException {
        return optional(Ber.CONTEXT, n);
    }

    /** Skips TLVs up to and including {@code [n]} and returns it, or null when this level ends first. */
    public Tlv findContext(int n) throws BerException {
        while (pos < end) {
            Tlv t = next();
            if (t.tagClass() == Ber.CONTEXT && t.tag() == n) return t;
        }
        return null;
    }

    /** Skips the rest of this level. */
    public void skipRest() {
        pos = end;
    }

    /** The next INTEGER as a long. */
    public long readLong() throws BerException {
        return expect(Ber.UNIVERSAL, Ber.INTEGER).asLong();
    }

    /** The next INTEGER as an int (an error when it does not fit). */
    public int readInt() throws BerException {
        return expect(Ber.UNIVERSAL, Ber.INTEGER).asInt();
    }

    /** The next OCTET STRING. */
    public Tlv readOctets() throws BerException {
        return expect(Ber.UNIVERSAL, Ber.OCTET_STRING);
    }

    /**
     * The total size (header and value) of the TLV that starts at {@code buf[off]}, for framing a stream of messages
     * (LDAP over TCP): -1 when {@code buf[off, end)} does not hold the whole header yet. The value itself may still be
     * incomplete; the caller waits for that many bytes (and bounds it by its own limit).
     */
    public static long frameLength(byte[] buf, int off, int end) throws BerException {
        int p = off;
        if (p >= end) return -1;
        int first = buf[p++] & 0xff;
        if ((first & 0x1f) == 0x1f) {
            for (int i = 0; ; i++) {
                if (p >= end) return -1;
                if (i == 4) throw new BerException(TAG_TOO_LARGE, p);
                if ((buf[p++] & 0x80) == 0) break;
            }
        }
        if (p >= end) return -1;
        int lb = buf[p++] & 0xff;
        if (lb < 0x80) return (p - off) + lb;
        if (lb == 0x80) throw new BerException(INDEFINITE_LENGTH, p - 1);
        int n = lb & 0x7f;
        if (n > 4) throw new BerException(BAD_LENGTH, p - 1);
        if (p + n > end) return -1;
        long len = 0;
        for (int i = 0; i < n; i++) len = (len << 8) | (buf[p++] & 0xff);
        return (p - off) + len;
    }

    @Override
    public String toString() {
        return "BerReader[" + start + ".." + end + " at " + pos + ", depth " + depth + "]";
    }
}
