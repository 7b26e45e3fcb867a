package org.nta.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;

/**
 * TCP and UDP flows with Wireshark's stream numbers. Flows are released on capture time (ended flows after a
 * grace period, idle flows after a timeout), so memory follows concurrent flows rather than file size; a
 * compact tombstone of each released flow keeps its stream index for late packets.
 */
public final class FlowTable {
    private static final long SWEEP_EVERY_NS = 1_000_000_000L;

    private record Tombstone(int stream, boolean aIsLo, boolean origIsB, long baseA, boolean baseSetA, long baseB, boolean baseSetB) {
    }

    private final FlowConfig config;
    private final FlowListener listener;
    private final AnomalyCounter anomalies;
    private final LiveFlows live = new LiveFlows();
    private final LinkedHashMap<FlowKey, Tombstone> tombstones;
    private final FlowKey probe = new FlowKey();
    private int nextTcpStream;
    private int nextUdpStream;
    private long maxTimeNs = Long.MIN_VALUE;
    /** UDP exchanges all flows may still keep (each is 40 bytes): a flood of chatty flows cannot grow memory. */
    private long exchangeBudget = 250_000;
    private long nextSweepNs = Long.MIN_VALUE;
    private long released;

    /** Direction of the packet given to the last {@link #track} call: true when it was sent by A. */
    public boolean fromA;

