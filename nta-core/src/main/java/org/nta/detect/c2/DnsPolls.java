package org.nta.detect.c2;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;

import org.nta.detect.Lru;
import org.nta.event.DnsMessage;

/**
 * The DNS side of beaconing: each answered lookup a client makes under a registered domain is a contact of the series
 * (client, domain), whichever resolver it went through, so an implant that polls its controller by asking names is
 * scored like one that connects. Lookups whose answered addresses the client then connects to are name resolution
 * for those connections (judged as connections); the legs a resolver relays upstream are the resolver's, not a
 * client's, and only name the authority. Multicast and NetBIOS name discovery, reverse lookups, single labels and
 * service locators are not polls.
 */
final class DnsPolls {
    /** A label this long that reads as encoded carries data (an implant's results), not a host name. */
    static final int DATA_LABEL = 24;
    /** Queries a question must be asked before a change of its answer reads as an order. */
    static final int MIN_ASKED = 3;

    private final BeaconDetector detector;
    private final BeaconConfig config;
    private PublicSuffixes suffixes;
    private final LinkedHashMap<Long, Pending> pending;
    /** (client | answered address) → the series whose lookup gave it. */
    private final LinkedHashMap<String, BeaconSeries> lookups;
    /** Hosts seen answering DNS to others: their own lookups are a resolver's relays. */
    private final Set<String> dnsServers = new HashSet<>();

    private record Pending(long frame, long timeNs, int nameBytes) {}

    DnsPolls(BeaconDetector detector, BeaconConfig config) {
        this.detector = detector;
        this.config = config;
        this.pending = Lru.of(4096);
        this.lookups = Lru.of(config.maxNames());
    }


    void message(DnsMessage m) {
        if (m.opcode() != 0 || m.questions().isEmpty()) return;
        int port = m.conn().serverPort();
        if (port == 5353 || port == 5355 || port == 137) return;
        String client = m.conn().clientAddr(), server = m.conn().serverAddr();
        if (client.equals(server)) return;
        long key = ((long) m.conn().stream() << 16) ^ m.id();
        String qname = m.qname().toLowerCase(Locale.ROOT);
        if (qname.endsWith(".")) qname = qname.substring(0, qname.length() - 1);
        if (!m.response()) {
            pending.put(key, new Pending(m.frame(), m.timeNs(), qname.length()));
            return;
        }
        if (dnsServers.size() < 1024) dnsServers.add(server);
        if (suffixes == null) suffixes = PublicSuffixes.standard();
        String domain = suffixes.registeredDomain(qname);
        if (domain == null || domain.indexOf('.') < 0 || domain.endsWith(".arpa") || domain.endsWith(".local")) return;
        String sub = qname.length() > domain.length() ? qname.substring(0, qname.length() - domain.length() - 1) : "";
        if (!sub.isEmpty() && DnsTunnelDetector.serviceLocator(sub)) return;
        BeaconSeries s = detector.series(client, BeaconSeries.Kind.DNS_QUERY, domain, m.transport());
        if (s == null) return;
        if (s.dns == null) s.dns = new DnsPollFacts();
        DnsPollFacts f = s.dns;
        if (s.port < 0) s.port = port;
        s.server(server, config.maxSamples());
        Pending p = pending.remove(key);
        f.qtype(m.qtype());
        boolean fresh = f.name(sub);
        f.responses++;
        if (m.rcode() == 3) f.nxdomain++;
        long in = answers(s, f, m, client);
        String longest = "";
        for (String label : sub.split("\\.")) if (label.length() > longest.length()) longest = label;
        if (longest.length() >= DATA_LABEL && Encodings.classify(longest) != Encodings.Kind.PLAIN) {
            f.dataNames++;
            f.dataNameBytes += sub.length();
            f.lastDataNameNs = Math.max(f.lastDataNameNs, m.timeNs());
            if (f.firstDataNameFrame < 0) f.firstDataNameFrame = p == null ? m.frame() : p.frame();
            if (fresh) f.result(sub);
        }
        detector.contact(s, p == null ? m.timeNs() : p.timeNs(), p == null ? m.frame() : p.frame(), m.conn().stream(),
                p == null ? qname.length() : p.nameBytes(), in);
        detector.popular(domain, client);
    }

    /** Tallies the answer section; returns the bytes it carried (4 an IPv4 address, 16 IPv6, the data of others). */
    private long answers(BeaconSeries s, DnsPollFacts f, DnsMessage m, String client) {
        StringBuilder sig = new StringBuilder(m.rcode() == 0 ? "" : "rcode " + m.rcode() + " ");
        long bytes = 0;
        boolean data = false;
        for (DnsMessage.Record r : m.answers()) {
            int t = r.type();
            String d = r.data();
            if (sig.length() < 200) sig.append(DnsTunnelFindings.typeName(t)).append(' ').append(d.length() > 120 ? d.substring(0, 120) + "…" : d).append(' ');
            if (t == 1 || t == 28) {
                bytes += t == 1 ? 4 : 16;
                f.addressAnswers++;
                if (sentinel(d)) {
                    f.sentinelAnswers++;
                } else {
                    if (f.answered.size() < 8) f.answered.add(d);
                    lookups.put(client + "|" + d, s);
                }
            } else if (t == 5 || t == 2 || t == 6 || t == 12 || t == 15 || t == 33 || t == 64 || t == 65) {
                bytes += d.length();
            } else {
                bytes += t == 16 ? d.length() : d.length() / 2;
                data = true;
            }
        }
        if (data) {
            f.dataAnswers++;
            if (f.dataSamples.size() < 8) {
                DnsPollFacts.Answer a = new DnsPollFacts.Answer(sig.toString().trim(), m.timeNs(), m.frame());
                a.count = 1;
                a.decoded = decoded(m.answers());
                f.dataSamples.add(a);
            }
        }
        f.answer(DnsTunnelFindings.typeName(m.qtype()) + " " + m.qname(), sig.length() == 0 ? "no answer" : sig.toString().trim(), m.timeNs(), m.frame());
        return bytes;
    }

    /** Readable text that the TXT strings of an answer decode to from base64 (an order), or null. */
    static String decoded(java.util.List<DnsMessage.Record> answers) {
        StringBuilder sb = new StringBuilder();
        for (DnsMessage.Record r : answers) if (r.type() == 16) sb.append(r.data().replace(",", ""));
        String s = sb.toString();
        if (s.length() < 8 || !s.matches("[A-Za-z0-9+/=_-]+")) return null;
        byte[] b = Encodings.base64(s);
        return b == null ? null : Bodies.text(b, b.length, 200);
    }

    /** Addresses an answer gives when it means something other than where to connect (a poll's "nothing to do"). */
    static boolean sentinel(String a) {
        if (a.indexOf(':') >= 0) return a.equals("::") || a.equals("::1");
        return a.startsWith("0.") || a.startsWith("127.") || a.equals("255.255.255.255");
    }

    /** A flow from {@code client} to {@code server}: a lookup that answered that address was used to connect. */
    void connected(String client, String server) {
        BeaconSeries s = lookups.get(client + "|" + server);
        if (s != null) s.dns.used = true;
    }

    /** A host that answered DNS to others (a resolver): its lookups relay its clients'. */
    boolean resolver(String addr) {
        return dnsServers.contains(addr);
    }

    /** Whether the registered domain ends in a suffix of the Public Suffix List (not a private name like corp.lan). */
    boolean publicDomain(String domain) {
        if (suffixes == null) suffixes = PublicSuffixes.standard();
        return suffixes.listed(domain);
    }
}
