package org.nta.cli;

/** A failure to report to the user as one line, with its exit code. */
final class CliError extends RuntimeException {
    private final int exitCode;

    CliError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
