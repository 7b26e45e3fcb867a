package org.nta.app;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Proto;
import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamHandler;

/**
 * Connections a parser announced before they open (an FTP data connection from PORT, EPRT, 227 or 229), like Zeek's
 * and Suricata's expectations: the responder's address and port are awaited for a bounded time, each once, and at
 * most {@code max} at a time (the oldest dropped past it, counted as {@code app.expectation_limit}). A connection
 * that opens to an awaited address and port goes to the announcer's handler, whatever its content.
 */
public final class Expectations {
    /** Makes the handler of an expected connection once it opens. */
    public interface Opener {
        StreamHandler open(ConnInfo conn);
    }

    private record Expected(Proto proto, long expiresNs, Opener opener) {
    }

    private final int max;
    private final AnomalyCounter anomalies;
    private final LinkedHashMap<String, Expected> awaited = new LinkedHashMap<>();

    public Expectations(int max, AnomalyCounter anomalies) {
        this.max = max;
        this.anomalies = anomalies;
    }

    /**
     * Awaits a connection to {@code addr} (formatted as {@link org.nta.decode.Addresses} does) port {@code port} until
     * {@code untilNs}; a later announcement of the same address and port replaces it.
     */
    public void expect(String addr, int port, Proto proto, long untilNs, Opener opener, long frame) {
        if (max <= 0 || addr == null || port <= 0 || port > 65535) return;
        awaited.remove(key(addr, port));
        while (awaited.size() >= max) {
            Iterator<String> it = awaited.keySet().iterator();
            it.next();
            it.remove();
            anomalies.add(Anomaly.APP_EXPECTATION_LIMIT, frame);
        }
        awaited.put(key(addr, port), new Expected(proto, untilNs, opener));
    }

    /** The awaited connection this one is (its responder is the awaited address and port), taken; or null. */
    public Match take(ConnInfo conn, long nowNs) {
        if (awaited.isEmpty()) return null;
        purge(nowNs);
        Expected e = awaited.remove(key(conn.serverAddr(), conn.serverPort()));
        return e == null ? null : new Match(e.proto(), e.opener().open(conn));
    }

    /** An expected connection recognised: its protocol and handler. */
    public record Match(Proto proto, StreamHandler handler) {
    }

    public int size() {
        return awaited.size();
    }

    /** Drops what expired before {@code nowNs} (in order of announcement, which is nearly the order of expiry). */
    private void purge(long nowNs) {
        for (Iterator<Map.Entry<String, Expected>> it = awaited.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresNs() < nowNs) it.remove();
            else break;
        }
    }

    private static String key(String addr, int port) {
        return addr + "#" + port;
    }
}
