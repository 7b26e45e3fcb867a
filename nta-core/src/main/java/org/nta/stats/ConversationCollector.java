package org.nta.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.decode.Addresses;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/**
 * Builds the Conversations tables: TCP and UDP rows from released flows (one per stream), Ethernet and IP rows
 * from address pairs. A is the side that sent the first packet.
 */
public final class ConversationCollector implements PacketSink {
    private final boolean wantEth, wantIp, wantTcp, wantUdp;
    /** Count TCP/UDP rows from the packets this sink is given (behind a display filter) rather than flow totals. */
    private final boolean countGiven;
    private final java.util.IdentityHashMap<Flow, long[]> given = new java.util.IdentityHashMap<>();
    private long captureStartNs = Long.MIN_VALUE;
    private final ConversationTable tcp = new ConversationTable("tcp");
    private final ConversationTable udp = new ConversationTable("udp");
    private final Map<PairKey, Pair> eth = new LinkedHashMap<>();
    private final Map<PairKey, Pair> ip = new LinkedHashMap<>();

    private record PairKey(long aHi, long aLo, long bHi, long bLo, int version) {
        static PairKey of(int version, long sHi, long sLo, long dHi, long dLo) {
            int c = Long.compareUnsigned(sHi, dHi);
            if (c == 0) c = Long.compareUnsigned(sLo, dLo);
            return c <= 0 ? new PairKey(sHi, sLo, dHi, dLo, version) : new PairKey(dHi, dLo, sHi, sLo, version);
        }
    }

    private static final class Pair {
        final int version;
        final long aHi, aLo, bHi, bLo;
        long framesAB, bytesAB, framesBA, bytesBA, start = Long.MAX_VALUE, end = Long.MIN_VALUE, firstFrame, lastFrame;

        Pair(int version, long aHi, long aLo, long bHi, long bLo) {
            this.version = version;
            this.aHi = aHi;
            this.aLo = aLo;
            this.bHi = bHi;
            this.bLo = bLo;
        }

        void add(boolean fromA, long len, long t, long frame) {
            if (fromA) {
                framesAB++;
                bytesAB += len;
            } else {
                framesBA++;
                bytesBA += len;
            }
            if (t < start) start = t;
            if (t > end) end = t;
            if (firstFrame == 0) firstFrame = frame;
            lastFrame = frame;
        }
    }

    public ConversationCollector(boolean eth, boolean ip, boolean tcp, boolean udp) {
        this(eth, ip, tcp, udp, false);
    }

    /**
     * @param countGiven build TCP/UDP rows from the packets given to this sink (use behind a display filter: the
     *                   rows count only the selected frames, as Wireshark's conversation tap with a filter does)
     */
    public ConversationCollector(boolean eth, boolean ip, boolean tcp, boolean udp, boolean countGiven) {
        this.wantEth = eth;
        this.wantIp = ip;
        this.wantTcp = tcp;
        this.wantUdp = udp;
        this.countGiven = countGiven;
    }

