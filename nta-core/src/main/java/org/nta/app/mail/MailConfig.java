package org.nta.app.mail;

/**
 * Limits of the mail parsers (SMTP, POP3, IMAP). Reaching one is counted under an anomaly whose {@code isLimit()} is
 * true; the parser keeps going.
 *
 * @param maxLineBytes     bytes kept of one command or reply line (and of one header line); the rest of a longer
 *                         line is skipped ({@code mail.line_too_long})
 * @param maxMessageBytes  bytes kept of one message (SMTP DATA/BDAT, POP RETR/TOP, an IMAP body literal); the rest
 *                         is counted in its size but not kept ({@code mail.message_truncated})
 * @param maxLiteralBytes  bytes of an IMAP literal {n} read as a literal; a larger announced size is read and skipped
 *                         as one ({@code imap.literal_too_large}) so the parser stays in step
 * @param maxMimeDepth     multipart nesting followed into a message ({@code mail.mime_depth_limit})
 * @param maxMimeParts     MIME parts read from one message ({@code mail.mime_part_limit})
 * @param maxPending       commands waiting for their reply on one connection (pipelining); older ones are dropped
 *                         ({@code mail.pending_limit})
 * @param maxHeaders       header fields kept per message
 */
public record MailConfig(int maxLineBytes, int maxMessageBytes, long maxLiteralBytes, int maxMimeDepth,
                         int maxMimeParts, int maxPending, int maxHeaders) {
    public static final MailConfig DEFAULTS = new MailConfig(16 << 10, 64 << 20, 64L << 20, 16, 256, 256, 256);

    public MailConfig {
        if (maxLineBytes < 16 || maxMessageBytes < 0 || maxLiteralBytes < 0 || maxMimeDepth < 1 || maxMimeParts < 1
                || maxPending < 1 || maxHeaders < 1) {
            throw new IllegalArgumentException("mail limits must be positive");
        }
    }

    public MailConfig withMaxMessageBytes(int n) {
        return new MailConfig(maxLineBytes, n, maxLiteralBytes, maxMimeDepth, maxMimeParts, maxPending, maxHeaders);
    }
}
