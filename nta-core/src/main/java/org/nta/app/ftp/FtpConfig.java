package org.nta.app.ftp;

/**
 * Limits of the FTP parsers.
 *
 * @param maxLineBytes      bytes of one command or reply line kept; longer lines are cut there and counted as
 *                          {@code ftp.line_too_long}
 * @param maxReplyLines     lines of one multi-line reply ({@code 123-} … {@code 123 }) kept; past them the reply is
 *                          closed and {@code ftp.reply_lines_limit} counted
 * @param maxPending        commands waiting for their reply (pipelined) kept per connection
 * @param maxFileBytes      bytes of each transferred file or listing kept for extraction (all are hashed and counted)
 * @param maxTransfers      data connections announced and not yet finished, per control connection
 * @param expectTimeoutNs   how long an announced data connection (PORT, EPRT, 227, 229) is awaited, capture time
 * @param maxExpectations   announced data connections awaited at once, across all control connections; the oldest
 *                          is dropped past it ({@code app.expectation_limit})
 */
public record FtpConfig(int maxLineBytes, int maxReplyLines, int maxPending, int maxFileBytes, int maxTransfers,
                        long expectTimeoutNs, int maxExpectations) {
    public static final FtpConfig DEFAULTS = new FtpConfig(4096, 200, 64, 256 << 10, 64, 120_000_000_000L, 4096);

    public FtpConfig withMaxFileBytes(int n) {
        return new FtpConfig(maxLineBytes, maxReplyLines, maxPending, n, maxTransfers, expectTimeoutNs, maxExpectations);
    }
}