    /** Time of the capture's first frame, when this sink does not see every frame (behind a filter). */
    public void setCaptureStart(long ns) {
        captureStartNs = ns;
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        long t = p.frame.epochNanos();
        if (captureStartNs == Long.MIN_VALUE) captureStartNs = t;
        long len = p.frame.origLen;
        if (countGiven && flow != null && !p.l4HeaderTruncated) {
            long[] c = given.computeIfAbsent(flow, k -> new long[] {0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
            int d = fromA ? 0 : 2;
            c[d]++;
            c[d + 1] += len;
            c[4] = Math.min(c[4], t);
            c[5] = Math.max(c[5], t);
            if (c[6] == 0) c[6] = p.frame.number;
            c[7] = p.frame.number;
        }
        if (wantEth && p.hasEth) {
            PairKey k = PairKey.of(0, 0, p.ethSrc, 0, p.ethDst);
            Pair pr = eth.computeIfAbsent(k, x -> new Pair(0, 0, p.ethSrc, 0, p.ethDst));
            pr.add(pr.aLo == p.ethSrc, len, t, p.frame.number);
        }
        if (wantIp) {
            for (int i = 0; i < p.ipCount; i++) {
                IpLayer l = p.ip[i];
                PairKey k = PairKey.of(l.version, l.srcHi, l.srcLo, l.dstHi, l.dstLo);
                Pair pr = ip.computeIfAbsent(k, x -> new Pair(l.version, l.srcHi, l.srcLo, l.dstHi, l.dstLo));
                pr.add(pr.aHi == l.srcHi && pr.aLo == l.srcLo, len, t, p.frame.number);
            }
        }
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (f.isTcp() ? !wantTcp : !wantUdp) return;
        if (f.frames() == 0) return; // only ever seen quoted in an ICMP error or with a cut header
        ConversationTable t = f.isTcp() ? tcp : udp;
        int a = t.address(f.ipVersion(), f.aHi(), f.aLo()), b = t.address(f.ipVersion(), f.bHi(), f.bLo());
        if (countGiven) {
            long[] c = given.remove(f);
            if (c == null) return;
            t.add(a, f.aPort(), b, f.bPort(), c[0], c[1], c[2], c[3], c[4], c[5], f.stream(), f.connState(), f.history(),
                    c[6], c[7]);
        } else {
            t.add(a, f.aPort(), b, f.bPort(), f.framesAB, f.bytesAB, f.framesBA, f.bytesBA, f.startNs, f.endNs, f.stream(),
                    f.connState(), f.history(), f.firstFrame, f.lastFrame);
        }
    }

    /** Time of the capture's first frame (Wireshark's reference for relative times), or Long.MIN_VALUE. */
    public long captureStartNs() {
        return captureStartNs;
    }

    /** Rows of one type ("eth", "ip", "tcp", "udp") in stream order (address pairs: order of first packet). */
    public List<ConversationRow> rows(String type) {
        return switch (type) {
            case "tcp" -> tcp.sorted(null, captureStartNs);
            case "udp" -> udp.sorted(null, captureStartNs);
            default -> pairRows(type);
        };
    }

    /**
     * TCP or UDP rows in the order of a sort column (frames, bytes, start, duration, stream, address), ties by first
     * frame then stream, as {@code ConversationReport.sort} orders them; each row is made as it is read, so printing a
     * table of many connections does not hold an object for each.
     */
    public List<ConversationRow> sorted(String type, String by) {
        return switch (type) {
            case "tcp" -> tcp.sorted(by, captureStartNs);
            case "udp" -> udp.sorted(by, captureStartNs);
            default -> throw new IllegalArgumentException("only TCP and UDP rows are kept by stream: " + type);
        };
    }

    private List<ConversationRow> pairRows(String type) {
        List<ConversationRow> out = new ArrayList<>();
        switch (type) {
            case "eth", "ip" -> {
                for (Pair pr : (type.equals("eth") ? eth : ip).values()) {
                    String a = type.equals("eth") ? Addresses.mac(pr.aLo) : Addresses.format(pr.version, pr.aHi, pr.aLo);
                    String b = type.equals("eth") ? Addresses.mac(pr.bLo) : Addresses.format(pr.version, pr.bHi, pr.bLo);
                    out.add(new ConversationRow(type, a, -1, b, -1, pr.framesAB, pr.bytesAB, pr.framesBA, pr.bytesBA,
                            pr.start, pr.start - captureStartNs, pr.end - pr.start, -1, null, null, pr.firstFrame, pr.lastFrame));
                }
            }
            default -> throw new IllegalArgumentException("unknown conversation type " + type);
        }
        out.sort(Comparator.comparingLong(ConversationRow::firstFrame).thenComparingInt(ConversationRow::stream));
        return out;
    }
}
