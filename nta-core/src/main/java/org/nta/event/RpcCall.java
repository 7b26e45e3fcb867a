package org.nta.event;

import java.util.Map;

/**
 * One DCE/RPC call: a request and its response or fault, paired by call_id on one connection (a TCP connection, or
 * one SMB named pipe), its fragments reassembled. Emitted when the answer completes, or when the connection ends
 * without one ({@code frame == requestFrame}, {@code status == -1}).
 *
 * @param carrier          {@code tcp} or {@code smb-pipe <name>} (the pipe's name as opened, e.g. {@code svcctl})
 * @param interfaceName    the bound interface as Wireshark names it ({@code svcctl}, {@code drsuapi} …), or null
 *                         when the bind was not seen or the UUID is not known
 * @param interfaceUuid    its UUID, or null when the bind was not seen
 * @param interfaceVersion its major version, or -1
 * @param opnum            the operation number
 * @param operation        the operation's name ({@code CreateServiceW}, {@code DsGetNCChanges} …), or null
 * @param requestFrame     the frame that completed the request's last fragment, or -1 when only the answer was seen
 * @param frame            the frame that completed the answer's last fragment (or {@code requestFrame} without one)
 * @param fault            the server answered with a fault PDU ({@code status} is the fault status)
 * @param status           the fault status; else the operation's return code (the stub's last four bytes: a
 *                         Win32 error or an NTSTATUS, 0 success); -1 when no answer (or a sealed one) was read
 * @param authType         auth_type of the request's sec_trailer, or -1
 * @param authLevel        auth_level of the request's sec_trailer, or -1
 * @param encrypted        auth level PKT_PRIVACY: the stubs are sealed and were not read
 * @param args             decoded arguments of the operations a detector needs ({@code service_name},
 *                         {@code binary_path}, {@code account_name}, {@code client_credential} …), in a fixed order
 * @param requestBytes     the request's stub bytes (all fragments)
 * @param responseBytes    the answer's stub bytes
 */
public record RpcCall(ConnInfo conn, String carrier, long callId, String interfaceName, String interfaceUuid,
                      int interfaceVersion, int opnum, String operation, long requestFrame, long requestTimeNs,
                      long frame, long timeNs, boolean fault, long status, int authType, int authLevel,
                      boolean encrypted, Map<String, String> args, long requestBytes, long responseBytes)
        implements Event {
    /** Whether the call was answered, without a fault and with a zero return code. */
    public boolean succeeded() {
        return !fault && status == 0;
    }

    /**
     * Separator of the list arguments ({@code lsa_names}, {@code disp_names}, {@code member_sids} …): a decoded string
     * never holds a NUL. (SAMR enumerations' {@code names} and {@code rids} are comma-joined: account names hold no comma.)
     */
    public static final char SEP = '\0';

    /** A list argument's values, in order; empty when absent. */
    public java.util.List<String> list(String name) {
        String v = args.get(name);
        return v == null ? java.util.List.of() : java.util.List.of(v.split(String.valueOf(SEP), -1));
    }

    /** A decoded argument, or null. */
    public String arg(String name) {
        return args.get(name);
    }
}
