package org.nta.app.ntlm;

/** A malformed NTLMSSP message: a checked error the caller counts (no stack trace; it is data, not a bug). */
public final class NtlmException extends Exception {
    /** What was wrong, by a stable name. */
    public enum Problem {
        /** Shorter than the fixed part of its message type. */
        TRUNCATED,
        /** No {@code NTLMSSP\0} signature at the start. */
        BAD_SIGNATURE,
        /** A message type other than 1, 2 or 3. */
        UNKNOWN_TYPE,
        /** A field's offset and length reach beyond the message. */
        FIELD_OUT_OF_BOUNDS
    }

    private final Problem problem;

    public NtlmException(Problem problem) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
