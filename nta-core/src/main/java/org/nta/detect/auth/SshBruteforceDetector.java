package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.decode.Proto;
import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.SshBanner;
import org.nta.flow.Flow;

/**
 * {@code login_bruteforce} over SSH, whose logins are encrypted: told by many short connections from one client to
 * one server's SSH port with the same shape (payload bytes each way within {@link AuthConfig#sshShapeTolerance},
 * each over within {@link AuthConfig#sshMaxAttemptSec}), at least {@link AuthConfig#sshMinConnections} of them in
 * a burst (silences longer than {@link AuthConfig#sshMaxGapSec} end it). Connections that never reached
 * authentication (a banner grab, a port scan: less than {@link AuthConfig#sshMinKexBytes} each way) do not count.
 * A connection of the burst (or just after it) that carries {@link AuthConfig#sshSuccessFactor} times the usual
 * bytes or lasts that much longer is a login that worked: the session the guessing opened. The client's SSH
 * software (from its banner) names the tool when it is one (libssh: hydra; libssh2: medusa; paramiko; Ruby
 * Net::SSH: Metasploit).
 */
public final class SshBruteforceDetector implements Detector {
    private static final int MAX_CONNECTIONS = 200_000;

    private final AuthConfig config;
    private final Map<String, List<Conn>> groups = new LinkedHashMap<>();
    private final Map<Integer, String> clientSoftware = new HashMap<>();
    private int kept;
    private long dropped;

    /** One SSH connection: client, server and port, stream, frames, times and payload bytes each way. */
    record Conn(String client, String server, int port, int stream, long firstFrame, long lastFrame, long startNs, long endNs,
                long toServer, long toClient) {
        long durationNs() {
            return endNs - startNs;
        }
    }

