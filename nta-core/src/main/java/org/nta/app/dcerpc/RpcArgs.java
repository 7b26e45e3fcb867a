package org.nta.app.dcerpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the NDR arguments of the operations detectors judge: svcctl service creation and control ([MS-SCMR]),
 * netlogon's secure-channel set-up ([MS-NRPC] 3.5.4.4), task registration ([MS-TSCH] atsvc JobAdd and
 * SchRpcRegisterTask), registry writes ([MS-RRP]). Context handles returned by an open are remembered with what they
 * name, so a later StartServiceW, DeleteService or SetValue says which service or key it acted on. Every other
 * operation is named, not decoded. SAMR's enumerations ([MS-SAMR] 3.1.5.2: EnumerateDomainsInSamServer,
 * EnumerateGroupsInDomain, EnumerateUsersInDomain, EnumerateAliasesInDomain) give the names and RIDs they listed;
 * QueryDisplayInformation/2/3 the account names, full names and descriptions; LookupNamesInDomain the names asked,
 * LookupIdsInDomain the names answered, GetMembersInGroup and GetMembersInAlias the members' RIDs and SIDs. LSA
 * lookups ([MS-LSAT] LsarLookupNames/2/3/4 and LsarLookupSids/2/3) give the names or SIDs asked and the domains,
 * names and SIDs answered. Lists are bounded by {@link #MAX_LISTED} and the strings by the configured length.
 */
final class RpcArgs {
    /** Context handles (hex) → the service or key they name, bounded. */
    static final class Handles {
        private final int max;
        private final LinkedHashMap<String, String> map = new LinkedHashMap<>();

        Handles(int max) {
            this.max = max;
        }

        void put(String handle, String name) {
            if (handle == null || name == null) return;
            if (map.size() >= max && !map.containsKey(handle)) map.remove(map.keySet().iterator().next());
            map.put(handle, name);
        }

        String get(String handle) {
            return handle == null ? null : map.get(handle);
        }
    }

    private static final Pattern COMMAND = Pattern.compile("<Command>([^<]*)</Command>"),
            ARGUMENTS = Pattern.compile("<Arguments>([^<]*)</Arguments>");

    private RpcArgs() {}

    /** Decodes a request's arguments into {@code out}; false when the stub did not fit the operation's layout. */
    static boolean request(String uuid, int opnum, NdrReader r, Map<String, String> out, Handles h) {
        if (uuid == null) return true;
        switch (uuid) {
            case DceRpcNames.SVCCTL -> svcctl(opnum, r, out, h);
            case DceRpcNames.NETLOGON -> netlogon(opnum, r, out);
            case DceRpcNames.ATSVC -> {
                if (opnum == 0) { // JobAdd: ServerName, AT_INFO {JobTime, DaysOfMonth, DaysOfWeek, Flags, Command}
                    put(out, "server_name", r.uniqueString());
                    r.u32();
                    r.u32();
                    r.u8();
                    r.u8();
                    if (r.u32() != 0) put(out, "command", r.string());
                }
            }
            case DceRpcNames.TASKSCHD -> {
                if (opnum == 1) { // SchRpcRegisterTask: path, xml, flags …
                    put(out, "path", r.uniqueString());
                    String xml = r.string();
                    put(out, "command", command(xml));
                } else if (opnum == 12 || opnum == 13) { // SchRpcRun, SchRpcDelete
                    put(out, "path", r.string());
                }
            }
            case DceRpcNames.WINREG -> winreg(opnum, r, out, h);
            case DceRpcNames.LSARPC -> {
                if (opnum == 14 || opnum == 58 || opnum == 68 || opnum == 77) { // LsarLookupNames, 2, 3, 4
                    if (opnum != 77) r.handle();
                    r.u32(); // Count
                    strings(r, out, "lsa_lookup_names", r.u32(), "s");
                } else if (opnum == 15 || opnum == 57 || opnum == 76) { // LsarLookupSids, 2, 3: SidEnumBuffer
                    if (opnum != 76) r.handle();
                    r.u32(); // Entries
                    if (r.u32() != 0) strings(r, out, "lsa_lookup_sids", r.u32(), "p");
                }
            }
            case DceRpcNames.SAMR -> {
                if (opnum == 17) { // SamrLookupNamesInDomain: Names[size_is(1000), length_is(Count)]
                    r.handle();
                    r.u32(); // Count
                    r.u32(); // max_count
                    if (r.u32() != 0) r.bad = true; // offset
                    else strings(r, out, "samr_lookup_names", r.u32(), "s");
                }
            }
            default -> {
            }
        }
        return !r.bad;
    }

    /** A response's output arguments; the return code is read by the parser. */
    static boolean response(String uuid, int opnum, NdrReader r, Map<String, String> req, Map<String, String> out, Handles h) {
        if (uuid == null) return true;
        switch (uuid) {
            case DceRpcNames.SVCCTL -> {
                if (opnum == 12 || opnum == 44) { // CreateServiceW: lpdwTagId, lpServiceHandle
                    r.uniqueU32();
                    h.put(r.handle(), req.get("service_name"));
                } else if (opnum == 16) {
                    h.put(r.handle(), req.get("service_name"));
                }
            }
            case DceRpcNames.NETLOGON -> {
                if (opnum == 4) put(out, "server_challenge", r.hex(8));
                else if (opnum == 26 || opnum == 15) {
                    put(out, "server_credential", r.hex(8));
                    put(out, "negotiate_flags_granted", String.format("0x%08x", r.u32()));
                }
            }
            case DceRpcNames.SAMR -> samrResponse(opnum, r, out);
            case DceRpcNames.LSARPC -> {
                if (opnum == 14 || opnum == 15 || opnum == 57 || opnum == 58 || opnum == 68 || opnum == 76 || opnum == 77) {
                    lsaLookupAnswer(opnum, r, out);
                }
            }
            case DceRpcNames.WINREG -> {
                if (opnum <= 4 || opnum >= 27 && opnum <= 28 || opnum == 32 || opnum == 33) {
                    h.put(r.handle(), hive(opnum));
                } else if (opnum == 15) {
                    h.put(r.handle(), req.get("key"));
                } else if (opnum == 6) {
                    h.put(r.handle(), req.get("key"));
                }
            }
            default -> {
            }
        }
        return !r.bad;
    }

    private static void svcctl(int opnum, NdrReader r, Map<String, String> out, Handles h) {
        switch (opnum) {
            case 12, 44 -> { // CreateServiceW (and the WOW64 twin)
                r.handle();
                put(out, "service_name", r.string());
                put(out, "display_name", r.uniqueString());
                r.u32(); // dwDesiredAccess
                put(out, "service_type", String.format("0x%08x", r.u32()));
                put(out, "start_type", Long.toString(r.u32()));
                r.u32(); // dwErrorControl
                put(out, "binary_path", r.string());
            }
            case 11 -> { // ChangeServiceConfigW: the binary path, when changed
                put(out, "service_name", h.get(r.handle()));
                r.u32();
                put(out, "start_type", Long.toString(r.u32()));
                r.u32();
                put(out, "binary_path", r.uniqueString());
            }
            case 15 -> { // OpenSCManagerW
                put(out, "machine_name", r.uniqueString());
                put(out, "database_name", r.uniqueString());
            }
            case 16 -> { // OpenServiceW
                r.handle();
                put(out, "service_name", r.string());
            }
            case 1 -> { // ControlService
                put(out, "service_name", h.get(r.handle()));
                put(out, "control", Long.toString(r.u32()));
            }
            case 2, 19 -> put(out, "service_name", h.get(r.handle())); // DeleteService, StartServiceW
            default -> {
            }
        }
    }

    private static void netlogon(int opnum, NdrReader r, Map<String, String> out) {
        switch (opnum) {
            case 4 -> { // NetrServerReqChallenge
                put(out, "primary_name", r.uniqueString());
                put(out, "computer_name", r.string());
                put(out, "client_challenge", r.hex(8));
            }
            case 5, 15, 26 -> { // NetrServerAuthenticate, 2, 3
                put(out, "primary_name", r.uniqueString());
                put(out, "account_name", r.string());
                put(out, "secure_channel_type", Integer.toString(r.u16()));
                put(out, "computer_name", r.string());
                put(out, "client_credential", r.hex(8));
                if (opnum != 5) put(out, "negotiate_flags", String.format("0x%08x", r.u32()));
            }
            case 30 -> { // NetrServerPasswordSet2: the new password buffer, all zero in Zerologon's second step
                put(out, "primary_name", r.uniqueString());
                put(out, "account_name", r.string());
                put(out, "secure_channel_type", Integer.toString(r.u16()));
                put(out, "computer_name", r.string());
                put(out, "authenticator_credential", r.hex(8));
                r.u32();
                byte[] pw = r.bytes(516);
                if (pw != null) {
                    boolean zero = true;
                    for (byte x : pw) zero &= x == 0;
                    out.put("new_password_zero", Boolean.toString(zero));
                }
            }
            default -> {
            }
        }
    }

    private static void winreg(int opnum, NdrReader r, Map<String, String> out, Handles h) {
        switch (opnum) {
            case 6, 15 -> { // CreateKey, OpenKey
                String parent = h.get(r.handle());
                put(out, "key", join(parent, r.unicodeString()));
            }
            case 7 -> { // DeleteKey
                String parent = h.get(r.handle());
                put(out, "key", join(parent, r.unicodeString()));
            }
            case 8 -> { // DeleteValue
                put(out, "key", h.get(r.handle()));
                put(out, "value_name", r.unicodeString());
            }
            case 22 -> { // SetValue: hKey, lpValueName, dwType, lpData, cbData
                put(out, "key", h.get(r.handle()));
                put(out, "value_name", r.unicodeString());
                long type = r.u32();
                put(out, "value_type", Long.toString(type));
                byte[] data = r.conformantBytes();
                if (data != null && (type == 1 || type == 2)) { // REG_SZ, REG_EXPAND_SZ
                    String s = new String(data, 0, data.length & ~1, java.nio.charset.StandardCharsets.UTF_16LE);
                    int nul = s.indexOf('\0');
                    put(out, "value", nul >= 0 ? s.substring(0, nul) : s);
                } else if (data != null && type == 4 && data.length == 4) {
                    put(out, "value", Long.toString(org.nta.bytes.Bytes.u32lle(data, 0)));
                }
            }
            default -> {
            }
        }
    }

    private static String hive(int opnum) {
        return switch (opnum) {
            case 0 -> "HKCR";
            case 1 -> "HKCU";
            case 2 -> "HKLM";
            case 3 -> "HKPD";
            case 4 -> "HKU";
            case 27 -> "HKCC";
            case 28 -> "HKDD";
            case 32 -> "HKPT";
            default -> "HKPN";
        };
    }

    private static String join(String parent, String key) {
        if (key == null) return parent;
        return parent == null ? key : parent + "\\" + key;
    }

    /** The command a task's XML runs: its {@code <Command>} and {@code <Arguments>}, or null. */
    static String command(String xml) {
        if (xml == null) return null;
        Matcher c = COMMAND.matcher(xml);
        if (!c.find()) return null;
        String cmd = unescape(c.group(1).strip());
        Matcher a = ARGUMENTS.matcher(xml);
        return a.find() ? cmd + " " + unescape(a.group(1).strip()) : cmd;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /** Names listed per answer, at most (the count says how many there were). */
    static final int MAX_LISTED = 1000;

    /**
     * The out-arguments of a SAMR enumeration: EnumerationContext, a unique pointer to SAMPR_ENUMERATION_BUFFER
     * (EntriesRead, a unique pointer to a conformant array of SAMPR_RID_ENUMERATION {RelativeId, RPC_UNICODE_STRING}
     * whose strings follow the array), CountReturned. Sets {@code names} (comma-joined: account names cannot hold a
     * comma), {@code rids} and {@code count}.
     */
    static void ridEnumeration(NdrReader r, Map<String, String> out) {
        r.u32(); // EnumerationContext
        if (r.u32() == 0) return; // no buffer
        long n = r.u32();
        if (r.u32() == 0 || n == 0) {
            put(out, "count", "0");
            return;
        }
        long max = r.u32();
        if (r.bad || max != n || n * 12 > r.remaining()) {
            r.bad = true;
            return;
        }
        int count = (int) n;
        long[] rids = new long[count];
        boolean[] named = new boolean[count];
        for (int i = 0; i < count; i++) {
            rids[i] = r.u32();
            r.u16();
            r.u16();
            named[i] = r.u32() != 0;
        }
        StringBuilder names = new StringBuilder(), ids = new StringBuilder();
        for (int i = 0; i < count && !r.bad; i++) {
            String s = named[i] ? r.string() : "";
            if (i >= MAX_LISTED) continue;
            if (i > 0) {
                names.append(',');
                ids.append(',');
            }
            names.append(s == null ? "" : s);
            ids.append(rids[i]);
        }
        if (r.bad) return;
        put(out, "names", names.toString());
        put(out, "rids", ids.toString());
        put(out, "count", Integer.toString(count));
    }

    /**
     * Separator of the list arguments decoded below ({@code lsa_names}, {@code disp_full_names} …): a decoded string
     * never holds a NUL ({@link NdrReader} cuts there), while a full name or a description may hold a comma.
     */
    static final char SEP = org.nta.event.RpcCall.SEP;

    /** SAMR answers: enumerations, display information, RID and member lookups ([MS-SAMR] 3.1.5). */
    private static void samrResponse(int opnum, NdrReader r, Map<String, String> out) {
        switch (opnum) {
            case 6, 11, 13, 15 -> ridEnumeration(r, out);
            case 40, 48, 51 -> displayInfo(r, out);
            case 18 -> { // SamrLookupIdsInDomain: Names {Count, Element}, Use
                r.u32();
                if (r.u32() != 0) strings(r, out, "samr_rid_names", r.u32(), "s");
            }
            case 25 -> { // SamrGetMembersInGroup: a unique pointer to {MemberCount, Members, Attributes}
                if (r.u32() == 0) return;
                long n = r.u32();
                boolean members = r.u32() != 0;
                r.u32();
                if (!members || r.bad) return;
                long max = r.u32();
                if (r.bad || max != n || max * 4 > r.remaining()) {
                    r.bad = true;
                    return;
                }
                StringBuilder sb = new StringBuilder();
                for (long i = 0; i < max && !r.bad; i++) {
                    long rid = r.u32();
                    if (i >= MAX_LISTED) continue;
                    if (i > 0) sb.append(SEP);
                    sb.append(rid);
                }
                if (r.bad) return;
                put(out, "member_rids", sb.toString());
                put(out, "count", Long.toString(n));
            }
            case 33 -> { // SamrGetMembersInAlias: {Count, Sids → SAMPR_SID_INFORMATION[]}
                r.u32();
                if (r.u32() != 0) strings(r, out, "member_sids", r.u32(), "p");
            }
            default -> {
            }
        }
    }

    /**
     * SamrQueryDisplayInformation, 2 and 3: TotalAvailable, TotalReturned, the level (the union's switch), EntriesRead
     * and a unique pointer to the entries: users (1: Index, Rid, AccountControl, AccountName, AdminComment, FullName),
     * machines (2) and groups (3: Index, Rid, AccountControl or Attributes, AccountName, AdminComment), OEM names (4
     * and 5: Index, an 8-bit RPC_STRING). Sets {@code disp_level}, {@code disp_names} and, where the level has them,
     * {@code disp_descriptions} and {@code disp_full_names} (each the strings present, in order).
     */
    static void displayInfo(NdrReader r, Map<String, String> out) {
        r.u32();
        r.u32();
        int level = r.u16();
        r.u32(); // EntriesRead
        if (r.bad || r.u32() == 0) return;
        String layout = switch (level) {
            case 1 -> "uuusss";
            case 2, 3 -> "uuuss";
            case 4, 5 -> "ua";
            default -> null;
        };
        if (layout == null) return;
        Map<String, String> m = new LinkedHashMap<>();
        strings(r, m, "names", r.u32(), layout);
        if (r.bad) return;
        out.put("disp_level", Integer.toString(level));
        putList(out, "disp_names", m.get("names"));
        if (level <= 3) putList(out, "disp_descriptions", m.get("names1"));
        if (level == 1) putList(out, "disp_full_names", m.get("names2"));
        put(out, "count", m.get("count"));
    }

    /**
     * The answer of an LSA lookup ([MS-LSAT] 3.1.4.4 to 3.1.4.9): a unique pointer to the referenced domains
     * ({Entries, Domains → {Name, Sid}[], MaxEntries}), then the translations: names for LookupSids/2/3 ({Entries,
     * Names → {Use, Name, DomainIndex[, Flags]}[]}), SIDs for LookupNames3/4 ({Entries, Sids → {Use, Sid,
     * DomainIndex, Flags}[]}); LookupNames and LookupNames2 translate to RIDs, not read. Sets {@code lsa_domains},
     * {@code lsa_domain_sids}, {@code lsa_names} (every name answered, in order), {@code resolved_names} (those of a
     * known type: not SidTypeInvalid or SidTypeUnknown, whose "name" is the SID's RID in hex), {@code resolved_users}
     * (those of SidTypeUser) and {@code lsa_sids}.
     */
    static void lsaLookupAnswer(int opnum, NdrReader r, Map<String, String> out) {
        if (r.u32() != 0) {
            r.u32(); // Entries
            boolean domains = r.u32() != 0;
            r.u32(); // MaxEntries
            if (domains) {
                Map<String, String> m = new LinkedHashMap<>();
                strings(r, m, "d", r.u32(), "sp");
                if (r.bad) return;
                putList(out, "lsa_domains", m.get("d"));
                putList(out, "lsa_domain_sids", m.get("d1"));
            }
        }
        if (opnum == 14 || opnum == 58) return;
        r.u32(); // Entries
        if (r.bad || r.u32() == 0) return;
        if (opnum == 68 || opnum == 77) {
            strings(r, out, "lsa_sids", r.u32(), "upuu");
            return;
        }
        Map<String, String> m = new LinkedHashMap<>();
        strings(r, m, "n", r.u32(), opnum == 15 ? "usu" : "usuu");
        if (r.bad) return;
        putList(out, "lsa_names", m.get("n"));
        putList(out, "resolved_names", m.get("resolved"));
        putList(out, "resolved_users", m.get("resolved_users"));
        put(out, "count", m.get("count"));
    }

    /**
     * {@code count} NDR structures laid out as {@code layout} ('u' a 32-bit integer, 's' an RPC_UNICODE_STRING, 'a'
     * an 8-bit RPC_STRING, 'p' a unique pointer to an RPC_SID), the array's conformance already read, then what their
     * pointers point to, in order. The i-th string or SID member's values (those present and not empty, of the first
     * {@link #MAX_LISTED} elements) go to {@code key}, {@code key1}, {@code key2} …, joined by {@link #SEP};
     * {@code count} gets the element count. With a leading 'u' (an LSA translation's Use), {@code resolved} gets
     * the first string (an RPC_UNICODE_STRING) of elements whose type is known (neither 7 SidTypeInvalid nor 8 SidTypeUnknown).
     */
    private static void strings(NdrReader r, Map<String, String> out, String key, long count, String layout) {
        int size = 0, members = 0;
        for (int i = 0; i < layout.length(); i++) {
            char c = layout.charAt(i);
            size += c == 's' || c == 'a' ? 8 : 4;
            if (c != 'u') members++;
        }
        if (r.bad || count * size > r.remaining()) {
            r.bad = true;
            return;
        }
        int n = (int) count, kept = Math.min(n, MAX_LISTED);
        boolean[] present = new boolean[n * members];
        int[] use = new int[kept];
        for (int i = 0; i < n && !r.bad; i++) {
            for (int j = 0, m = 0; j < layout.length(); j++) {
                char c = layout.charAt(j);
                if (c == 'u') {
                    long v = r.u32();
                    if (j == 0 && i < kept) use[i] = (int) (v & 0xffff);
                    continue;
                }
                if (c != 'p') {
                    r.u16();
                    r.u16();
                }
                present[i * members + m++] = r.u32() != 0;
            }
        }
        StringBuilder[] lists = new StringBuilder[members];
        for (int m = 0; m < members; m++) lists[m] = new StringBuilder();
        StringBuilder resolved = new StringBuilder(), users = new StringBuilder();
        boolean[] first = new boolean[members];
        java.util.Arrays.fill(first, true);
        boolean firstResolved = true;
        for (int i = 0; i < n && !r.bad; i++) {
            for (int j = 0, m = 0; j < layout.length(); j++) {
                char c = layout.charAt(j);
                if (c == 'u') continue;
                if (present[i * members + m]) {
                    String v = c == 's' ? r.string() : c == 'a' ? r.ascii() : r.sid();
                    if (v != null && !v.isEmpty() && i < kept) { // an empty string is not listed, as Wireshark shows none
                        if (!first[m]) lists[m].append(SEP);
                        lists[m].append(v);
                        first[m] = false;
                        if (m == 0 && c == 's' && layout.charAt(0) == 'u' && use[i] != 7 && use[i] != 8) {
                            if (!firstResolved) resolved.append(SEP);
                            resolved.append(v);
                            firstResolved = false;
                            if (use[i] == 1) users.append(users.isEmpty() ? "" : String.valueOf(SEP)).append(v); // SidTypeUser
                        }
                    }
                }
                m++;
            }
        }
        if (r.bad) return;
        for (int m = 0; m < members; m++) if (!first[m]) out.put(m == 0 ? key : key + m, lists[m].toString());
        if (!firstResolved) out.put("resolved", resolved.toString());
        if (!users.isEmpty()) out.put("resolved_users", users.toString());
        out.put("count", Integer.toString(n));
    }

    private static void putList(Map<String, String> out, String k, String v) {
        if (v != null) out.put(k, v);
    }

    private static void put(Map<String, String> out, String k, String v) {
        if (v != null) out.put(k, v);
    }
}
