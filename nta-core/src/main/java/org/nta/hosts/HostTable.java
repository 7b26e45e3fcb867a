package org.nta.hosts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.nta.decode.Addresses;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.DhcpMessage;
import org.nta.event.Dhcpv6Message;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.KerberosMessage;
import org.nta.event.NbdgmMessage;
import org.nta.event.NbnsMessage;
import org.nta.event.NtlmAuthentication;
import org.nta.event.SmbMessage;
import org.nta.flow.Flow;
import org.nta.pipeline.CaptureSummary;
import org.nta.pipeline.PacketSink;

/**
 * Who each host is (a sink beside {@code stats}): one row per Ethernet station (or per address when the capture has
 * no Ethernet header), with its addresses, host names and where each was seen, users seen logging on from it, OS
 * hints, services it answered and the roles they make, first and last frame. Reads packets for addresses, TTLs and
 * SYN-ACKs, and the events of the Windows-network parsers for names and users. Bounded by {@code maxHosts}. Names
 * from DNS reverse lookups are kept by address and given at the end, to the hosts that are not routers by then.
 */
public final class HostTable implements PacketSink {
    /** One host. Sets are sorted, so the output is reproducible. */
    public static final class Host {
        public final String key, mac;
        /** The MAC as a number, or -1 for a host known by its address only. */
        public final long macValue;
        public final TreeSet<String> addresses = new TreeSet<>(), users = new TreeSet<>(), osHints = new TreeSet<>(),
                services = new TreeSet<>(), roles = new TreeSet<>();
        /** The DUIDs its DHCPv6 client messages identified it by, as {@link Dhcpv6Message.Duid#describe()}; at most 8. */
        public final TreeSet<String> duids = new TreeSet<>();
        /**
         * Host name → sources (DHCP, DHCP FQDN, DHCPv6 FQDN, NBNS, NetBIOS browser, LLMNR, mDNS, NTLMSSP workstation,
         * Kerberos host principal, DNS PTR); one name whatever
         * its case (NBNS says DESKTOP-7QK2M4, LLMNR desktop-7qk2m4), spelt as first seen.
         */
        public final TreeMap<String, TreeSet<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        public long firstFrame = -1, lastFrame = -1;
        int ttl = -1;
        /** The source address of this host's last packet, so that its string is made only when it changes. */
        long lastHi = -1, lastLo = -1;
        /** The port of this host's last SYN-ACK, so that a service is recorded once per change, not per connection. */
        int lastTcpService = -1;

        Host(String key, long macValue) {
            this.key = key;
            this.mac = macValue < 0 ? null : Addresses.mac(macValue);
            this.macValue = macValue;
        }

        /** The organisation the MAC was assigned to (IEEE registry), or null: none, unknown, or locally administered. */
        public String vendor() {
            return macValue < 0 ? null : MacVendors.standard().vendor(macValue);
        }

        /** Whether the MAC is locally administered (randomised, or set by a hypervisor or container runtime). */
        public boolean localMac() {
            return macValue >= 0 && MacVendors.isLocal(macValue);
        }

        /** The first name it answered LLMNR for itself; {@code "*"} once it answered for two: a poisoner, no name. */
        String llmnrName;

        void name(String name, String source) {
            if (name != null && !name.isBlank()) names.computeIfAbsent(name, k -> new TreeSet<>()).add(source);
        }

        /**
         * A name it answered LLMNR for, with its own address. An honest host answers for its one name (in any case);
         * one that answers for a second is a poisoner (Responder answers every query) or a proxy, and its LLMNR
         * answers name it no longer, those already taken included.
         */
        void llmnr(String name) {
            if ("*".equals(llmnrName)) return;
            String first = name.indexOf('.') > 0 ? name.substring(0, name.indexOf('.')) : name;
            if (llmnrName == null) {
                llmnrName = first;
            } else if (!llmnrName.equalsIgnoreCase(first)) {
                llmnrName = "*";
                names.values().forEach(s -> s.remove("LLMNR"));
                names.values().removeIf(TreeSet::isEmpty);
                return;
            }
            name(name, "LLMNR");
        }
    }

    /** Addresses whose reverse-lookup names are kept, and names kept per address. */
    static final int MAX_REVERSE = 4096, MAX_REVERSE_NAMES = 4;

