package org.nta.event;

/**
 * One SMB request and its response, paired by MessageId (SMB2) or MID (SMB1), whatever order they came in and
 * whether they were compounded. Emitted when the final response arrives (an interim STATUS_PENDING does not count),
 * or when the connection ends without one ({@code frame == requestFrame}, {@code status == -1}).
 *
 * @param version       1 (SMB1) or 2 (SMB2/3); an SMB1 NEGOTIATE answered by an SMB2 one (the upgrade) is 1 with
 *                      {@code dialect} the SMB2 revision chosen (0x02ff for "any SMB2")
 * @param command       SMB2 command number or SMB1 command code
 * @param commandName   as Wireshark names it: {@code NEGOTIATE}, {@code SESSION_SETUP}, {@code TREE_CONNECT},
 *                      {@code CREATE}, {@code READ}, {@code WRITE} …
 * @param tree          share path ({@code \\server\share}) of the tree the request ran in (for TREE_CONNECT, the one
 *                      asked for), or null
 * @param fileName      file or pipe the request names (CREATE) or acts on (READ, WRITE, CLOSE …), or null
 * @param requestFrame  the frame that completed the request, or -1 when only the response was seen
 * @param frame         the frame that completed the response (or {@code requestFrame} when there was none)
 * @param status        the NT status of the response, -1 when none was seen
 * @param statusName    its name ({@code STATUS_SUCCESS}, {@code STATUS_LOGON_FAILURE} …), or null
 * @param dialect       NEGOTIATE: the dialect chosen; else 0
 * @param disposition   CREATE: the CreateDisposition asked for (1 FILE_OPEN, 2 FILE_CREATE, 5 FILE_OVERWRITE_IF …), else -1
 * @param createAction  CREATE: what the server did (0 superseded, 1 opened, 2 created, 3 overwritten), else -1
 * @param offset        READ/WRITE: the file offset, else -1
 * @param length        READ/WRITE: bytes asked for (read) or sent (write), else -1
 * @param mechanism     SESSION_SETUP: the security mechanism in the blob ({@code NTLMSSP}, {@code Kerberos}), else null
 * @param user          SESSION_SETUP with NTLMSSP: {@code DOMAIN\\user} of the AUTHENTICATE message; else the user of
 *                      the session, or null
 * @param encrypted     the session was encrypted (SMB3 transform): nothing but this pairing is known
 */
public record SmbCommand(ConnInfo conn, int version, int command, String commandName, long messageId, long sessionId,
                         long treeId, String tree, String fileName, long requestFrame, long requestTimeNs, long frame,
                         long timeNs, long status, String statusName, int dialect, int disposition, int createAction,
                         long offset, long length, String mechanism, String user, boolean encrypted) implements Event {
    /** Whether the server answered with a success (or informational) status. */
    public boolean succeeded() {
        return status >= 0 && (status >>> 30) < 2;
    }
}
