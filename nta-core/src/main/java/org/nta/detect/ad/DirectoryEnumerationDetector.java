package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.KerberosMessage;
import org.nta.event.LdapMessage;
import org.nta.event.RpcCall;

/**
 * Account and group enumeration over DCE/RPC (T1087.002, T1069.002): a host that is not a domain controller asks a
 * server's samr or lsarpc interface for its lists (EnumDomainUsers, EnumDomainGroups, EnumDomainAliases,
 * QueryDisplayInfo, group and alias members, LSA accounts and trusts: what secretsdump, enum4linux, net rpc and
 * BloodHound's collectors ask), or resolves SIDs or RIDs one after another (RID cycling, lookupsid). Opening a
 * policy, looking up one's own domain or a handful of SIDs, joining a domain (CreateUser2, SetUserInfo) are not
 * enumeration.
 */
public final class DirectoryEnumerationDetector implements Detector {
    /** The calls that return a list of accounts, groups, members or trusts. */
    static final Set<String> LISTING = Set.of("EnumDomains", "EnumDomainUsers", "EnumDomainGroups", "EnumDomainAliases",
            "QueryDisplayInfo", "QueryDisplayInfo2", "QueryDisplayInfo3", "GetMembersInAlias", "QueryGroupMember",
            "lsa_EnumAccounts", "lsa_EnumTrustDom", "lsa_EnumTrustedDomainsEx", "lsa_EnumAccountsWithUserRight");
    /** The calls that turn SIDs or RIDs into names, one batch each. */
    static final Set<String> LOOKUPS = Set.of("lsa_LookupSids", "lsa_LookupSids2", "lsa_LookupSids3", "LookupRids");
    /** The calls that turn names into SIDs or RIDs: what they asked is kept, they are neither listing nor lookup. */
    static final Set<String> NAME_LOOKUPS = Set.of("lsa_LookupNames", "lsa_LookupNames2", "lsa_LookupNames3",
            "lsa_LookupNames4", "LookupNames");
    private static final Set<String> GROUPS = Set.of("EnumDomainGroups", "EnumDomainAliases", "GetMembersInAlias",
            "QueryGroupMember");

    private static final class Pair {
        final String client, server;
        final TreeSet<Long> frames = new TreeSet<>();
        final StreamSet streams = new StreamSet();
        final Map<String, Integer> calls = new TreeMap<>();
        final Set<String> interfaces = new TreeSet<>();
        /** Names the server's answers listed (SAMR enumerations), in order, up to the sample limit. */
        final Set<String> listed = new java.util.LinkedHashSet<>();
        /** Names the server's answers resolved from SIDs or RIDs (LSA LookupSids, SAMR LookupRids), names asked. */
        final Set<String> resolved = new java.util.LinkedHashSet<>(), asked = new java.util.LinkedHashSet<>();
        /** Of those, the user accounts (LSA's SidTypeUser), listed first: groups and aliases outnumber them. */
        final Set<String> resolvedUsers = new java.util.LinkedHashSet<>();
        /** Member RIDs and SIDs of the groups and aliases listed. */
        final Set<String> members = new java.util.LinkedHashSet<>();
        long firstNs = Long.MAX_VALUE, lastNs = Long.MIN_VALUE;
        int listings, lookups, answered, refused, namesListed, namesResolved;

        Pair(String client, String server) {
            this.client = client;
            this.server = server;
        }
    }

    private final AdConfig config;
    private final RpcAttackConfig rpc;
    private final DomainControllers dcs;
    private final Map<String, Pair> pairs = new LinkedHashMap<>();

    public DirectoryEnumerationDetector(AdConfig config, RpcAttackConfig rpc) {
        this.config = config;
        this.rpc = rpc;
        this.dcs = new DomainControllers(rpc.maxPairs());
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(KerberosMessage.class, LdapMessage.class, RpcCall.class);
    }

