package org.nta.detect.c2;

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
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.TlsHello;

/**
 * A client that claims to be a browser in its cleartext HTTP User-Agent but whose TLS ClientHellos to the same
 * destination (server address or name) cannot be that browser's ({@link ClaimedBrowser}): a script or implant
 * dressed as a browser. Conservative: both must be seen in the capture from the same host to the same
 * destination, every hello to it must contradict the claim, and old or unknown browsers are not judged. Low
 * severity; {@link C2Correlation} raises a beacon from that host to that destination.
 */
public final class ClientImpersonationDetector implements Detector {
    private final ImpersonationConfig config;
    private final LinkedHashMap<String, Claim> claims = new LinkedHashMap<>();
    private final LinkedHashMap<String, Hellos> hellos = new LinkedHashMap<>();
    /** What each distinct User-Agent claims (NONE: no modern browser), for the few thousand of a capture. */
    private final java.util.HashMap<String, ClaimedBrowser> claimed = new java.util.HashMap<>();
    private static final ClaimedBrowser NONE = new ClaimedBrowser("", 0);

    record Claim(String ua, ClaimedBrowser browser, long frame, int stream, long timeNs) {}

    static final class Hellos {
        final String client, destination;
        final List<Long> frames = new ArrayList<>();
        final StreamSet streams = new StreamSet();
        final LinkedHashSet<String> ja3 = new LinkedHashSet<>(), ja4 = new LinkedHashSet<>();
        /** What the hellos lacked (one flag per kind), and whether one could be a Chromium or another browser's. */
        final java.util.BitSet lacks = new java.util.BitSet();
        boolean couldBeChromium, couldBeOther;
        long firstTimeNs, lastTimeNs;
        int count;

        Hellos(String client, String destination) {
            this.client = client;
            this.destination = destination;
        }
    }

    public ClientImpersonationDetector(ImpersonationConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(HttpRequest.class, TlsHello.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof HttpRequest r) request(r);
        else if (e instanceof TlsHello h && h.fromClient() && !h.sslv2()) hello(h);
    }

    private void request(HttpRequest r) {
        if (r.userAgent() == null || r.conn() == null) return;
        ClaimedBrowser b = claimed.get(r.userAgent());
        if (b == null) {
            b = ClaimedBrowser.of(r.userAgent());
            if (b == null) b = NONE;
            if (claimed.size() < 4096) claimed.put(r.userAgent(), b);
        }
        if (b == NONE) return;
        String client = r.conn().clientAddr();
        claim(client + " " + r.conn().serverAddr(), r, b);
        String host = Hosts.hostOnly(r.host());
        if (host != null && !host.isEmpty()) claim(client + " " + host, r, b);
    }

    private void claim(String key, HttpRequest r, ClaimedBrowser b) {
        if (claims.containsKey(key) || claims.size() >= config.maxPairs()) return;
        claims.put(key, new Claim(r.userAgent(), b, r.frame(), r.conn().stream(), r.timeNs()));
    }

    private void hello(TlsHello h) {
        String client = h.conn().clientAddr();
        add(client, h.conn().serverAddr(), h);
        if (!h.sni().isEmpty()) add(client, h.sni().toLowerCase(Locale.ROOT), h);
    }

    private void add(String client, String destination, TlsHello h) {
        String key = client + " " + destination;
        Hellos s = hellos.get(key);
        if (s == null) {
            if (hellos.size() >= config.maxPairs()) return;
            hellos.put(key, s = new Hellos(client, destination));
            s.firstTimeNs = h.timeNs();
        }
        s.count++;
        s.lastTimeNs = h.timeNs();
        s.streams.add(h.conn().stream());
        if (s.frames.size() < config.maxFrames()) s.frames.add(h.frame());
        List<String> chromium = new ClaimedBrowser("Chrome", 120).contradictions(h);
        for (String why : chromium) s.lacks.set(ClaimedBrowser.REASONS.indexOf(why));
        s.couldBeChromium |= chromium.isEmpty();
        s.couldBeOther |= new ClaimedBrowser("Firefox", 120).contradictions(h).isEmpty();
        if (h.ja3Hash() != null && s.ja3.size() < 8) s.ja3.add(h.ja3Hash());
        if (h.ja4() != null && s.ja4.size() < 8) s.ja4.add(h.ja4());
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        LinkedHashSet<String> reported = new LinkedHashSet<>();
        for (Map.Entry<String, Hellos> e : hellos.entrySet()) {
            Claim c = claims.get(e.getKey());
            Hellos s = e.getValue();
            if (c == null) continue;
            boolean chromium = c.browser().chromium();
            if (chromium ? s.couldBeChromium : s.couldBeOther) continue; // one hello could be the browser's
            List<String> why = new ArrayList<>();
            for (int i = s.lacks.nextSetBit(0); i >= 0; i = s.lacks.nextSetBit(i + 1)) {
                if (chromium || i != ClaimedBrowser.REASONS.size() - 1) why.add(ClaimedBrowser.REASONS.get(i));
            }
            // one finding per host and fingerprint: the address and the name of one server are the same story
            if (why.isEmpty() || !reported.add(s.client + " " + s.ja3 + " " + c.frame())) continue;
            out.add(finding(s, c, why));
        }
        return out;
    }

    private static Finding finding(Hellos s, Claim c, List<String> why) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", s.client);
        ev.put("destination", s.destination);
        ev.put("user_agent", c.ua());
        ev.put("claimed_browser", c.browser().family() + " " + c.browser().version());
        ev.put("user_agent_frame", c.frame());
        ev.put("hellos", s.count);
        ev.put("hello_frames", s.frames);
        ev.put("ja3", new ArrayList<>(s.ja3));
        ev.put("ja4", new ArrayList<>(s.ja4));
        ev.put("contradictions", why);
        List<Long> frames = new ArrayList<>();
        frames.add(c.frame());
        frames.addAll(s.frames);
        StreamSet streams = new StreamSet();
        streams.add(c.stream());
        streams.addAll(s.streams);
        String summary = String.format(Locale.ROOT, "%s claims to be %s %d over HTTP to %s, but none of its %d TLS hello%s to it "
                + "can be that browser's: %s", s.client, c.browser().family(), c.browser().version(), s.destination, s.count,
                s.count == 1 ? "" : "s", String.join(", ", why));
        long first = Math.min(c.frame(), s.frames.get(0)), last = Math.max(c.frame(), s.frames.get(s.frames.size() - 1));
        return new Finding(FindingType.CLIENT_IMPERSONATION, Severity.LOW, Phase.COMMAND_AND_CONTROL, null, s.client,
                first, last, Math.min(c.timeNs(), s.firstTimeNs), Math.max(c.timeNs(), s.lastTimeNs), streams,
                Filters.frameSet(frames), summary, null, List.of("T1071.001", "T1036"), ev);
    }
}
