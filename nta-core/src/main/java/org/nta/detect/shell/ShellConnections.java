package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.decode.Proto;
import org.nta.event.TcpSession;
import org.nta.flow.Flow;

/**
 * The TCP connections (not HTTP) a reverse or bind shell could be: who opened them, to which port, their SYN and
 * last frames, whether the handshake completed. Filled from released flows and from {@link TcpSession} events (the
 * latter alone when flows are not available). Bounded: beyond {@code maxConnections} the oldest is dropped and
 * counted.
 */
final class ShellConnections {
    private static final int SYN = 2, ACK = 16;

    /** One connection. {@code synFrame} is 0 when its SYN was not captured. */
    static final class Conn {
        final int stream;
        String client, server;
        int clientPort, serverPort;
        long synFrame, firstFrame, lastFrame, startNs, endNs;
        String state;
        boolean established, fromFlow;
        long bytesClient, bytesServer;

        Conn(int stream) {
            this.stream = stream;
        }
    }

    private final int max;
    private final LinkedHashMap<Integer, Conn> byStream;
    private long dropped;
    /** Capture time of the first payload seen: connections without data only matter after it. */
    private long armedNs = Long.MAX_VALUE;

    ShellConnections(int max) {
        this.max = max;
        this.byStream = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Conn> e) {
                if (size() > ShellConnections.this.max) {
                    dropped++;
                    return true;
                }
                return false;
            }
        };
    }

    /** A payload was seen at this time: from now on remember connections that carry no data too (refused attempts). */
    void arm(long timeNs) {
        armedNs = Math.min(armedNs, timeNs);
    }

    long dropped() {
        return dropped;
    }

    /** A released TCP flow that no parser recognised as HTTP. */
    void onFlow(Flow f) {
        if (!f.isTcp() || f.app == Proto.HTTP || max == 0) return;
        if (f.payloadAB == 0 && f.payloadBA == 0 && f.endNs < armedNs) return; // probes and empty connections
        Conn c = byStream.computeIfAbsent(f.stream(), Conn::new);
        boolean aOpened = f.firstTcpFlags < 0 || (f.firstTcpFlags & (SYN | ACK)) != (SYN | ACK);
        c.client = aOpened ? f.aAddr() : f.bAddr();
        c.server = aOpened ? f.bAddr() : f.aAddr();
        c.clientPort = aOpened ? f.aPort() : f.bPort();
        c.serverPort = aOpened ? f.bPort() : f.aPort();
        c.synFrame = f.firstTcpFlags >= 0 && (f.firstTcpFlags & (SYN | ACK)) == SYN ? f.firstFrame : 0;
        c.firstFrame = f.firstFrame;
        c.lastFrame = Math.max(c.lastFrame, f.lastFrame);
        c.startNs = f.startNs;
        c.endNs = f.endNs;
        c.state = f.connState();
        String h = f.history();
        c.established = h != null && (h.indexOf('h') >= 0 || h.indexOf('H') >= 0 || h.indexOf('D') >= 0 && h.indexOf('d') >= 0);
        c.bytesClient = aOpened ? f.payloadAB : f.payloadBA;
        c.bytesServer = aOpened ? f.payloadBA : f.payloadAB;
        c.fromFlow = true;
    }

    /** What a session event says about its connection (kept unless the flow already told more). */
    void onSession(TcpSession s) {
        if (max == 0) return;
        Conn c = byStream.computeIfAbsent(s.conn().stream(), Conn::new);
        if (c.fromFlow) return;
        c.client = s.conn().clientAddr();
        c.server = s.conn().serverAddr();
        c.clientPort = s.conn().clientPort();
        c.serverPort = s.conn().serverPort();
        c.firstFrame = s.firstFrame();
        c.lastFrame = Math.max(c.lastFrame, s.frame());
        c.startNs = s.chunks().isEmpty() ? s.timeNs() : s.chunks().get(0).timeNs();
        c.endNs = s.timeNs();
        c.established = s.bytesClient() > 0 && s.bytesServer() > 0;
        c.bytesClient = s.bytesClient();
        c.bytesServer = s.bytesServer();
    }

    Conn get(int stream) {
        return byStream.get(stream);
    }

    /** The connections in order of their first frame. */
    List<Conn> all() {
        List<Conn> out = new ArrayList<>(byStream.values());
        out.sort((a, b) -> Long.compare(a.firstFrame, b.firstFrame));
        return out;
    }
}