    public FlowTable(FlowConfig config, FlowListener listener, AnomalyCounter anomalies) {
        this.config = config;
        this.listener = listener;
        this.anomalies = anomalies;
        int cap = config.maxTombstones();
        this.tombstones = new LinkedHashMap<>(1 << 12, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FlowKey, Tombstone> e) {
                return size() > cap;
            }
        };
    }

    /**
     * Finds or opens the flow of a TCP or UDP packet and counts the packet in it; null for other packets.
     * Sets {@link #fromA}.
     */
    public Flow track(Packet p) {
        if (p.hasIcmpQuoted) noteQuoted(p);
        for (int i = 0; i < p.outerUdpCount; i++) {
            IpLayer l = p.ip[p.outerUdpIpIndex[i]];
            Flow outer = trackOne(p, 17, l, p.outerUdpSrcPort[i], p.outerUdpDstPort[i], true);
            p.outerUdpStream[i] = outer.stream();
        }
        if (p.l4Proto != 6 && p.l4Proto != 17) return null;
        IpLayer ip = p.innerIp();
        if (ip == null) return null;
        return trackOne(p, p.l4Proto, ip, p.srcPort, p.dstPort, !p.l4HeaderTruncated);
    }

    private Flow trackOne(Packet p, int proto, IpLayer ip, int srcPort, int dstPort, boolean counted) {
        long now = p.frame.epochNanos();
        if (now > maxTimeNs) maxTimeNs = now;
        if (maxTimeNs >= nextSweepNs) {
            sweep(maxTimeNs);
            nextSweepNs = maxTimeNs + SWEEP_EVERY_NS;
        }
        boolean srcLow = probe.set(proto, ip.version, ip.srcHi, ip.srcLo, srcPort, ip.flowDstHi, ip.flowDstLo, dstPort);
        Flow f = live.get(probe);
        boolean tcp = proto == 6;
        if (f == null) {
            f = open(p, srcLow);
        } else if (tcp && opensNewStream(f, p, srcLow)) {
            live.remove(f);
            end(f);
            f = newFlow(probe.copy(), srcLow);
            f.portsReusedFrame = p.frame.number;
        }
        if (!counted) {
            fromA = srcLow == f.aIsLo;
            return f;
        }
        if (!f.aFixed) { // A is the sender of the first counted packet
            f.aIsLo = srcLow;
            f.aFixed = true;
        }
        fromA = srcLow == f.aIsLo;
        account(f, p, fromA, tcp, now);
        return f;
    }

    /**
     * Wireshark gives the TCP or UDP header quoted in an ICMP error a stream index (a later packet of that flow
     * joins it), without counting the error in the conversation.
     */
    private void noteQuoted(Packet p) {
        IpLayer q = p.icmpQuoted;
        boolean tcp = q.proto == 6;
        if (!tcp && q.proto != 17) return;
        if (p.icmpQuotedL4Len < (tcp ? 16 : 8)) return;
        boolean srcLow = probe.set(q.proto, q.version, q.srcHi, q.srcLo, p.icmpQuotedSrcPort, q.dstHi, q.dstLo, p.icmpQuotedDstPort);
        if (p.icmpQuotedSrcPort < 0) return;
        Flow f = live.get(probe);
        if (f == null) {
            Tombstone t = tombstones.get(probe);
            if (t != null) {
                p.icmpQuotedStream = t.stream;
                return;
            }
            f = newFlow(probe.copy(), srcLow);
        }
        p.icmpQuotedStream = f.stream();
    }

    private Flow open(Packet p, boolean srcLow) {
        Tombstone t = tombstones.remove(probe);
        if (t != null) {
            Flow f = new Flow(probe.copy(), t.stream, t.aIsLo);
            f.aFixed = true;
            f.origIsB = t.origIsB;
            if (f.isTcp()) {
                f.tcpA.baseSeq = t.baseA;
                f.tcpA.baseSet = t.baseSetA;
                f.tcpB.baseSeq = t.baseB;
                f.tcpB.baseSet = t.baseSetB;
                if (opensNewStream(f, p, srcLow)) {
                    Flow fresh = newFlow(f.key, srcLow);
                    fresh.portsReusedFrame = p.frame.number;
                    return fresh;
                }
            }
            live.add(f);
            return f;
        }
        return newFlow(probe.copy(), srcLow);
    }

    private Flow newFlow(FlowKey key, boolean srcLow) {
        if (live.size() >= config.maxFlows()) {
            Flow oldest = live.eldest();
            live.remove(oldest);
            anomalies.add(Anomaly.FLOW_LIMIT, oldest.lastFrame);
            oldest.evicted = true;
            release(oldest);
        }
        int stream = key.proto == 6 ? nextTcpStream++ : nextUdpStream++;
        Flow f = new Flow(key, stream, srcLow);
        live.add(f);
        return f;
    }

    /**
     * Wireshark: a SYN (without ACK) whose sequence number differs from the base sequence number already
     * recorded for its direction starts a new conversation on the same addresses and ports. Directions are
     * Wireshark's: by address order, not by who spoke first.
     */
    private static boolean opensNewStream(Flow f, Packet p, boolean srcLow) {
        if ((p.tcpFlags & (Packet.TCP_SYN | Packet.TCP_ACK)) != Packet.TCP_SYN) return false;
        TcpSide s = sideOf(f, srcLow);
        return s.baseSet && p.tcpSeq != s.baseSeq;
    }

    /** The side that sends from the key's low endpoint when {@code srcLow}. */
    private static TcpSide sideOf(Flow f, boolean srcLow) {
        return srcLow == f.aIsLo ? f.tcpA : f.tcpB;
    }

    private void account(Flow f, Packet p, boolean fromA, boolean tcp, long now) {
        if (!tcp) {
            if (f.lastSeenNs != 0 && now - f.lastSeenNs >= Exchanges.GAP_NS) exchange(f, p, now);
        } else if (p.payloadWireLen > 0) {
            if (f.lastPayloadNs != 0 && now - f.lastPayloadNs >= Exchanges.GAP_NS) exchange(f, p, now);
            f.lastPayloadNs = now;
        }
        long len = p.frame.origLen;
        if (fromA) {
            f.framesAB++;
            f.bytesAB += len;
            f.payloadAB += p.payloadWireLen;
        } else {
            f.framesBA++;
            f.bytesBA += len;
            f.payloadBA += p.payloadWireLen;
        }
        if (f.firstFrame == 0) f.firstFrame = p.frame.number;
        f.lastFrame = p.frame.number;
        if (now < f.startNs) f.startNs = now;
        if (now > f.endNs) f.endNs = now;
        if (now > f.lastSeenNs) f.lastSeenNs = now;
        if (tcp) trackTcp(f, p, fromA);
    }

    /** A UDP datagram, or TCP payload, after a second or more of silence on its flow: a new exchange (see {@link Exchanges}). */
    private void exchange(Flow f, Packet p, long now) {
        Exchanges x = f.exchanges;
        if (x == null) {
            x = f.exchanges = new Exchanges();
            x.add(f.startNs, f.firstFrame, 0, 0, 0);
            exchangeBudget--;
        }
        if (x.size() >= Exchanges.MAX_PER_FLOW || exchangeBudget <= 0) {
            if (x.dropped++ == 0) anomalies.add(Anomaly.FLOW_EXCHANGE_LIMIT, p.frame.number);
            return;
        }
        x.add(now, p.frame.number, f.payloadAB, f.payloadBA, f.isTcp() ? f.payloadBA : f.framesBA);
        exchangeBudget--;
    }

    private static void trackTcp(Flow f, Packet p, boolean fromA) {
        TcpSide me = fromA ? f.tcpA : f.tcpB;
        TcpSide peer = fromA ? f.tcpB : f.tcpA;
        int flags = p.tcpFlags;
        if (fromA) {
            if (f.firstTcpFlags < 0) f.firstTcpFlags = flags;
            if ((flags & (Packet.TCP_SYN | Packet.TCP_ACK)) == Packet.TCP_SYN) {
                f.lastSynFrame = p.frame.number;
                f.synsAB++;
            }
        }
        if ((flags & Packet.TCP_SYN) != 0) {
            me.synSeen = true;
            me.synWscale = p.tcpWscale;
        }
        if (!p.fragmentedL4) {
            if (!me.baseSet) {
                me.baseSeq = (flags & Packet.TCP_SYN) != 0 ? p.tcpSeq : (p.tcpSeq - 1) & 0xffffffffL;
                me.baseSet = true;
            }
            if (!peer.baseSet && (flags & Packet.TCP_ACK) != 0) {
                peer.baseSeq = (p.tcpAck - 1) & 0xffffffffL;
                peer.baseSet = true;
            }
        }
        if (f.framesAB + f.framesBA == 1 && firstPacketFlips(p)) f.origIsB = true;
        boolean isOrig = fromA != f.origIsB;
        me.size += p.payloadWireLen;
        int fresh = me.noteHistory(flags, p.payloadWireLen);
        if (fresh != 0) TcpSide.recordOrder(f.tcpA, fresh, !fromA);
        TcpSide orig = f.origIsB ? f.tcpB : f.tcpA;
        TcpSide.update(me, peer, flags, p.payloadWireLen, isOrig, orig);
        f.closed = me.state == TcpSide.RESET || peer.state == TcpSide.RESET
                || (me.state == TcpSide.CLOSED && peer.state == TcpSide.CLOSED);
    }

    /** Zeek makes the receiver the originator when the first packet is not a pure SYN and comes from a server port. */
    private static boolean firstPacketFlips(Packet p) {
        int f = p.tcpFlags & (Packet.TCP_SYN | Packet.TCP_ACK);
        if (f == Packet.TCP_SYN) return false;
        if (f == (Packet.TCP_SYN | Packet.TCP_ACK)) return true;
        return p.srcPort < 1024 && p.dstPort >= 1024;
    }

    /** Releases flows whose time is up at capture time {@code now}. */
    private void sweep(long now) {
        long minTimeout = config.minTimeoutNs();
        List<Flow> expired = null;
        for (Flow f = live.eldest(), next; f != null; f = next) {
            next = f.lruNext;
            if (f.lastSeenNs + minTimeout > now) break;
            if (f.lastSeenNs + timeoutNs(f) <= now) {
                live.remove(f);
                if (expired == null) expired = new ArrayList<>();
                expired.add(f);
            }
        }
        if (expired != null) {
            for (Flow f : expired) {
                f.timedOut = true;
                release(f);
            }
        }
    }

    private long timeoutNs(Flow f) {
        long s = !f.isTcp() ? config.udpIdleTimeoutSec() : f.closed ? config.tcpClosedTimeoutSec() : config.tcpIdleTimeoutSec();
        return s * 1_000_000_000L;
    }

    private void release(Flow f) {
        if (config.maxTombstones() > 0) {
            Tombstone t = f.isTcp()
                    ? new Tombstone(f.stream(), f.aIsLo, f.origIsB, f.tcpA.baseSeq, f.tcpA.baseSet, f.tcpB.baseSeq, f.tcpB.baseSet)
                    : new Tombstone(f.stream(), f.aIsLo, false, 0, false, 0, false);
            tombstones.put(f.key, t);
        }
        end(f);
    }

    private void end(Flow f) {
        released++;
        listener.flowEnded(f);
        f.attachment = null;
    }

    /** Releases every live flow, in stream order within each protocol; call once at the end of the capture. */
    public void finish() {
        List<Flow> all = live.values();
        live.clear();
        all.sort((a, b) -> a.proto() != b.proto() ? Integer.compare(a.proto(), b.proto()) : Integer.compare(a.stream(), b.stream()));
        for (Flow f : all) end(f);
    }

    public int liveFlows() {
        return live.size();
    }

    public long releasedFlows() {
        return released;
    }

    public int tcpStreams() {
        return nextTcpStream;
    }

    public int udpStreams() {
        return nextUdpStream;
    }
}
