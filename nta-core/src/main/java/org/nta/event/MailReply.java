package org.nta.event;

/**
 * One reply line a mail server sent, on the frame that delivered its end: an SMTP reply line (every line of a
 * multi-line reply, as Wireshark shows a code per line), a POP3 status line, an IMAP tagged status or untagged
 * response line.
 *
 * @param protocol     {@code smtp}, {@code pop} or {@code imap}
 * @param tag          the IMAP tag ({@code *} for untagged, {@code +} for a continuation), else null
 * @param code         the SMTP reply code, else 0
 * @param status       {@code +OK}/{@code -ERR} (POP), {@code OK}/{@code NO}/{@code BAD}/{@code BYE}/{@code PREAUTH}
 *                     (IMAP), else null
 * @param text         what follows the code or status
 * @param last         the line ends its reply (SMTP: the line with a space after the code; always true otherwise)
 * @param command      the command this reply answers, or null (a greeting, an untagged line)
 * @param commandFrame the frame of that command, or 0
 */
public record MailReply(long frame, long timeNs, ConnInfo conn, String protocol, String tag, int code, String status,
                        String text, boolean last, String command, long commandFrame) implements Event {}
