package org.nta.capture;

/**
 * Why reading stopped before a clean end of file: everything before {@code offset} (in the decompressed
 * stream) was read and analysed.
 */
public record ReadProblem(Kind kind, long offset, long afterFrame, String message) {
    public enum Kind {
        /** The file ends in the middle of a record or block. */
        TRUNCATED,
        /** A record or block header makes no sense (impossible length, bad block). */
        CORRUPT,
        /** The underlying stream failed (I/O error, broken compression). */
        IO_ERROR
    }

    public String describe() {
        return message + " at byte offset " + offset + " (after frame " + afterFrame + ")";
    }
}
