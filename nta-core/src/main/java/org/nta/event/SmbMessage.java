package org.nta.event;

import java.util.List;

/**
 * One SMB message (or NetBIOS session service message) as it crossed the wire, on the frame that delivered its last
 * byte: what Wireshark shows per packet. Requests and responses are paired in {@link SmbCommand}.
 *
 * @param fromClient   sent by the client
 * @param version      1 (SMB1, {@code \xffSMB}), 2 (SMB2/3, {@code \xfeSMB} or {@code \xfdSMB}), or 0 for an NBSS
 *                     message that carries no SMB (session request, positive response, keep-alive)
 * @param nbssType     the NBSS message type (0 session message, 0x81 request, 0x82 positive response …), or -1
 *                     when SMB2 runs over TCP without it (never on the wire: 445 uses the same 4-byte header)
 * @param encrypted    an SMB3 transform header: the message inside is encrypted and not read
 * @param command      the SMB2 command (0 NEGOTIATE … 18 OPLOCK_BREAK) or the first SMB1 command; -1 for none
 * @param andx         SMB1 only: the commands of the AndX chain after the first, ending with 0xff
 * @param response     a response (SMB2 flag SERVER_TO_REDIR, SMB1 flag REPLY)
 * @param status       the NT status of a response; -1 for a request
 * @param messageId    SMB2 MessageId, SMB1 MID
 * @param sessionId    SMB2 SessionId (the transform header's for encrypted messages), SMB1 UID
 * @param treeId       SMB2 TreeId, SMB1 TID; -1 in an async SMB2 header
 * @param tree         the share path of the tree connect this message names or belongs to ({@code \\srv\share}),
 *                     or null when not known
 * @param fileName     the file name a CREATE (SMB1 NT CREATE ANDX) request opens, or a QUERY_INFO response's
 *                     FileAllInformation names, as Wireshark's {@code smb2.filename}; else null
 * @param dialects     the dialects a NEGOTIATE (or FSCTL_VALIDATE_NEGOTIATE_INFO) request offers or its response
 *                     chose (SMB2 revision numbers; SMB1
 *                     dialect strings are in {@code smb1Dialects})
 * @param smb1Dialects the dialect strings of an SMB1 NEGOTIATE request
 */
public record SmbMessage(long frame, long timeNs, ConnInfo conn, boolean fromClient, int version, int nbssType,
                         boolean encrypted, int command, List<Integer> andx, boolean response, long status,
                         long messageId, long sessionId, long treeId, String tree, String fileName,
                         List<Integer> dialects, List<String> smb1Dialects) implements Event {
    public SmbMessage {
        andx = List.copyOf(andx);
        dialects = List.copyOf(dialects);
        smb1Dialects = List.copyOf(smb1Dialects);
    }
}
