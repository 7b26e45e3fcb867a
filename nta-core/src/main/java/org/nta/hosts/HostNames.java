package org.nta.hosts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is behind an address, in the words of an incident report: "DESKTOP-7QF2 10.0.0.5 (alice@CORP)" — the host's
 * best name, the address, the users seen logging on from it. Made from a {@link HostTable} after the capture is read.
 * A station with more than {@link #MAX_OWN_ADDRESSES} addresses is a router or a capture taken behind one: the
 * addresses are not its own, so its names are given to none of them.
 */
public final class HostNames {
    public static final int MAX_OWN_ADDRESSES = 8;
    /**
     * Name sources from the most to the least telling of what the machine calls itself; after them the names of any
     * other source the host gave itself (LLMNR, mDNS), and last {@link #REVERSE}, which others said of it.
     */
    private static final List<String> SOURCES = List.of("DHCP", "NBNS", "NetBIOS browser", "Kerberos host principal", "NTLMSSP workstation", "DHCP FQDN",
            "DHCPv6 FQDN");
    /** A DNS reverse lookup's answer: what a resolver (or its administrator) calls the address. */
    public static final String REVERSE = "DNS PTR";
    private static final HostNames NONE = new HostNames(Map.of());

    private final Map<String, HostTable.Host> byAddress;

    private HostNames(Map<String, HostTable.Host> byAddress) {
        this.byAddress = byAddress;
    }

    public static HostNames none() {
        return NONE;
    }

    public static HostNames of(HostTable table) {
        return of(List.of(table));
    }

    /** The hosts of several sensors' tables: an address is the host of the first table (sensor) that knows it. */
    public static HostNames of(List<HostTable> tables) {
        Map<String, HostTable.Host> m = new HashMap<>();
        for (HostTable table : tables) {
            for (HostTable.Host h : table.hosts()) {
                if (h.addresses.size() > MAX_OWN_ADDRESSES) continue;
                for (String a : h.addresses) m.putIfAbsent(a, h);
            }
        }
        return new HostNames(m);
    }

    /** The host whose own address this is, or null. */
    public HostTable.Host host(String address) {
        return address == null ? null : byAddress.get(address);
    }

    /** The name a host gives itself, by the most telling source; null when none was seen. */
    public static String name(HostTable.Host h) {
        for (String source : SOURCES) {
            for (Map.Entry<String, java.util.TreeSet<String>> e : h.names.entrySet()) if (e.getValue().contains(source)) return e.getKey();
        }
        for (Map.Entry<String, java.util.TreeSet<String>> e : h.names.entrySet()) {
            if (e.getValue().size() > 1 || !e.getValue().contains(REVERSE)) return e.getKey();
        }
        return h.names.isEmpty() ? null : h.names.firstKey();
    }

    /** "NAME ADDRESS (user, user)", "ADDRESS (user)", or the address alone when nothing more is known. */
    public String label(String address) {
        if (address == null) return null;
        HostTable.Host h = host(address);
        return h == null ? address : label(name(h), address, new ArrayList<>(h.users));
    }

    /** "NAME ADDRESS", or the address alone when the host gave no name: {@link #label} without the users. */
    public String shortLabel(String address) {
        if (address == null) return null;
        HostTable.Host h = host(address);
        return h == null ? address : label(name(h), address, List.of());
    }

    /** The label of a host with this name (or null) and these users, as the terminal, Markdown and HTML show it. */
    public static String label(String name, String address, List<String> users) {
        StringBuilder sb = new StringBuilder();
        if (name != null && !name.isEmpty()) sb.append(name).append(' ');
        sb.append(address);
        if (!users.isEmpty()) {
            sb.append(" (").append(String.join(", ", users.subList(0, Math.min(2, users.size()))));
            if (users.size() > 2) sb.append(", +").append(users.size() - 2).append(" more");
            sb.append(')');
        }
        return sb.toString();
    }

    /** Whether anything beyond the address is known. */
    public boolean known(String address) {
        return !label(address).equals(address);
    }

    /** One row per host for a report (the fields of {@code nta hosts --json}), for the given addresses, each host once. */
    public List<Map<String, Object>> rows(Iterable<String> addresses) {
        Map<HostTable.Host, Boolean> seen = new LinkedHashMap<>();
        for (String a : addresses) {
            HostTable.Host h = host(a);
            if (h != null) seen.putIfAbsent(h, Boolean.TRUE);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HostTable.Host h : seen.keySet()) rows.add(row(h));
        return rows;
    }

    /** The fields of {@code nta hosts --json}: only ever add. */
    public static Map<String, Object> row(HostTable.Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mac", h.mac);
        m.put("addresses", List.copyOf(h.addresses));
        List<String> names = new ArrayList<>();
        h.names.forEach((n, sources) -> names.add(n + " (" + String.join(", ", sources) + ")"));
        m.put("names", names);
        m.put("users", List.copyOf(h.users));
        m.put("os_hints", List.copyOf(h.osHints));
        m.put("services", List.copyOf(h.services));
        m.put("roles", List.copyOf(h.roles));
        m.put("first_frame", h.firstFrame);
        m.put("last_frame", h.lastFrame);
        m.put("vendor", h.vendor());
        m.put("mac_local", h.localMac());
        m.put("name", name(h));
        m.put("duids", List.copyOf(h.duids));
        return m;
    }
}
