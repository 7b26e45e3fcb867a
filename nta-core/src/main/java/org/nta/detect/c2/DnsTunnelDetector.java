package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.event.DnsMessage;
import org.nta.event.Event;

/**
 * DNS tunnels and exfiltration over DNS, per registered domain (Public Suffix List): many distinct, long,
 * high-entropy names that read as encoded data, unusual record types (TXT, NULL, CNAME, MX, ANY), NXDOMAIN answers,
 * bytes carried up in names and down in answers, the rate; iodine, dnscat2 and dns2tcp recognised by their own
 * patterns. The names are decoded in the evidence where their alphabet allows.
 */
public final class DnsTunnelDetector implements Detector {
    private final DnsTunnelConfig config;
    /** Loaded on the first DNS message (on the detector thread, not while the analysis starts). */
    private PublicSuffixes suffixes;
    private final LinkedHashMap<String, DomainTally> domains = new LinkedHashMap<>();
    private long droppedDomains, keptNames, chunkChars, lastTimeNs = Long.MIN_VALUE, firstTimeNs = Long.MAX_VALUE;

    public DnsTunnelDetector(DnsTunnelConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(DnsMessage.class);
    }

    @Override
    public void onEvent(Event e) {
        if (!(e instanceof DnsMessage m) || m.questions().isEmpty() || m.opcode() != 0) return;
        if (m.timeNs() < firstTimeNs) firstTimeNs = m.timeNs();
        if (m.timeNs() > lastTimeNs) lastTimeNs = m.timeNs();
        String qname = m.qname();
        if (qname.endsWith(".")) qname = qname.substring(0, qname.length() - 1);
        int port = m.conn().serverPort();
        if (port == 5353 || port == 5355 || port == 137) return; // multicast and NetBIOS name discovery
        if (suffixes == null) suffixes = PublicSuffixes.standard();
        String domain = suffixes.registeredDomain(qname);
        if (domain == null || domain.endsWith(".arpa") || domain.equals("local")) return;
        DomainTally t = domains.get(domain);
        if (t == null) {
            if (domains.size() >= config.maxDomains()) {
                droppedDomains++;
                return;
            }
            domains.put(domain, t = new DomainTally(domain));
            t.firstFrame = m.frame();
            t.firstTimeNs = m.timeNs();
        }
        t.lastFrame = Math.max(t.lastFrame, m.frame());
        t.lastTimeNs = Math.max(t.lastTimeNs, m.timeNs());
        t.streams.add(m.conn().stream());
        t.framesCounted++;
        if (t.frames.size() < 256) t.frames.add(m.frame());
        if (m.response()) response(t, m);
        else query(t, m, qname, domain);
    }

    private void response(DomainTally t, DnsMessage m) {
        t.responses++;
        if (m.rcode() == 3) t.nxdomain++;
        for (DnsMessage.Record r : m.answers()) {
            String d = r.data();
            // data other than addresses and names is shown as hex: two characters a byte
            t.answerBytes += r.type() == 1 ? 4 : r.type() == 28 ? 16 : r.type() == 5 || r.type() == 16 || r.type() == 15 ? d.length() : d.length() / 2;
        }
    }

    private void query(DomainTally t, DnsMessage m, String qname, String domain) {
        t.queries++;
        t.qtypes.merge(m.qtype(), 1L, Long::sum);
        String client = m.conn().clientAddr(), server = m.conn().serverAddr();
        long[] n = t.clients.get(client);
        if (n == null && t.clients.size() < 16) t.clients.put(client, n = new long[1]);
        if (n != null) n[0]++;
        if (t.servers.size() < 16) t.servers.add(server);
        int cut = qname.length() - domain.length() - 1;
        if (cut <= 0) return;
        String sub = qname.substring(0, cut);
        if (m.qtype() == TKEY || serviceLocator(sub)) return; // the domain's own directory at work, not data
        boolean fresh;
        if (t.names.size() < config.maxNamesPerDomain() && keptNames < config.maxNames()) {
            fresh = t.names.add(sub);
            if (fresh) keptNames++;
        } else {
            fresh = true; // no longer told apart: counted as distinct
        }
        if (!fresh) return;
        t.unique++;
        String flat = sub.replace(".", "");
        t.sumLength += flat.length();
        t.nameBytes += flat.length();
        t.sumEntropy += RobustStats.entropy(flat);
        String longest = "";
        for (String label : sub.split("\\.")) {
            if (label.length() > longest.length()) longest = label;
            if (label.length() > t.maxLabel) t.maxLabel = label.length();
        }
        Encodings.Kind kind = Encodings.classify(longest);
        if (kind != Encodings.Kind.PLAIN) {
            t.encodedNames++;
            t.encodings.merge(kind.id, 1, Integer::sum);
        }
        TunnelTools.mark(t, sub, m.qtype());
        if (t.chunks.size() < config.maxChunks() && chunkChars + sub.length() <= config.maxChunkChars()) {
            chunkChars += sub.length();
            t.chunks.add(sub);
            t.chunkFrames.add(m.frame());
        }
    }

    /** TKEY: the GSS-TSIG key exchange before a secure dynamic update (RFC 3645), named "NUMBER.sig-SERVER". */
    static final int TKEY = 249;

    /**
     * Service locators: the SRV names of RFC 2782 and DNS-SD ({@code _ldap._tcp}, {@code _kerberos._udp}) and Active
     * Directory's locator zone ({@code _msdcs}, with its GUID-named records, {@code _sites}) that every domain member
     * and controller asks of its own DNS servers. Their GUID and service labels look long and random, but they carry
     * no data: counted as queries, not as names.
     */
    static boolean serviceLocator(String sub) {
        int start = 0;
        while (start < sub.length()) {
            int dot = sub.indexOf('.', start);
            int end = dot < 0 ? sub.length() : dot;
            String label = sub.substring(start, end);
            if (label.equals("_tcp") || label.equals("_udp") || label.equals("_msdcs") || label.equals("_sites")) return true;
            start = end + 1;
        }
        return false;
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (DomainTally t : domains.values()) {
            Finding f = DnsTunnelFindings.judge(t, config, firstTimeNs, lastTimeNs);
            if (f != null) out.add(f);
        }
        return out;
    }

    long droppedDomains() {
        return droppedDomains;
    }
}
