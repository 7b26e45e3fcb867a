package org.nta.event;

/**
 * One command line a mail client sent (SMTP, POP3 or IMAP), on the frame that delivered its end. Lines that answer
 * an authentication challenge (base64) and message content are not commands.
 *
 * @param protocol  {@code smtp}, {@code pop} or {@code imap}
 * @param tag       the IMAP tag, else null
 * @param command   the command as sent ({@code EHLO}, {@code RETR}, {@code LOGIN} …; for IMAP {@code UID FETCH}
 *                  is {@code UID})
 * @param parameter what follows the command and one space, as sent ({@code ""} when nothing follows); an IMAP
 *                  LOGIN's password and an SMTP/POP AUTH's initial response are kept as sent (they are in the
 *                  capture); reports mask them
 */
public record MailCommand(long frame, long timeNs, ConnInfo conn, String protocol, String tag, String command,
                          String parameter) implements Event {}
