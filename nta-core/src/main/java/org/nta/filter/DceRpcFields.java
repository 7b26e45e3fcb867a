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
        // LSA lookups: the names asked (LookupNames/2/3/4 requests), the domains referenced and the names translated
        // (answers), in the order Wireshark's lsarpc dissector shows every lsa_String
        both(r, "lsarpc.lsa.string", (e, out) -> list(e.args().get("lsa_lookup_names"), out), (e, out) -> {
            if (!"lsarpc".equals(e.interfaceName())) return;
            list(e.arg("lsa_domains"), out);
            list(e.arg("lsa_names"), out);
        });
        // SIDs: asked by LSA LookupSids requests; answered by LSA lookups (domains, then LookupNames3/4's translations)
        // and by SAMR GetMembersInAlias (the alias's members)
        both(r, "dcerpc.nt.domain_sid", (e, out) -> list(e.args().get("lsa_lookup_sids"), out), (e, out) -> {
            if ("lsarpc".equals(e.interfaceName())) {
                list(e.arg("lsa_domain_sids"), out);
                list(e.arg("lsa_sids"), out);
            } else if ("samr".equals(e.interfaceName())) {
                list(e.arg("member_sids"), out);
            }
        });
        // SAMR QueryDisplayInfo/2/3 answers, by level: 1 users, 2 machines, 3 groups, 4 and 5 OEM (8-bit) names
        display(r, "samr.samr_DispEntryGeneral.account_name", "1", "disp_names");
        display(r, "samr.samr_DispEntryGeneral.full_name", "1", "disp_full_names");
        display(r, "samr.samr_DispEntryGeneral.description", "1", "disp_descriptions");
        display(r, "samr.samr_DispEntryFull.account_name", "2", "disp_names");
        display(r, "samr.samr_DispEntryFull.description", "2", "disp_descriptions");
        display(r, "samr.samr_DispEntryFullGroup.account_name", "3", "disp_names");
        display(r, "samr.samr_DispEntryFullGroup.description", "3", "disp_descriptions");
        display(r, "samr.samr_DispEntryAscii.account_name", "45", "disp_names");
        // SAMR LookupNames requests (the names asked) and LookupRids answers (the names of the RIDs)
        r.registerEventField("samr.samr_LookupNames.names", STRING, DceRpcPdu.class, (e, out) -> list(e.args().get("samr_lookup_names"), out));
        r.registerEventField("samr.lsa_Strings.names", STRING, RpcCall.class, (e, out) -> {
            if ("samr".equals(e.interfaceName())) list(e.arg("samr_rid_names"), out);
        });
        // the member RIDs a SAMR GetMembersInGroup (QueryGroupMember) answered; Wireshark's samr.rid is also on other
        // SAMR calls (OpenUser, LookupNames …), not read here
        r.registerEventField("samr.rid", UINT, RpcCall.class, (e, out) -> {
            String rids = "samr".equals(e.interfaceName()) ? e.arg("member_rids") : null;
            if (rids == null) return;
            for (String x : rids.split(String.valueOf(org.nta.event.RpcCall.SEP), -1)) {
                try {
                    out.add(Long.parseLong(x));
                } catch (NumberFormatException ignored) {
                    // written by RpcArgs as decimal: never
                }
            }
        });
    }

    /** A string field on requests' frames (from {@link DceRpcPdu#args()}) and on answers' (from {@link RpcCall}). */
    private static void both(FieldRegistry r, String name, java.util.function.BiConsumer<DceRpcPdu, Values> request,
                             java.util.function.BiConsumer<RpcCall, Values> answer) {
        r.register(name, STRING, (v, out) -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) {
                if (events.get(i) instanceof DceRpcPdu p) request.accept(p, out);
                else if (events.get(i) instanceof RpcCall c) answer.accept(c, out);
            }
        });
    }

    private static void display(FieldRegistry r, String name, String levels, String key) {
        r.registerEventField(name, STRING, RpcCall.class, (e, out) -> {
            String level = "samr".equals(e.interfaceName()) ? e.arg("disp_level") : null;
            if (level != null && level.length() == 1 && levels.contains(level)) list(e.arg(key), out);
        });
    }

    /** A list argument of {@link RpcCall} (values joined by {@link RpcCall#SEP}), one value each. */
    private static void list(String joined, Values out) {
        if (joined == null) return;
        for (String v : joined.split(String.valueOf(RpcCall.SEP), -1)) out.addString(v);
    }
}