    private final int maxHosts;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    /** Address → the names PTR answers gave it, in capture order, until {@link #onFinish}. */
    private final Map<String, TreeSet<String>> reverse = new LinkedHashMap<>();
    private final Map<String, Host> byAddress = new HashMap<>();
    /** The hosts known by their MAC, by its number: a station met again is found without making its key. */
    private final org.nta.bytes.LongMap<Host> byMac = new org.nta.bytes.LongMap<>();

    public HostTable(int maxHosts) {
        this.maxHosts = maxHosts;
    }

    /** The two stations seen last (a conversation alternates between two): most packets find their host here. */
    private Host last, previous;

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        // the hot path stays small (every packet passes here); what happens once per host or per new address is
        // in methods of their own, which the JIT need not inline
        if (p.ipCount == 0) return;
        IpLayer ip = p.ip[0];
        Host h = p.hasEth ? station(p.ethSrc) : byIp(ip);
        if (h == null) return;
        h.lastFrame = p.frame.number;
        if (ip.srcHi != h.lastHi || ip.srcLo != h.lastLo) newSource(h, p, ip);
        if (h.ttl < 0 && ttlTells(p, ip)) ttlHint(h, ip.ttl);
        if (p.l4Proto == 6 && (p.tcpFlags & 0x12) == 0x12 && p.srcPort != h.lastTcpService) tcpService(h, p.srcPort);
    }

    /** The host's first packet, or one from another of its addresses. */
    private void newSource(Host h, Packet p, IpLayer ip) {
        if (h.firstFrame < 0) h.firstFrame = p.frame.number;
        h.lastHi = ip.srcHi;
        h.lastLo = ip.srcLo;
        if (h.addresses.size() < 64) {
            String src = ip.srcString();
            if (h.addresses.add(src)) byAddress.putIfAbsent(src, h);
        }
    }

    /**
     * Whether a packet's TTL says what system sent it: unicast only, and not ICMPv6. Multicast and broadcast get the
     * TTL their protocol sets (SSDP 2 or 4, LLMNR, IGMP and mDNS 1), and neighbour discovery must use a hop limit of
     * 255 (RFC 4861), which read as "network device" for every Windows or Linux host of a quiet network.
     */
    private static boolean ttlTells(Packet p, IpLayer ip) {
        if (p.hasEth && ((p.ethDst >>> 40) & 1) != 0) return false;
        if (ip.version == 6) return ip.proto != 58 && (ip.dstHi >>> 56) != 0xff;
        int d = (int) ip.dstLo;
        return (d >>> 28) != 0xe && d != -1;
    }

    private static void ttlHint(Host h, int ttl) {
        h.ttl = ttl;
        int initial = ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
        h.osHints.add("TTL " + ttl + " (initial " + initial + ": " + (initial == 64 ? "Linux/Unix/macOS" : initial == 128 ? "Windows" : "network device") + ")");
    }

    /** "LLMNR" or "mDNS" when the message travelled on that protocol's port, else null (plain DNS names no host). */
    private static String multicastDns(ConnInfo c) {
        if (c.serverPort() == 5355 || c.clientPort() == 5355) return "LLMNR";
        if (c.serverPort() == 5353 || c.clientPort() == 5353) return "mDNS";
        return null;
    }

    /**
     * The names an LLMNR or mDNS answer gives to an address of one of its own endpoints: a host answering for itself
     * (LLMNR's unicast answer, mDNS's announcement to the group). Service instances and reverse names name no host.
     */
    private void selfNamed(DnsMessage m, String source) {
        for (DnsMessage.Record r : m.answers()) {
            if (r.type() != 1 && r.type() != 28) continue;
            String addr = r.data();
            if (addr == null || !addr.equals(m.conn().clientAddr()) && !addr.equals(m.conn().serverAddr())) continue;
            String name = r.name();
            if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
            if (name.regionMatches(true, Math.max(0, name.length() - 6), ".local", 0, 6)) name = name.substring(0, name.length() - 6);
            if (name.isEmpty() || name.contains("._") || name.toLowerCase(java.util.Locale.ROOT).endsWith(".arpa")) continue;
            Host h = at(addr);
            if (h == null) continue;
            if (source.equals("LLMNR")) h.llmnr(name);
            else h.name(name, source);
        }
    }

    /**
     * The names of a reverse-lookup answer ({@code x.y.z.w.in-addr.arpa} or {@code ip6.arpa} PTR name), whoever gave
     * it: a resolver answers for the address asked about, so the name is that address's. Service PTRs
     * ({@code _http._tcp.local}) are no reverse names and name nobody.
     */
    private void reverseNames(DnsMessage m) {
        for (DnsMessage.Record r : m.answers()) {
            if (r.type() != 12) continue;
            String addr = ReverseNames.address(r.name()), name = ReverseNames.target(r.data());
            if (addr == null || name == null) continue;
            TreeSet<String> names = reverse.get(addr);
            if (names == null) {
                if (reverse.size() >= MAX_REVERSE) continue;
                reverse.put(addr, names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
            }
            if (names.size() < MAX_REVERSE_NAMES) names.add(name);
        }
    }

    /**
     * A host or local master browser announcement names its sender; unless it says the server is stopping (server
     * type 0), its flags give roles and its version an OS hint. A domain announcement names a workgroup: no host.
     */
    private static void announced(Host h, NbdgmMessage b) {
        String name = b.server();
        if (name != null && name.chars().allMatch(c -> c > ' ' && c < 0x7f)) h.name(name, "NetBIOS browser");
        if (b.serverType() <= 0) return;
        BrowserAnnouncements.roles(b.serverType(), h.roles);
        String hint = BrowserAnnouncements.osHint(b.osMajor(), b.osMinor(), b.serverType());
        if (hint != null) h.osHints.add(hint);
    }

    /**
     * A DHCPv6 client message the host sent itself (a relayed one came from the relay agent): its client FQDN names
     * the host (final dot dropped), and its client identifier is kept.
     */
    private static void dhcpv6Client(Host h, Dhcpv6Message d) {
        String fqdn = d.fqdn();
        if (fqdn != null && fqdn.endsWith(".")) fqdn = fqdn.substring(0, fqdn.length() - 1);
        if (fqdn != null && fqdn.chars().allMatch(c -> c > ' ' && c < 0x7f)) h.name(fqdn, "DHCPv6 FQDN");
        Dhcpv6Message.Duid id = d.clientDuid();
        if (id != null && h.duids.size() < 8) h.duids.add(id.describe());
    }

    /** A SYN-ACK from a port other than the host's last one: it serves on that port. */
    private void tcpService(Host h, int port) {
        h.lastTcpService = port;
        service(h, "tcp/" + port);
    }

    private Host station(long mac) {
        if (last != null && last.macValue == mac) return last;
        Host h;
        if (previous != null && previous.macValue == mac) h = previous;
        else if ((h = byMac.get(mac)) == null) {
            if ((h = host("mac:" + mac, mac)) == null) return null;
            byMac.put(mac, h);
        }
        previous = last;
        last = h;
        return h;
    }

    private Host byIp(IpLayer ip) {
        if (last != null && last.macValue < 0 && last.lastHi == ip.srcHi && last.lastLo == ip.srcLo) return last;
        String src = ip.srcString();
        Host h = byAddress.get(src);
        if (h == null) h = host("ip:" + src, -1);
        if (h != null) last = h;
        return h;
    }

    private Host host(String key, long macValue) {
        Host h = hosts.get(key);
        if (h == null && hosts.size() < maxHosts) {
            h = new Host(key, macValue);
            hosts.put(key, h);
        }
        return h;
    }

    private void service(Host h, String s) {
        if (h.services.size() < 256) h.services.add(s);
        switch (s) {
            case "tcp/88", "udp/88", "tcp/389", "tcp/636", "tcp/3268" -> h.roles.add("domain controller");
            case "tcp/445", "tcp/139" -> h.roles.add("file server (SMB)");
            case "tcp/53", "udp/53" -> h.roles.add("DNS server");
            case "udp/67" -> h.roles.add("DHCP server");
            case "tcp/80", "tcp/443", "tcp/8080" -> h.roles.add("web server");
            default -> {
            }
        }
    }

    private Host at(String address) {
        return address == null ? null : byAddress.get(address);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof DhcpMessage d) {
            Host h = d.clientMac() != null ? hosts.get("mac:" + Long.parseLong(d.clientMac().replace(":", ""), 16)) : null;
            if (h != null && d.op() == 1) {
                h.name(d.hostName(), "DHCP");
                h.name(d.fqdn(), "DHCP FQDN");
                if (d.vendorClass() != null) h.osHints.add(d.vendorClass() + " (DHCP vendor class)");
            }
            if (d.op() == 2 && d.messageType() == 5) {
                Host server = at(d.serverId());
                if (server != null) server.roles.add("DHCP server");
            }
        } else if (e instanceof NbnsMessage n && !n.response() && (n.opcode() == 5 || n.opcode() == 8)) {
            Host h = at(n.conn().clientAddr());
            // the host's own names; a group name (the workgroup or domain it registers as a member) names no host
            if (h != null) for (String name : n.names()) {
                if ((name.endsWith("<00>") || name.endsWith("<20>")) && !n.groupNames().contains(name)) h.name(name.substring(0, name.length() - 4), "NBNS");
            }
        } else if (e instanceof Dhcpv6Message d && d.fromClient()) {
            Host h = at(d.conn().clientAddr());
            if (h != null) dhcpv6Client(h, d);
        } else if (e instanceof NbdgmMessage b && b.announcesHost()) {
            Host h = at(b.conn().clientAddr());
            if (h != null) announced(h, b);
        } else if (e instanceof DnsMessage m && m.response() && !m.answers().isEmpty()) {
            String source = multicastDns(m.conn());
            if (source != null) selfNamed(m, source);
            if (m.rcode() == 0) reverseNames(m);
        } else if (e instanceof NtlmAuthentication a) {
            Host h = at(a.conn().clientAddr());
            if (h != null) {
                h.name(a.workstation(), "NTLMSSP workstation");
                if (a.version() != null) h.osHints.add("Windows " + a.version() + " (NTLMSSP version)");
            }
        } else if (e instanceof KerberosMessage k) {
            ConnInfo c = k.conn();
            if (!k.isRequest()) {
                Host server = at(c.serverAddr());
                if (server != null) service(server, c.transport() + "/" + c.serverPort());
            } else if (k.msgType() == 10 && k.client() != null) {
                Host h = at(c.clientAddr());
                if (h != null && k.client().endsWith("$")) h.name(k.client().substring(0, k.client().length() - 1), "Kerberos host principal");
            }
        } else if (e instanceof SmbMessage m && m.response() && m.version() > 0) {
            Host server = at(m.conn().serverAddr());
            if (server != null) server.roles.add("file server (SMB)");
        } else if (e instanceof Credential c && c.result() == Credential.Result.ACCEPTED && c.user() != null && !c.user().isEmpty()
                && !c.user().endsWith("$") && !c.user().contains("/")) {
            // a user logged on from this host: accepted logons only, so that the names a brute force guessed are not
            // taken for the host's users (nta creds lists every attempt); machine accounts (NAME$) and principals with
            // an instance (WELLKNOWN/ANONYMOUS of Kerberos armoring, host/…) are not users
            Host h = at(c.conn().clientAddr());
            boolean noDomain = c.domain() == null || c.domain().isEmpty();
            if (h != null && h.users.size() < 64) {
                h.users.add(noDomain ? c.user() : "kerberos".equals(c.protocol()) ? c.user() + "@" + c.domain() : c.domain() + "\\" + c.user());
            }
        }
    }

    /**
     * Gives the reverse-lookup names to the hosts whose addresses they name. A station with more than
     * {@link HostNames#MAX_OWN_ADDRESSES} addresses is a router: the addresses behind it, and their names, are not its own.
     */
    @Override
    public void onFinish(CaptureSummary summary) {
        reverse.forEach((addr, names) -> {
            Host h = at(addr);
            if (h != null && h.addresses.size() <= HostNames.MAX_OWN_ADDRESSES) for (String n : names) h.name(n, HostNames.REVERSE);
        });
        reverse.clear();
    }

    /** The hosts in order of their first frame. */
    public List<Host> hosts() {
        List<Host> out = new ArrayList<>(hosts.values());
        out.removeIf(h -> h.firstFrame < 0);
        out.sort((a, b) -> Long.compare(a.firstFrame, b.firstFrame));
        return out;
    }
}