    public SshBruteforceDetector(AuthConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(SshBanner.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof SshBanner b && b.fromClient() && clientSoftware.size() < MAX_CONNECTIONS) {
            clientSoftware.putIfAbsent(b.conn().stream(), b.software());
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        if (!flow.isTcp() || flow.app != Proto.SSH) return;
        boolean aClient = (flow.firstTcpFlags & 0x12) == 0x02 || (flow.firstTcpFlags & 0x12) != 0x12 && flow.bPort() < flow.aPort();
        add(aClient ? new Conn(flow.aAddr(), flow.bAddr(), flow.bPort(), flow.stream(), flow.firstFrame, flow.lastFrame, flow.startNs,
                flow.endNs, flow.payloadAB, flow.payloadBA)
                : new Conn(flow.bAddr(), flow.aAddr(), flow.aPort(), flow.stream(), flow.firstFrame, flow.lastFrame, flow.startNs,
                flow.endNs, flow.payloadBA, flow.payloadAB));
    }

    /** Records one finished SSH connection (tests feed it directly). */
    void add(Conn c) {
        if (kept >= MAX_CONNECTIONS) {
            dropped++;
            return;
        }
        kept++;
        groups.computeIfAbsent(c.client() + " " + c.server() + " " + c.port(), k -> new ArrayList<>()).add(c);
    }

    /** Records the client software of a connection (tests). */
    void software(int stream, String software) {
        clientSoftware.putIfAbsent(stream, software);
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        long gap = config.sshMaxGapSec() * 1_000_000_000L;
        for (List<Conn> g : groups.values()) {
            List<Conn> sorted = new ArrayList<>(g);
            sorted.sort((a, b) -> Long.compare(a.startNs(), b.startNs()));
            List<Conn> burst = new ArrayList<>();
            for (Conn c : sorted) {
                if (!burst.isEmpty() && c.startNs() - burst.get(burst.size() - 1).startNs() > gap) {
                    judge(burst, out);
                    burst = new ArrayList<>();
                }
                burst.add(c);
            }
            judge(burst, out);
        }
        out.sort((a, b) -> Long.compare(a.firstFrame(), b.firstFrame()));
        return out;
    }

    private void judge(List<Conn> burst, List<Finding> out) {
        List<Conn> authed = new ArrayList<>();
        for (Conn c : burst) if (c.toServer() >= config.sshMinKexBytes() && c.toClient() >= config.sshMinKexBytes()) authed.add(c);
        if (authed.size() < config.sshMinConnections()) return;
        long up = median(authed, true), down = median(authed, false);
        List<Conn> same = new ArrayList<>();
        long maxNs = config.sshMaxAttemptSec() * 1_000_000_000L;
        for (Conn c : authed) if (near(c.toServer(), up) && near(c.toClient(), down) && c.durationNs() <= maxNs) same.add(c);
        if (same.size() < config.sshMinConnections()) return;
        long[] durations = same.stream().mapToLong(Conn::durationNs).sorted().toArray();
        long medianNs = durations[durations.length / 2];
        Conn success = null;
        for (Conn c : authed) {
            boolean bigger = c.toServer() > config.sshSuccessFactor() * up || c.toClient() > config.sshSuccessFactor() * down;
            boolean longer = c.durationNs() > Math.max(maxNs, config.sshSuccessFactor() * medianNs);
            if (bigger || longer) {
                success = c;
                break;
            }
        }
        out.add(finding(same, success, up, down, medianNs, burst.size()));
    }

    private boolean near(long v, long median) {
        return Math.abs(v - median) <= Math.max(config.sshShapeSlackBytes(), (long) (median * config.sshShapeTolerance()));
    }

    private static long median(List<Conn> cs, boolean up) {
        long[] v = cs.stream().mapToLong(c -> up ? c.toServer() : c.toClient()).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private Finding finding(List<Conn> same, Conn success, long up, long down, long medianNs, int connections) {
        Conn first = same.get(0), last = same.get(same.size() - 1);
        StreamSet streams = new StreamSet();
        long firstFrame = Long.MAX_VALUE, lastFrame = 0, lastNs = 0;
        List<Conn> all = new ArrayList<>(same);
        if (success != null && !all.contains(success)) all.add(success);
        for (Conn c : all) {
            streams.add(c.stream());
            firstFrame = Math.min(firstFrame, c.firstFrame());
            lastFrame = Math.max(lastFrame, c.lastFrame());
            lastNs = Math.max(lastNs, c.endNs());
        }
        String software = clientSoftware.get(first.stream());
        String tool = tool(software);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("protocol", "ssh");
        ev.put("mechanism", "encrypted");
        ev.put("pattern", "unknown");
        ev.put("server_port", first.port());
        ev.put("attempts", same.size());
        ev.put("connections", connections);
        ev.put("failures", success == null ? same.size() : same.size() - (same.contains(success) ? 1 : 0));
        ev.put("bytes_to_server_median", up);
        ev.put("bytes_to_client_median", down);
        ev.put("duration_median_s", AuthEvidence.round(medianNs / 1e9));
        if (success != null) {
            ev.put("success_stream", success.stream());
            ev.put("success_frame", success.firstFrame());
            ev.put("success_bytes_to_server", success.toServer());
            ev.put("success_bytes_to_client", success.toClient());
            ev.put("success_duration_s", AuthEvidence.round(success.durationNs() / 1e9));
        }
        ev.put("client_software", software);
        ev.put("tool", tool);
        ev.put("first_attempt_frame", first.firstFrame());
        ev.put("last_attempt_frame", last.firstFrame());
        ev.put("rate_per_s", AuthEvidence.rate(same.size(), first.startNs(), last.startNs()));
        ev.put("duration_s", AuthEvidence.seconds(first.startNs(), last.startNs()));
        if (dropped > 0) ev.put("attempts_dropped", dropped);
        String summary = String.format("SSH login brute force on %s:%d by %s%s: %d short connections of one shape (%d/%d bytes, %.1f s)%s",
                first.server(), first.port(), first.client(), tool != null ? " with " + tool : "", same.size(), up, down, medianNs / 1e9,
                success != null ? "; then a longer session (stream " + success.stream() + ", frame " + success.firstFrame()
                        + "): a login that probably worked" : "; no sign of success");
        String filter = streams.size() <= config.maxFilterStreams() ? Filters.streams("tcp", streams.all())
                : Filters.and(Filters.between(first.client(), first.server()), "tcp.port == " + first.port(), Filters.frames(firstFrame, lastFrame));
        return new Finding(FindingType.LOGIN_BRUTEFORCE, success != null ? Severity.HIGH : Severity.MEDIUM, Phase.EXPLOITATION,
                first.client(), first.server(), firstFrame, lastFrame, first.startNs(), lastNs, streams, filter, summary,
                success != null ? Boolean.TRUE : null, List.of("T1110.001"), ev);
    }

    /** The tool a client SSH banner's software names, or null. */
    static String tool(String software) {
        if (software == null) return null;
        if (software.startsWith("libssh2")) return "medusa";
        if (software.startsWith("libssh")) return "hydra";
        if (software.startsWith("paramiko")) return "paramiko";
        if (software.startsWith("Ruby/Net::SSH")) return "metasploit";
        if (software.startsWith("ncrack") || software.startsWith("Nmap")) return "ncrack";
        return null;
    }
}
