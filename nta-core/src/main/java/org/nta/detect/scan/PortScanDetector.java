package org.nta.detect.scan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.nta.detect.StreamSet;
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
    private final LinkedHashMap<String, SweepTally> sweeps;
    /** SYN-ACK frame of flows still open, to cite as the evidence an open port answered. */
    private final IdentityHashMap<Flow, Long> synAckFrame = new IdentityHashMap<>();
    /** UDP probes answered by ICMP port unreachable: "src dst port". */
    private final java.util.HashSet<String> unreachable = new java.util.HashSet<>();

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
            protected boolean removeEldestEntry(Map.Entry<String, SweepTally> e) {
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
            String dst = ip.dstString();
            if (!unicast(dst)) return;
            sweep(ip.srcString(), "icmp", new SweepTally.Probe(dst, p.frame.number, p.frame.epochNanos(), -1, false, -1));
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
        int packets = kind <= K_CONNECT ? Math.max(1, f.synsAB) : (int) f.framesAB;
        tally(f).add(new ScanTally.Probe(f.bPort(), kind, f.firstFrame, last, f.startNs, f.stream(), f.aPort(), answer,
                answerFrame, packets));
        // a stealth probe that got more than a reset back was the tail of a real connection, not a sweep's probe
        boolean probeLike = kind <= K_CONNECT || f.framesBA == 0 || answeredRst && f.framesBA <= 2;
        if (probeLike && unicast(f.bAddr())) {
            sweep(f.aAddr(), "tcp/" + f.bPort(), new SweepTally.Probe(f.bAddr(), f.firstFrame, f.startNs, f.stream(),
                    answer != 0, kind));
        }
    }

    private void sweep(String attacker, String what, SweepTally.Probe probe) {
        sweeps.computeIfAbsent(attacker + " " + what, k -> new SweepTally(attacker, what)).add(probe);
    }

    /** Multicast and limited broadcast reach many hosts by design: service discovery, not sweeping. */
    static boolean unicast(String addr) {
        if (addr.indexOf(':') >= 0) return !addr.regionMatches(true, 0, "ff", 0, 2);
        if (addr.equals("255.255.255.255")) return false;
        int dot = addr.indexOf('.');
        int first = dot > 0 ? Integer.parseInt(addr, 0, dot, 10) : 0;
        return first < 224;
    }

    private void udpProbe(Flow f) {
        if (f.framesAB > config.maxProbePackets() || f.payloadBA > 0 && f.framesBA > f.framesAB) return; // a dialogue, not a probe
        String attacker = f.aAddr(), victim = f.bAddr();
        int port = f.bPort();
        int answer = f.framesBA > 0 ? 1 : unreachable.contains(attacker + " " + victim + " " + port) ? 2 : 0;
        long last = f.framesBA == 0 ? f.lastFrame : f.firstFrame; // without answers every frame is a probe
        tally(f).add(new ScanTally.Probe(port, K_UDP, f.firstFrame, last, f.startNs, f.stream(), f.aPort(), answer,
                answer == 1 ? f.lastFrame : 0, (int) f.framesAB));
        // answered datagrams are clients talking to servers (DNS, NTP…); a sweep's probes go unanswered or refused
        if (answer != 1 && unicast(victim)) {
            sweep(attacker, "udp/" + port, new SweepTally.Probe(victim, f.firstFrame, f.startNs, f.stream(), answer != 0, K_UDP));
        }
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
        for (SweepTally s : sweeps.values()) {
            if (s.distinctHosts() < config.minHosts()) continue;
            s.settle(config.sweepWindowSec() * 1_000_000_000L);
            if (s.densestHosts >= config.minHosts() && !s.monitoring()) out.add(sweep(s));
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
        boolean ack = type.equals("ack");
        int unfiltered = ack ? t.answered.cardinality() - open : 0;
        ev.put("closed_ports", closed);
        if (ack) ev.put("unfiltered_ports", unfiltered);
        ev.put("filtered_ports", filtered);
        ev.put("probes", t.packets);
        ev.put("probe_flows", t.count);
        ev.put("source_ports", t.sourcePorts.size() <= 8 ? new ArrayList<>(t.sourcePorts) : t.sourcePorts.size() + " distinct");
        double secs = (t.lastTime - t.firstTime) / 1e9;
        ev.put("duration_s", secs);
        ev.put("probes_per_s", secs > 0 ? t.count / secs : (double) t.count);
        String transport = t.udp && type.equals("udp") ? "udp" : "tcp";
        String probeFilter = type.equals("udp") ? "udp && !icmp" // tshark also matches the UDP header an ICMP error quotes
                : Objects.requireNonNullElse(flagsFilter(type), "tcp");
        String filter = Filters.and(Filters.src(t.attacker), Filters.dst(t.victim), probeFilter, Filters.frames(t.firstFrame, t.lastFrame));
        String openText = open == 0 ? "no open port found" : (stealth ? "open|filtered: " : "open: ") + joinPorts(openPorts);
        if (stealth) filtered = 0;
        String states = ack ? String.format("%s unfiltered (RST), %s filtered", count(unfiltered), count(filtered))
                : String.format("%s closed, %s filtered", count(closed), count(filtered));
        String summary = String.format("%s scan of %s %s ports of %s by %s (%s); %s; %s", label(type), count(ports),
                transport.toUpperCase(), t.victim, t.attacker, t.portRanges(), ack && open == 0 ? "no open port seen" : openText,
                states);
        return new Finding(FindingType.PORT_SCAN, Severity.MEDIUM, Phase.RECONNAISSANCE, t.attacker, t.victim, t.firstFrame,
                t.lastFrame, t.firstTime, t.lastTime, t.streams, filter, summary, open > 0,
                List.of("T1046"), ev);
    }

    private Finding sweep(SweepTally s) {
        String type = s.probeType();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("probe", s.what);
        ev.put("probe_type", type);
        ev.put("hosts_probed", s.hosts.size());
        ev.put("hosts", s.hosts.size() <= 256 ? new ArrayList<>(s.hosts) : new ArrayList<>(s.hosts).subList(0, 256));
        ev.put("hosts_answering", new ArrayList<>(s.answeredHosts));
        ev.put("probes", s.count);
        ev.put("densest_hosts", s.densestHosts);
        ev.put("window_s", config.sweepWindowSec());
        String filter = Filters.and(Filters.src(s.attacker), sweepFilter(s, type), Filters.frames(s.firstFrame, s.lastFrame));
        String label = s.what.equals("icmp") ? "Ping" : s.what.toUpperCase()
                + (List.of("fin", "null", "xmas", "ack", "maimon").contains(type) ? " " + label(type) : "");
        String summary = String.format("%s sweep of %s hosts by %s (%s)", label, count(s.hosts.size()), s.attacker,
                s.answeredHosts.isEmpty() ? "no answer" : count(s.answeredHosts.size()) + " answered");
        return new Finding(FindingType.HOST_SWEEP, Severity.MEDIUM, Phase.RECONNAISSANCE, s.attacker, null, s.firstFrame,
                s.lastFrame, s.firstTime, s.lastTime, s.streams, filter, summary, !s.answeredHosts.isEmpty(),
                List.of("T1018"), ev);
    }

    /** The filter of a TCP probe kind's flags, or null for a kind without one. */
    private static String flagsFilter(String type) {
        return switch (type) {
            case "syn", "connect" -> "tcp.flags.syn == 1 && tcp.flags.ack == 0";
            case "fin" -> "tcp.flags == 0x001";
            case "null" -> "tcp.flags == 0x000";
            case "xmas" -> "tcp.flags.fin == 1 && tcp.flags.push == 1 && tcp.flags.urg == 1";
            case "ack" -> "tcp.flags == 0x010";
            case "maimon" -> "tcp.flags == 0x011";
            default -> null;
        };
    }

    private static String sweepFilter(SweepTally s, String type) {
        if (s.what.equals("icmp")) return s.attacker.indexOf(':') >= 0 ? "icmpv6.type == 128" : "icmp.type == 8";
        String port = s.what.substring(4);
        if (s.what.startsWith("udp/")) return "udp.dstport == " + port + " && !icmp";
        // mixed kinds (no flags filter): every packet of the prober to that port
        return Filters.and("tcp.dstport == " + port, flagsFilter(type));
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

    /** 1,022 */
    private static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    static String joinPorts(Iterable<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (int p : ports) sb.append(sb.length() > 0 ? ", " : "").append(p);
        return sb.toString();
    }
}
