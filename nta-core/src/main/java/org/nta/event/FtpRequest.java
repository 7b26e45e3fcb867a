package org.nta.event;

/**
 * An FTP command line from the client, on the frame that delivered its line end.
 *
 * @param command the command as sent (Wireshark's {@code ftp.request.command}: the first word, case kept)
 * @param arg     what follows the command and the blanks after it ({@code ftp.request.arg}), or "" when nothing
 * @param firstFrame the frame that carried the line's first byte
 */
public record FtpRequest(ConnInfo conn, long firstFrame, long frame, long timeNs, String command, String arg) implements Event {
    /** The command in upper case, for comparisons. */
    public String verb() {
        return command.toUpperCase(java.util.Locale.ROOT);
    }
}
