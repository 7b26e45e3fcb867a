package org.nta.event;

import java.util.List;

/**
 * An FTP reply from the server, one-line or multi-line ({@code 123-first} … {@code 123 last}), on the frame that
 * delivered its last line end.
 *
 * @param code       the reply code ({@code ftp.response.code}), or -1 for a line that does not start with three digits
 * @param arg        the first line after the code and its space or hyphen ({@code ftp.response.arg}), or ""
 * @param lines      every line of the reply without line ends (bounded by the parser's limit)
 * @param firstFrame the frame that carried the reply's first byte
 */
public record FtpResponse(ConnInfo conn, long firstFrame, long frame, long timeNs, int code, String arg,
                          List<String> lines) implements Event {
    public FtpResponse {
        lines = List.copyOf(lines);
    }

    public boolean multiLine() {
        return lines.size() > 1;
    }
}
