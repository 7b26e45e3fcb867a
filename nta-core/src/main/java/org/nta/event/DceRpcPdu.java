package org.nta.event;

import java.util.List;

/**
 * One connection-oriented DCE/RPC PDU (C706 chapter 12), on the frame that completed it (the TCP segment, or the SMB
 * message that carried it over a named pipe). What the display-filter fields read; the paired calls are
 * {@link RpcCall}s.
 *
 * @param carrier    {@code tcp} or {@code smb-pipe <name>}
 * @param fromClient sent by the client (the side that binds and sends requests)
 * @param ptype      packet type (0 request, 2 response, 3 fault, 11 bind, 12 bind_ack, 13 bind_nak, 14
 *                   alter_context, 15 alter_context_resp, 16 auth3 …)
 * @param flags      pfc_flags (0x01 first fragment, 0x02 last fragment, 0x80 object UUID …)
 * @param callId     call_id
 * @param contextIds request/response/fault: the one presentation context; bind/alter_context: every context offered
 * @param opnum      request (and, as Wireshark shows it, response and fault): the operation number, else -1
 * @param bindUuids  bind/alter_context: the abstract syntax UUID of each context offered (as Wireshark prints it)
 * @param authType   the sec_trailer's auth_type (9 SPNEGO, 10 NTLMSSP, 16 Kerberos …), or -1 without one
 * @param authLevel  the sec_trailer's auth_level (2 connect … 5 integrity, 6 privacy), or -1
 * @param status     fault: the status (0x1c010002 nca_s_op_rng_error …); bind_nak: the reject reason; else -1
 * @param args       the request that this PDU completed: its decoded arguments (the names an LSA or SAMR lookup
 *                   asks for …, see {@link RpcCall#args()}), so that fields of a request sit on the request's frame;
 *                   else empty
 */
public record DceRpcPdu(long frame, long timeNs, ConnInfo conn, String carrier, boolean fromClient, int ptype,
                        int flags, long callId, List<Integer> contextIds, int opnum, List<String> bindUuids,
                        int authType, int authLevel, long status, java.util.Map<String, String> args) implements Event {
}
