package org.nta.cli;

/** A failure to report to the user as one line, with its exit code. */
public final class CliError extends RuntimeException {
    private final int exitCode;

    public CliError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
