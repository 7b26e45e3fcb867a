package org.nta.detect.scan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.detect.Detector;
import org.nta.detect.Filters;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.flow.Flow;

/**
 * Vertical port scans (many ports of one host) and horizontal sweeps (one port or ping, many hosts), TCP and UDP,
 * IPv4 and IPv6. A probe is a short flow without payload (UDP: a datagram with no dialogue); its kind comes from
 * the first flags (SYN half-open, full connect, FIN, NULL, Xmas, ACK, Maimon) and the answer tells the port state:
 * SYN-ACK or data open, RST closed, ICMP port unreachable closed (UDP), nothing filtered.
 */
public final class PortScanDetector implements Detector {
    private static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16, URG = 32;
    private static final int K_SYN = 0, K_CONNECT = 1, K_FIN = 2, K_NULL = 3, K_XMAS = 4, K_ACK = 5, K_MAIMON = 6, K_OTHER = 7, K_UDP = 8;

    private final ScanConfig config;
    private final LinkedHashMap<String, ScanTally> pairs;
    private final LinkedHashMap<String, Sweep> sweeps;
    /** SYN-ACK frame of flows still open, to cite as the evidence an open port answered. */
    private final IdentityHashMap<Flow, Long> synAckFrame = new IdentityHashMap<>();
    /** UDP probes answered by ICMP port unreachable: "src dst port". */
    private final java.util.HashSet<String> unreachable = new java.util.HashSet<>();

    private static final class Sweep {
        final String attacker, what;
        final TreeSet<String> hosts = new TreeSet<>();
        final TreeSet<Integer> streams = new TreeSet<>();
        final TreeSet<String> answered = new TreeSet<>();
        long firstFrame = Long.MAX_VALUE, lastFrame, firstTime = Long.MAX_VALUE, lastTime;

        Sweep(String attacker, String what) {
            this.attacker = attacker;
            this.what = what;
        }

        void add(String host, long frame, long t, int stream) {
            if (hosts.size() < 65536) hosts.add(host);
            if (stream >= 0 && streams.size() < 5000) streams.add(stream);
            if (frame < firstFrame) firstFrame = frame;
            if (frame > lastFrame) lastFrame = frame;
            if (t < firstTime) firstTime = t;
            if (t > lastTime) lastTime = t;
        }
    }

