package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.TlsHello;
import org.nta.event.TransferredFile;
import org.nta.flow.Flow;

/**
 * Matches the analyst's indicators ({@link IntelSet}) against the capture: addresses and networks against every
 * connection and DNS answer, domains against DNS questions, HTTP hosts and TLS names, URLs against HTTP requests,
 * SHA-256 against files carried, JA3/JA4 against TLS ClientHellos. One {@code intel_match} finding per indicator and
 * host, with the indicator's label.
 */
public final class IntelMatchDetector implements Detector {
    private static final int MAX_MATCHES = 100_000;
    private final IntelSet intel;
    private final LinkedHashMap<String, Match> matches = new LinkedHashMap<>();
    private long dropped;

    static final class Match {
        final IntelSet.Indicator indicator;
        final String host, other;
        long firstFrame = Long.MAX_VALUE, lastFrame, firstTime = Long.MAX_VALUE, lastTime, count;
        final StreamSet streams = new StreamSet();
        final LinkedHashSet<String> transports = new LinkedHashSet<>();
        final LinkedHashSet<String> seenAs = new LinkedHashSet<>();
        final List<Long> frames = new ArrayList<>();
        boolean flowsOnly = true;

        Match(IntelSet.Indicator indicator, String host, String other) {
            this.indicator = indicator;
            this.host = host;
            this.other = other;
        }
    }

    public IntelMatchDetector(IntelSet intel) {
        this.intel = intel;
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (intel.addresses.isEmpty() && intel.networks.isEmpty()) return;
        String a = f.aAddr(), b = f.bAddr();
        IntelSet.Indicator ib = intel.address(b), ia = ib == null ? intel.address(a) : null;
        if (ib == null && ia == null) return;
        String transport = f.isTcp() ? "tcp" : "udp";
        Match m = ib != null ? match(ib, a, b) : match(ia, b, a);
        if (m == null) return;
        m.transports.add(transport);
        m.seenAs.add("connection " + transport + "/" + f.bPort());
        m.streams.add(f.stream());
        span(m, f.firstFrame, f.lastFrame, f.startNs, f.endNs, -1);
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(DnsMessage.class, HttpFileObject.class, HttpRequest.class, TlsHello.class, TransferredFile.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof DnsMessage d) dns(d);
        else if (e instanceof HttpRequest r) {
            IntelSet.Indicator i = intel.url(r.host(), r.uri());
            if (i == null && r.host() != null && !Hosts.bareAddress(r.host())) i = intel.domain(r.host());
            if (i != null) event(i, r.conn(), r.frame(), r.timeNs(), "http request " + r.method() + " " + Hosts.hostOnly(r.host()) + trim(r.uri()));
        } else if (e instanceof TlsHello h && h.fromClient()) {
            IntelSet.Indicator i = h.sni().isEmpty() ? null : intel.domain(h.sni());
            if (i != null) event(i, h.conn(), h.frame(), h.timeNs(), "tls server name " + h.sni());
            if (h.ja3Hash() != null && (i = intel.ja3.get(h.ja3Hash())) != null) event(i, h.conn(), h.frame(), h.timeNs(), "ja3 " + h.ja3Hash());
            if (h.ja4() != null && (i = intel.ja4.get(h.ja4())) != null) event(i, h.conn(), h.frame(), h.timeNs(), "ja4 " + h.ja4());
        } else if (e instanceof HttpFileObject f) {
            IntelSet.Indicator i = intel.hashes.get(f.sha256());
            if (i != null) event(i, f.conn(), f.frame(), f.timeNs(), "http " + f.direction().id() + " " + f.originalName());
        } else if (e instanceof TransferredFile f) {
            IntelSet.Indicator i = f.sha256() == null ? null : intel.hashes.get(f.sha256());
            if (i != null) event(i, f.conn(), f.frame(), f.timeNs(), f.protocol() + " " + f.direction().id() + " " + f.originalName());
        }
    }

    private static String trim(String uri) {
        return uri == null ? "" : uri.length() > 120 ? uri.substring(0, 120) + "…" : uri;
    }

    private void dns(DnsMessage d) {
        IntelSet.Indicator i = intel.domain(d.qname());
        if (i != null) event(i, d.conn(), d.frame(), d.timeNs(), "dns " + (d.response() ? "answer" : "query") + " " + d.qname());
        if (!d.response()) return;
        for (DnsMessage.Record r : d.answers()) {
            if (r.type() != 1 && r.type() != 28) continue;
            IntelSet.Indicator a = intel.address(r.data());
            if (a != null) event(a, d.conn(), d.frame(), d.timeNs(), "dns answer " + d.qname() + " → " + r.data());
        }
    }

    private void event(IntelSet.Indicator i, ConnInfo c, long frame, long time, String as) {
        Match m = match(i, c.clientAddr(), c.serverAddr());
        if (m == null) return;
        m.flowsOnly = false;
        m.transports.add(c.transport());
        if (m.seenAs.size() < 16) m.seenAs.add(as);
        m.streams.add(c.stream());
        span(m, frame, frame, time, time, frame);
    }

    private Match match(IntelSet.Indicator i, String host, String other) {
        String key = i.value() + " " + host;
        Match m = matches.get(key);
        if (m == null) {
            if (matches.size() >= MAX_MATCHES) {
                dropped++;
                return null;
            }
            matches.put(key, m = new Match(i, host, other));
        }
        return m;
    }

    private static void span(Match m, long first, long last, long t0, long t1, long frame) {
        m.count++;
        m.firstFrame = Math.min(m.firstFrame, first);
        m.lastFrame = Math.max(m.lastFrame, last);
        m.firstTime = Math.min(m.firstTime, t0);
        m.lastTime = Math.max(m.lastTime, t1);
        if (frame > 0 && m.frames.size() < 256) m.frames.add(frame);
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Match m : matches.values()) {
            IntelSet.Indicator i = m.indicator;
            boolean address = i.kind().equals("ip") || i.kind().equals("cidr");
            String filter;
            if (m.flowsOnly) {
                filter = Filters.and(Filters.between(m.host, m.other), Filters.frames(m.firstFrame, m.lastFrame));
            } else if (!address && m.frames.size() == m.count) {
                filter = Filters.frameSet(m.frames);
            } else {
                filter = Filters.and(Filters.host(m.host), Filters.frames(m.firstFrame, m.lastFrame));
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("indicator", i.value());
            ev.put("indicator_type", i.kind());
            ev.put("label", i.label());
            ev.put("line", i.line());
            ev.put("host", m.host);
            ev.put("other", m.other);
            ev.put("matches", m.count);
            ev.put("seen_as", new ArrayList<>(m.seenAs));
            String summary = String.format(java.util.Locale.ROOT, "%s matched indicator %s%s (%s) %,d time%s", m.host, i.value(),
                    i.label().isEmpty() ? "" : " \"" + i.label() + "\"", i.kind(), m.count, m.count == 1 ? "" : "s");
            Phase phase = i.kind().equals("sha256") ? Phase.INSTALLATION : Phase.COMMAND_AND_CONTROL;
            out.add(new Finding(FindingType.INTEL_MATCH, Severity.HIGH, phase, m.other, m.host, m.firstFrame, m.lastFrame,
                    m.firstTime, m.lastTime, m.streams, filter, summary, null, List.of(), ev));
        }
        return out;
    }

    long dropped() {
        return dropped;
    }
}
