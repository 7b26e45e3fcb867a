package org.nta.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.decode.Packet;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/**
 * The traffic statistics an investigation report shows beside its findings: the busiest TCP/UDP conversations,
 * the protocol hierarchy, and packets and bytes over capture time. One sink, bounded: conversations are kept per
 * stream (as the Conversations table), the histogram has at most {@link #MAX_BUCKETS} buckets whose width doubles
 * (1 s, 2 s, 4 s, …) when the capture lasts longer.
 */
public final class TrafficSummary implements PacketSink {
    /** Buckets of the packets/bytes-over-time histogram at most; the bucket width doubles to stay within. */
    public static final int MAX_BUCKETS = 256;
    /** Conversations written into the JSON (the busiest by bytes); the count of all is written beside them. */
    public static final int TOP_CONVERSATIONS = 100;

    private final BusiestConversations conversations = new BusiestConversations();
    private final ProtocolHierarchy protocols = new ProtocolHierarchy();
    private long startNs = Long.MIN_VALUE;
    private long widthNs = 1_000_000_000L;
    private final long[] packets = new long[MAX_BUCKETS];
    private final long[] bytes = new long[MAX_BUCKETS];
    private int used;
    /** The bucket the last packet fell in, and its span as offsets from the start: most packets fall in it too. */
    private int current;
    private long currentFrom, currentTo = -1;

    /** A summary whose histogram starts at the first frame it sees. */
    public TrafficSummary() {}

    /**
     * A summary whose histogram and conversation start times count from {@code startNs}, the first frame of all the
     * sensors' runs that {@link SensorTraffic} combines: sharing the start puts every run's buckets on one time base.
     */
    public TrafficSummary(long startNs) {
        this.startNs = startNs;
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        protocols.onPacket(p, flow, fromA);
        long t = p.frame.epochNanos();
        if (startNs == Long.MIN_VALUE) startNs = t;
        long off = Math.max(0, t - startNs);
        if (off >= currentFrom && off < currentTo) {
            packets[current]++;
            bytes[current] += p.frame.origLen;
            return;
        }
        long i = off / widthNs;
        while (i >= MAX_BUCKETS) {
            widen();
            i = off / widthNs;
        }
        packets[(int) i]++;
        bytes[(int) i] += p.frame.origLen;
        if (i + 1 > used) used = (int) i + 1;
        current = (int) i;
        currentFrom = i * widthNs;
        currentTo = currentFrom + widthNs;
    }

    /** Doubles the bucket width: bucket k becomes the sum of buckets 2k and 2k+1. */
    private void widen() {
        for (int k = 0; k < MAX_BUCKETS / 2; k++) {
            packets[k] = packets[2 * k] + packets[2 * k + 1];
            bytes[k] = bytes[2 * k] + bytes[2 * k + 1];
        }
        for (int k = MAX_BUCKETS / 2; k < MAX_BUCKETS; k++) {
            packets[k] = 0;
            bytes[k] = 0;
        }
        used = (used + 1) / 2;
        widthNs *= 2;
        currentTo = -1;
    }

    @Override
    public void onFlowEnd(Flow flow) {
        conversations.onFlowEnd(flow);
    }

    /**
     * The JSON object {@code traffic} of {@code nta analyze --json}: {@code conversation_count},
     * {@code conversations} (the busiest by bytes, then by stream), {@code protocols} (the hierarchy in depth-first
     * order), {@code histogram} ({@code bucket_s}, {@code packets}, {@code bytes}; bucket 0 starts at the first frame).
     */
    public Map<String, Object> toJson() {
        List<ConversationRow> all = conversations.top(TOP_CONVERSATIONS, start());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conversation_count", conversations.count());
        List<Map<String, Object>> convs = new ArrayList<>();
        for (ConversationRow r : all) convs.add(conversationJson(r));
        m.put("conversations", convs);
        m.put("protocols", protocolsJson(protocols.nodes()));
        m.put("histogram", histogramJson(widthNs, packets, bytes, used));
        return m;
    }

    // --- what SensorTraffic combines ----------------------------------------------------------------------------

    long start() {
        return startNs == Long.MIN_VALUE ? 0 : startNs;
    }

    int conversationCount() {
        return conversations.count();
    }

    List<ConversationRow> busiest() {
        return conversations.top(TOP_CONVERSATIONS, start());
    }

    List<ProtocolHierarchy.Node> protocolNodes() {
        return protocols.nodes();
    }

    long widthNs() {
        return widthNs;
    }

    int used() {
        return used;
    }

    long packets(int bucket) {
        return packets[bucket];
    }

    long bytes(int bucket) {
        return bytes[bucket];
    }

    static Map<String, Object> conversationJson(ConversationRow r) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("proto", r.type());
        c.put("stream", r.stream());
        c.put("a", r.aAddr());
        c.put("a_port", r.aPort());
        c.put("b", r.bAddr());
        c.put("b_port", r.bPort());
        c.put("frames", r.frames());
        c.put("bytes", r.bytes());
        c.put("bytes_ab", r.bytesAB());
        c.put("bytes_ba", r.bytesBA());
        c.put("first_frame", r.firstFrame());
        c.put("rel_start_s", r.relStartNs() / 1e9);
        c.put("duration_s", r.durationNs() / 1e9);
        c.put("state", r.state());
        return c;
    }

    static List<Map<String, Object>> protocolsJson(List<ProtocolHierarchy.Node> nodes) {
        List<Map<String, Object>> protos = new ArrayList<>();
        for (ProtocolHierarchy.Node n : nodes) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("path", n.path());
            p.put("depth", n.depth());
            p.put("frames", n.frames());
            p.put("bytes", n.bytes());
            protos.add(p);
        }
        return protos;
    }

    static Map<String, Object> histogramJson(long widthNs, long[] packets, long[] bytes, int used) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("bucket_s", widthNs / 1e9);
        List<Long> ps = new ArrayList<>(used), bs = new ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            ps.add(packets[i]);
            bs.add(bytes[i]);
        }
        h.put("packets", ps);
        h.put("bytes", bs);
        return h;
    }
}
