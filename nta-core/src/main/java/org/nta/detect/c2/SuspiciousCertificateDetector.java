package org.nta.detect.c2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Lru;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.X509Certificate;

/**
 * Server certificates an analyst would look at twice (TLS 1.2 and earlier; TLS 1.3 hides them): self-signed (issuer
 * equals subject; the signature is never checked), not naming the server the client asked for (SNI, wildcards by
 * RFC 6125), valid for only a few days, naming only addresses; issued days before the capture as a further signal.
 * One low-severity {@code suspicious_certificate} per server and leaf: ordinary on its own (appliances and test
 * servers are self-signed), it is what {@link C2Correlation} uses to raise a beacon to the same server.
 */
public final class SuspiciousCertificateDetector implements Detector {
    private static final long DAY = 86_400;

    private final CertificateConfig config;
    private final LinkedHashMap<Integer, String> sniByStream;
    private final LinkedHashMap<String, Seen> servers = new LinkedHashMap<>();
    private long dropped;

    /** One leaf as presented by one server address and port. */
    static final class Seen {
        final X509Certificate leaf;
        final String server, issuerInChain;
        final int port, chainLength;
        final long firstTimeNs;
        long lastTimeNs, firstFrame, lastFrame;
        int connections;
        final LinkedHashSet<String> snis = new LinkedHashSet<>(), clients = new LinkedHashSet<>();
        final List<Long> frames = new ArrayList<>();
        final StreamSet streams = new StreamSet();

        Seen(TlsCertificate c) {
            leaf = c.leaf();
            server = c.conn().serverAddr();
            port = c.conn().serverPort();
            chainLength = c.chain().size();
            issuerInChain = c.chain().size() > 1 ? c.chain().get(1).subject().text() : "";
            firstTimeNs = c.timeNs();
            firstFrame = c.frame();
        }
    }

    public SuspiciousCertificateDetector(CertificateConfig config) {
        this.config = config;
        int cap = config.maxStreams();
        this.sniByStream = Lru.of(cap);
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(TlsCertificate.class, TlsHello.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof TlsHello h) {
            if (h.fromClient() && "tcp".equals(h.conn().transport())) sniByStream.put(h.conn().stream(), h.sni());
        } else if (e instanceof TlsCertificate c && c.fromServer() && c.leaf() != null && !c.leaf().malformed()) {
            certificate(c);
        }
    }

    private void certificate(TlsCertificate c) {
        String key = c.conn().serverAddr() + "|" + c.conn().serverPort() + "|" + c.leaf().sha256();
        Seen s = servers.get(key);
        if (s == null) {
            if (servers.size() >= config.maxServers()) {
                dropped++;
                return;
            }
            servers.put(key, s = new Seen(c));
        }
        String sni = sniByStream.remove(c.conn().stream());
        if (sni != null && !sni.isEmpty() && s.snis.size() < 16) s.snis.add(sni.toLowerCase(Locale.ROOT));
        if (s.clients.size() < 16) s.clients.add(c.conn().clientAddr());
        s.connections++;
        s.lastTimeNs = c.timeNs();
        s.lastFrame = c.frame();
        if (s.frames.size() < config.maxFrames()) s.frames.add(c.frame());
        s.streams.add(c.conn().stream());
    }

    /** The signals of one leaf, strongest first; empty when nothing is off. */
    List<String> signals(Seen s, List<String> mismatched) {
        X509Certificate leaf = s.leaf;
        List<String> out = new ArrayList<>();
        if (leaf.selfIssued()) out.add("self-signed");
        for (String sni : s.snis) if (!CertificateNames.matches(leaf, sni)) mismatched.add(sni);
        if (!mismatched.isEmpty()) out.add("names do not match the server name asked for");
        if (leaf.validitySeconds() < config.shortValidityDays() * DAY) out.add("short-lived");
        if (CertificateNames.addressesOnly(leaf)) out.add("names only addresses");
        long now = s.firstTimeNs / 1_000_000_000L;
        if (now > leaf.notAfter()) out.add("expired");
        boolean strong = !out.isEmpty();
        if (strong && now - leaf.notBefore() < config.recentDays() * DAY) out.add("issued just before");
        return out;
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Seen s : servers.values()) {
            List<String> mismatched = new ArrayList<>();
            List<String> signals = signals(s, mismatched);
            if (signals.isEmpty()) continue;
            out.add(finding(s, signals, mismatched));
        }
        return out;
    }

    private Finding finding(Seen s, List<String> signals, List<String> mismatched) {
        X509Certificate leaf = s.leaf;
        long now = s.firstTimeNs / 1_000_000_000L;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("server", s.server);
        ev.put("port", s.port);
        ev.put("server_names", new ArrayList<>(s.snis));
        ev.put("names_not_matched", mismatched);
        ev.put("clients", new ArrayList<>(s.clients));
        ev.put("connections", s.connections);
        ev.put("subject", leaf.subject().text());
        ev.put("issuer", leaf.issuer().text());
        ev.put("dns_names", leaf.dnsNames());
        ev.put("ip_addresses", leaf.ipAddresses());
        ev.put("serial", leaf.serial());
        ev.put("not_before", Instant.ofEpochSecond(leaf.notBefore()).toString());
        ev.put("not_after", Instant.ofEpochSecond(leaf.notAfter()).toString());
        ev.put("validity_days", RobustStats.round3(leaf.validitySeconds() / (double) DAY));
        ev.put("age_days", RobustStats.round3((now - leaf.notBefore()) / (double) DAY));
        ev.put("self_signed", leaf.selfIssued());
        ev.put("signature_checked", false);
        ev.put("chain_length", s.chainLength);
        if (!s.issuerInChain.isEmpty()) ev.put("chain_issuer", s.issuerInChain);
        ev.put("key", leaf.keyAlgorithm() + (leaf.keyBits() > 0 ? " " + leaf.keyBits() : ""));
        ev.put("sha1", leaf.sha1());
        ev.put("sha256", leaf.sha256());
        ev.put("signals", signals);
        String name = leaf.subject().cn().isEmpty() ? leaf.subject().text() : "CN=" + leaf.subject().cn();
        String asked = mismatched.isEmpty() ? "" : ", asked for as " + String.join(", ", mismatched);
        String summary = String.format(Locale.ROOT, "%s:%d presented a certificate %s (%s) valid %s days%s",
                s.server, s.port, name, String.join(", ", signals), trim(leaf.validitySeconds() / (double) DAY), asked);
        String victim = s.clients.isEmpty() ? null : s.clients.iterator().next();
        return new Finding(FindingType.SUSPICIOUS_CERTIFICATE, Severity.LOW, Phase.COMMAND_AND_CONTROL, null, victim,
                s.firstFrame, s.lastFrame, s.firstTimeNs, s.lastTimeNs, s.streams, Filters.frameSet(s.frames), summary,
                null, List.of("T1573.002", "T1608.003"), ev);
    }

    private static String trim(double d) {
        double r = Math.round(d * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    long dropped() {
        return dropped;
    }
}