    @Override
    public void onEvent(Event e) {
        dcs.see(e);
        if (e instanceof RpcCall c && ("samr".equals(c.interfaceName()) || "lsarpc".equals(c.interfaceName()))) {
            String op = c.operation();
            if (op == null) return; // an opnum the interface does not have
            boolean listing = LISTING.contains(op), lookup = LOOKUPS.contains(op), nameLookup = NAME_LOOKUPS.contains(op);
            if (!listing && !lookup && !nameLookup) return;
            String key = c.conn().clientAddr() + ' ' + c.conn().serverAddr();
            Pair p = pairs.get(key);
            if (p == null) {
                if (pairs.size() >= rpc.maxPairs()) return;
                p = new Pair(c.conn().clientAddr(), c.conn().serverAddr());
                pairs.put(key, p);
            }
            if (nameLookup) { // the names asked only: one's own domain or a handful of names is no enumeration
                for (String k : List.of("lsa_lookup_names", "samr_lookup_names")) {
                    for (String n : c.list(k)) if (!n.isEmpty() && p.asked.size() < config.maxSamples()) p.asked.add(n);
                }
                return;
            }
            if (listing) p.listings++;
            else p.lookups++;
            p.calls.merge(c.operation(), 1, Integer::sum);
            p.interfaces.add(c.interfaceName());
            if (p.frames.size() < config.maxFilterFrames()) {
                if (c.requestFrame() >= 0) p.frames.add(c.requestFrame());
                p.frames.add(c.frame());
            } else {
                p.frames.add(c.frame()); // the span stays right; the filter then names the hosts
            }
            p.streams.add(c.conn().stream());
            p.firstNs = Math.min(p.firstNs, c.requestFrame() >= 0 ? c.requestTimeNs() : c.timeNs());
            p.lastNs = Math.max(p.lastNs, c.timeNs());
            String names = c.arg("names");
            if (names != null && !names.isEmpty()) {
                for (String n : names.split(",", -1)) {
                    p.namesListed++;
                    if (p.listed.size() < config.maxSamples()) p.listed.add(n);
                }
            }
            for (String n : c.list("disp_names")) { // QueryDisplayInfo/2/3
                p.namesListed++;
                if (p.listed.size() < config.maxSamples()) p.listed.add(n);
            }
            for (String k : List.of("resolved_names", "samr_rid_names")) { // LSA LookupSids/2/3 (known types), LookupRids
                for (String n : c.list(k)) {
                    if (n.isEmpty()) continue;
                    p.namesResolved++;
                    if (p.resolved.size() < config.maxSamples()) p.resolved.add(n);
                }
            }
            for (String n : c.list("resolved_users")) if (p.resolvedUsers.size() < config.maxSamples()) p.resolvedUsers.add(n);
            for (String k : List.of("member_rids", "member_sids")) {
                for (String m : c.list(k)) if (!m.isEmpty() && p.members.size() < config.maxSamples()) p.members.add(m);
            }
            if (c.succeeded()) p.answered++;
            else if (c.fault() || c.status() > 0) p.refused++;
        }
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Pair p : pairs.values()) {
            if (dcs.contains(p.client)) continue; // domain controllers ask each other
            boolean cycling = p.lookups >= rpc.ridCyclingMinLookups();
            if (p.listings == 0 && !cycling) continue;
            Boolean ok = p.answered > 0 ? Boolean.TRUE : p.refused > 0 ? Boolean.FALSE : null;
            boolean groups = p.calls.keySet().stream().anyMatch(GROUPS::contains);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("client", p.client);
            ev.put("server", p.server);
            ev.put("protocol", String.join(", ", p.interfaces));
            ev.put("operations", new LinkedHashMap<>(p.calls));
            ev.put("listing_calls", p.listings);
            ev.put("lookup_calls", p.lookups);
            ev.put("rid_cycling", cycling);
            ev.put("answered", p.answered);
            ev.put("refused", p.refused);
            ev.put("names_listed", p.namesListed);
            ev.put("listed", new ArrayList<>(p.listed));
            ev.put("names_resolved", p.namesResolved);
            java.util.LinkedHashSet<String> resolved = new java.util.LinkedHashSet<>(p.resolvedUsers);
            resolved.addAll(p.resolved);
            List<String> resolvedSample = resolved.stream().limit(config.maxSamples()).toList();
            ev.put("resolved", new ArrayList<>(resolvedSample));
            ev.put("names_asked", new ArrayList<>(p.asked));
            ev.put("members", new ArrayList<>(p.members));
            String what = p.listings > 0 ? "listed the " + (groups ? "accounts and groups" : "accounts") : "resolved the account SIDs";
            String s = p.client + " " + what + " of " + p.server + " over " + String.join(" and ", p.interfaces) + " ("
                    + describe(p.calls) + ")" + (cycling ? ": " + p.lookups + " SID/RID lookups, RID cycling" : "")
                    + (Boolean.TRUE.equals(ok) ? "; answered" : Boolean.FALSE.equals(ok) ? "; refused" : "")
                    + (p.namesListed > 0 ? ": " + p.namesListed + " names (" + String.join(", ", p.listed.stream().limit(8).toList())
                    + (p.namesListed > 8 ? ", …" : "") + ")" : "")
                    + (p.namesResolved > 0 ? "; " + p.namesResolved + " names resolved (" + String.join(", ", resolvedSample.stream().limit(8).toList())
                    + (p.namesResolved > 8 ? ", …" : "") + ")" : "");
            List<String> techniques = groups ? List.of("T1087.002", "T1069.002") : List.of("T1087.002");
            out.add(new Finding(FindingType.USER_ENUMERATION, Severity.MEDIUM, Phase.ENUMERATION, p.client, p.server,
                    p.frames.first(), p.frames.last(), p.firstNs, p.lastNs, p.streams,
                    AdEvidence.filter(p.frames, p.client, p.server, "(samr || lsarpc)", config), s, ok, techniques, ev));
        }
        return out;
    }

    private static String describe(Map<String, Integer> calls) {
        List<String> parts = new ArrayList<>();
        calls.forEach((op, n) -> parts.add(n == 1 ? op : op + " ×" + n));
        return String.join(", ", parts);
    }
}
