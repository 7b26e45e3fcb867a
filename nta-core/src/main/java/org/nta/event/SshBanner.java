package org.nta.event;

/**
 * An SSH identification string (RFC 4253 4.2), {@code SSH-protoversion-softwareversion SP comments}, from one
 * direction of a TCP connection.
 *
 * @param frame        the frame that delivered the end of the line
 * @param fromClient   sent by the client
 * @param protoVersion "2.0", "1.99", "1.5" ...
 * @param software     softwareversion, e.g. "OpenSSH_7.6p1"
 * @param comments     what follows the first space, e.g. "Ubuntu-4ubuntu0.3"; "" when absent
 * @param line         the whole line without CR LF, as tshark's ssh.protocol shows it (control octets escaped)
 * @param linesBefore  other lines the server sent before its identification (RFC 4253 allows them)
 */
public record SshBanner(long frame, long timeNs, ConnInfo conn, boolean fromClient, String protoVersion,
                        String software, String comments, String line, int linesBefore) implements Event {}