    public PortScanDetector(ScanConfig config) {
        this.config = config;
        int cap = config.maxPairs();
        this.pairs = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ScanTally> e) {
                return size() > cap;
            }
        };
        this.sweeps = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sweep> e) {
                return size() > cap;
            }
        };
    }

    @Override
    public boolean readsPackets() {
        return true;
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        if (flow != null && flow.isTcp() && !fromA && (p.tcpFlags & (SYN | ACK)) == (SYN | ACK) && !synAckFrame.containsKey(flow)) {
            synAckFrame.put(flow, p.frame.number);
        }
        if (p.hasIcmpQuoted && p.icmpQuoted.proto == 17 && p.icmpQuotedDstPort >= 0) {
            boolean portUnreachable = (p.icmpType == 3 && p.icmpCode == 3) || (p.icmpType == 1 && p.icmpCode == 4);
            if (portUnreachable && unreachable.size() < 1_000_000) {
                unreachable.add(p.icmpQuoted.srcString() + " " + p.icmpQuoted.dstString() + " " + p.icmpQuotedDstPort);
            }
        }
        boolean echo = (p.l4Proto == 1 && p.icmpType == 8) || (p.l4Proto == 58 && p.icmpType == 128);
        if (echo) {
            IpLayer ip = p.innerIp();
            String src = ip.srcString();
            sweeps.computeIfAbsent(src + " icmp", k -> new Sweep(src, "icmp"))
                    .add(ip.dstString(), p.frame.number, p.frame.epochNanos(), -1);
        }
    }

    @Override
    public void onFlowEnd(Flow f) {
        Long synAck = synAckFrame.remove(f);
        if (f.isTcp() && f.payloadAB > 0) {
            ScanTally t = tally(f);
            if (t.dataPorts.size() < 1024) t.dataPorts.add(f.bPort());
            return;
        }
        if (f.frames() > config.maxProbePackets()) return;
        if (f.isTcp()) tcpProbe(f, synAck);
        else udpProbe(f);
    }

    private ScanTally tally(Flow f) {
        String attacker = f.aAddr(), victim = f.bAddr();
        return pairs.computeIfAbsent(attacker + " " + victim, k -> new ScanTally(attacker, victim));
    }

    private void tcpProbe(Flow f, Long synAck) {
        if (f.firstTcpFlags < 0) return;
        if (f.payloadAB > 0) {
            ScanTally t = tally(f);
            if (t.dataPorts.size() < 1024) t.dataPorts.add(f.bPort());
            return;
        }
        int flags = f.firstTcpFlags;
        String history = f.history();
        boolean answeredSynAck = history.indexOf('h') >= 0;
        boolean answeredRst = history.indexOf('r') >= 0;
        int kind;
        if ((flags & (SYN | ACK)) == SYN) kind = history.indexOf('A') >= 0 && answeredSynAck ? K_CONNECT : K_SYN;
        else if (flags == FIN) kind = K_FIN;
        else if (flags == 0) kind = K_NULL;
        else if ((flags & (FIN | PSH | URG)) == (FIN | PSH | URG) && (flags & (SYN | ACK | RST)) == 0) kind = K_XMAS;
        else if (flags == ACK) kind = K_ACK;
        else if (flags == (FIN | ACK)) kind = K_MAIMON;
        else return; // a flow that started with data or a reset is not a probe
        if (f.payloadBA > 0 && kind != K_SYN && kind != K_CONNECT) return;
        int answer = 0;
        long answerFrame = 0;
        if (answeredSynAck || f.payloadBA > 0) {
            answer = 1;
            answerFrame = synAck != null ? synAck : f.lastFrame;
        } else if (answeredRst) {
            answer = kind == K_ACK ? 3 : 2;
        }
        long last = kind <= K_CONNECT ? Math.max(f.firstFrame, f.lastSynFrame) : f.firstFrame;
        tally(f).add(new ScanTally.Probe(f.bPort(), kind, f.firstFrame, last, f.startNs, f.stream(), f.aPort(), answer, answerFrame));
        if (kind == K_SYN || kind == K_CONNECT) {
            String attacker = f.aAddr(), victim = f.bAddr();
            int port = f.bPort();
            Sweep s = sweeps.computeIfAbsent(attacker + " tcp/" + port, k -> new Sweep(attacker, "tcp/" + port));
            s.add(victim, f.firstFrame, f.startNs, f.stream());
            if (answeredSynAck) s.answered.add(victim);
        }
    }

    private void udpProbe(Flow f) {
        if (f.framesAB > config.maxProbePackets() || f.payloadBA > 0 && f.framesBA > f.framesAB) return; // a dialogue, not a probe
        String attacker = f.aAddr(), victim = f.bAddr();
        int port = f.bPort();
        int answer = f.framesBA > 0 ? 1 : unreachable.contains(attacker + " " + victim + " " + port) ? 2 : 0;
        long last = f.framesBA == 0 ? f.lastFrame : f.firstFrame; // without answers every frame is a probe
        tally(f).add(new ScanTally.Probe(port, K_UDP, f.firstFrame, last, f.startNs, f.stream(), f.aPort(), answer,
                answer == 1 ? f.lastFrame : 0));
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (ScanTally t : pairs.values()) {
            int ports = t.distinctPorts();
            boolean scan = ports >= config.minPorts()
                    || ports >= config.minBurstPorts() && t.fastRefusedBurst(config.minBurstPorts(), config.burstWindowSec() * 1_000_000_000L);
            if (!scan) continue;
            t.settle(config.repeatGraceSec() * 1_000_000_000L);
            t.resolveSynOrConnect();
            out.add(portScan(t));
        }
        for (Sweep s : sweeps.values()) {
            if (s.hosts.size() >= config.minHosts()) out.add(sweep(s));
        }
        return out;
    }

    private Finding portScan(ScanTally t) {
        String type = t.scanType();
        int ports = t.probed.cardinality();
        int closed = t.closed.cardinality();
        int open = t.open.size();
        int filtered = ports - t.answered.cardinality();
        String typeForOpen = type;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("scan_type", type);
        ev.put("ports_probed", ports);
        ev.put("port_ranges", t.portRanges());
        boolean stealth = type.equals("fin") || type.equals("null") || type.equals("xmas") || type.equals("maimon");
        List<Integer> openPorts = stealth ? t.silentPorts() : new ArrayList<>(t.open.keySet());
        if (stealth) open = openPorts.size();
        ev.put("open_ports", openPorts);
        if (stealth) ev.put("open_ports_meaning", "open|filtered: no answer to the probe, while closed ports answered RST");
        Map<String, Long> openFrames = new TreeMap<>();
        t.open.forEach((p, fr) -> openFrames.put(String.valueOf(p), fr));
        ev.put("open_port_frames", openFrames);
        ev.put("closed_ports", closed);
        ev.put("filtered_ports", filtered);
        ev.put("probes", t.count);
        ev.put("source_ports", t.sourcePorts.size() <= 8 ? new ArrayList<>(t.sourcePorts) : t.sourcePorts.size() + " distinct");
        double secs = (t.lastTime - t.firstTime) / 1e9;
        ev.put("duration_s", secs);
        ev.put("probes_per_s", secs > 0 ? t.count / secs : (double) t.count);
        String transport = t.udp && type.equals("udp") ? "udp" : "tcp";
        String probeFilter = switch (type) {
            case "syn", "connect" -> "tcp.flags.syn == 1 && tcp.flags.ack == 0";
            case "fin" -> "tcp.flags == 0x001";
            case "null" -> "tcp.flags == 0x000";
            case "xmas" -> "tcp.flags.fin == 1 && tcp.flags.push == 1 && tcp.flags.urg == 1";
            case "ack" -> "tcp.flags == 0x010";
            case "maimon" -> "tcp.flags == 0x011";
            case "udp" -> "udp";
            default -> "tcp";
        };
        String filter = Filters.and(Filters.src(t.attacker), Filters.dst(t.victim), probeFilter, Filters.frames(t.firstFrame, t.lastFrame));
        String openText = open == 0 ? "no open port found" : (stealth ? "open|filtered: " : "open: ") + joinPorts(openPorts);
        if (stealth) filtered = 0;
        String summary = String.format("%s scan of %d %s ports of %s by %s (%s); %s, %d closed, %d filtered",
                label(type), ports, transport.toUpperCase(), t.victim, t.attacker, t.portRanges(), openText, closed, filtered);
        return new Finding(FindingType.PORT_SCAN, Severity.MEDIUM, Phase.RECONNAISSANCE, t.attacker, t.victim, t.firstFrame,
                t.lastFrame, t.firstTime, t.lastTime, new ArrayList<>(t.streams), filter, summary, open > 0,
                List.of("T1046"), ev);
    }

    private Finding sweep(Sweep s) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("probe", s.what);
        ev.put("hosts_probed", s.hosts.size());
        ev.put("hosts", s.hosts.size() <= 256 ? new ArrayList<>(s.hosts) : new ArrayList<>(s.hosts).subList(0, 256));
        ev.put("hosts_answering", new ArrayList<>(s.answered));
        String probeFilter = s.what.equals("icmp")
                ? (s.attacker.indexOf(':') >= 0 ? "icmpv6.type == 128" : "icmp.type == 8")
                : "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == " + s.what.substring(4);
        String filter = Filters.and(Filters.src(s.attacker), probeFilter, Filters.frames(s.firstFrame, s.lastFrame));
        String summary = String.format("%s sweep of %d hosts by %s (%s)", s.what.equals("icmp") ? "Ping" : s.what.toUpperCase(),
                s.hosts.size(), s.attacker, s.answered.isEmpty() ? "no answer" : s.answered.size() + " answered");
        return new Finding(FindingType.HOST_SWEEP, Severity.MEDIUM, Phase.RECONNAISSANCE, s.attacker, null, s.firstFrame,
                s.lastFrame, s.firstTime, s.lastTime, new ArrayList<>(s.streams), filter, summary, !s.answered.isEmpty(),
                List.of("T1018"), ev);
    }

    private static String label(String type) {
        return switch (type) {
            case "syn" -> "SYN (half-open)";
            case "connect" -> "TCP connect";
            case "fin" -> "FIN";
            case "null" -> "NULL";
            case "xmas" -> "Xmas";
            case "ack" -> "ACK";
            case "maimon" -> "Maimon";
            case "udp" -> "UDP";
            default -> "Mixed";
        };
    }

    static String joinPorts(Iterable<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (int p : ports) sb.append(sb.length() > 0 ? ", " : "").append(p);
        return sb.toString();
    }
}
