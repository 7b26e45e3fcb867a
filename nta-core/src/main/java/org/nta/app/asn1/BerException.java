package org.nta.app.asn1;

/**
 * Malformed BER: a checked error the caller catches once per message and counts as an anomaly. It carries no stack
 * trace (it is data about the input, not a bug), so throwing it costs about as much as returning.
 */
public final class BerException extends Exception {
    /** What was wrong, by a stable name. */
    public enum Problem {
        /** The input ended inside a tag, a length or a value. */
        TRUNCATED,
        /** A length that does not fit in its parent, a long form of more than 4 octets, or a reserved form. */
        BAD_LENGTH,
        /** The indefinite length form (0x80), which DER forbids and the protocols read here never send. */
        INDEFINITE_LENGTH,
        /** A high tag number longer than 4 octets. */
        TAG_TOO_LARGE,
        /** Constructed values nested deeper than the reader's limit. */
        TOO_DEEP,
        /** Not the tag the structure requires at this place. */
        UNEXPECTED_TAG,
        /** A value whose content is invalid for its type (an INTEGER too long, an empty BOOLEAN, a bad OID). */
        BAD_VALUE
    }

    private final Problem problem;
    private final int offset;

    public BerException(Problem problem, int offset) {
        super(problem + " at offset " + offset, null, false, false);
        this.problem = problem;
        this.offset = offset;
    }

    public Problem problem() {
        return problem;
    }

    /** Offset in the buffer where the problem was found. */
    public int offset() {
        return offset;
    }
}
