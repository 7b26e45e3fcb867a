package org.nta.filter;

import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import org.nta.event.DceRpcPdu;
import org.nta.event.RpcCall;

/**
 * Display-filter fields of connection-oriented DCE/RPC with Wireshark's names, read from the {@link DceRpcPdu}s
 * completed on the frame (over TCP or inside the SMB message that carried them).
 */
public final class DceRpcFields {
    private DceRpcFields() {}

    public static void register(FieldRegistry r) {
        r.registerProtocol("dcerpc", v -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) if (events.get(i) instanceof DceRpcPdu) return true;
            return false;
        });
        r.registerEventField("dcerpc.pkt_type", UINT, DceRpcPdu.class, (e, out) -> out.add(e.ptype()));
        r.registerEventField("dcerpc.cn_call_id", UINT, DceRpcPdu.class, (e, out) -> out.add(e.callId()));
        WinFields.hex(r, "dcerpc.cn_flags", 2, DceRpcPdu.class, (e, out) -> out.add(e.flags()));
        r.registerEventField("dcerpc.cn_ctx_id", UINT, DceRpcPdu.class, (e, out) -> {
            for (int id : e.contextIds()) out.add(id);
        });
        r.registerEventField("dcerpc.opnum", UINT, DceRpcPdu.class, (e, out) -> {
            if (e.opnum() >= 0) out.add(e.opnum());
        });
        r.registerEventField("dcerpc.cn_bind_to_uuid", STRING, DceRpcPdu.class, (e, out) -> {
            for (String u : e.bindUuids()) out.addString(u);
        });
        r.registerEventField("dcerpc.auth_type", UINT, DceRpcPdu.class, (e, out) -> {
            if (e.authType() >= 0) out.add(e.authType());
        });
        r.registerEventField("dcerpc.auth_level", UINT, DceRpcPdu.class, (e, out) -> {
            if (e.authLevel() >= 0) out.add(e.authLevel());
        });
        WinFields.hex(r, "dcerpc.cn_status", 8, DceRpcPdu.class, (e, out) -> {
            if (e.ptype() == 3 && e.status() >= 0) out.add(e.status());
        });
        // the names a SAMR enumeration answered, on the answer's frame
        r.registerEventField("samr.samr_SamEntry.name", STRING, RpcCall.class, (e, out) -> {
            String names = "samr".equals(e.interfaceName()) ? e.arg("names") : null;
            if (names != null && !names.isEmpty()) for (String n : names.split(",", -1)) out.addString(n);
        });
    }
}
