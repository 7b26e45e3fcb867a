package org.nta.event;

import java.util.List;

/**
 * One e-mail message carried by SMTP (DATA or BDAT), POP3 (RETR, TOP) or IMAP (a FETCH body), on the frame that
 * completed it. Header values are as sent, unfolded; {@code subject} has RFC 2047 encoded words decoded.
 *
 * @param protocol     {@code smtp}, {@code pop} or {@code imap}
 * @param command      {@code DATA}, {@code BDAT}, {@code RETR}, {@code TOP}, {@code FETCH}
 * @param firstFrame   the frame with the message's first byte
 * @param fromClient   sent by the client (SMTP) rather than fetched from the server
 * @param from         the From header, or null
 * @param to           the To header's addresses (and Cc's), as listed
 * @param subject      the Subject, encoded words decoded, or null
 * @param rawSubject   the Subject as sent, or null
 * @param date         the Date header, or null
 * @param messageId    the Message-ID header, or null
 * @param size         bytes of the message (dot-unstuffed for SMTP and POP), counted even past the keep limit
 * @param truncated    fewer bytes than {@code size} were kept (and parsed)
 * @param incomplete   bytes are missing (a gap, the connection ended inside it)
 * @param attachments  names of the attachments (one TransferredFile each), "" for a nameless one
 * @param mailFrom     the SMTP envelope sender (MAIL FROM), or null
 * @param rcptTo       the SMTP envelope recipients (RCPT TO) the server accepted or did not answer
 * @param user         the account logged in on the session, or null
 * @param headers      header fields as "Name: value", in order, up to the configured count
 */
public record MailMessage(long frame, long timeNs, ConnInfo conn, String protocol, String command, long firstFrame,
                          boolean fromClient, String from, List<String> to, String subject, String rawSubject,
                          String date, String messageId, long size, boolean truncated, boolean incomplete,
                          List<String> attachments, String mailFrom, List<String> rcptTo, String user,
                          List<String> headers) implements Event {
    public MailMessage {
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
        rcptTo = List.copyOf(rcptTo);
        headers = List.copyOf(headers);
    }

    /** The first value of a header (name without case), or null. */
    public String header(String name) {
        for (String h : headers) {
            int c = h.indexOf(':');
            if (c == name.length() && h.regionMatches(true, 0, name, 0, c)) return h.substring(c + 1).strip();
        }
        return null;
    }
}
