package org.nta.engine;

import java.util.ArrayList;
import java.util.List;

import org.nta.pipeline.PacketSink;
import org.nta.decode.Addresses;
import org.nta.flow.CommunityId;
import org.nta.flow.Flow;

/**
 * The addresses and ports of every TCP and UDP stream, kept when the flow is released, so that a finding naming
 * one stream can be given its Community ID and endpoints after the run (the flow itself is long gone). Compact:
 * two longs per stream (IPv4 in place; IPv6 addresses in a side list), and bounded: streams past the first
 * {@link #MAX_STREAMS} of each transport are not kept (at most 32 MiB with IPv6), so a finding on one of them has no
 * Community ID in the JSON, its filter still names the stream.
 */
public final class StreamTuples implements PacketSink {
    /** Nothing recorded: every lookup misses. */
    public static final StreamTuples NONE = new StreamTuples();
    /** Streams kept per transport (16 bytes each). */
    public static final int MAX_STREAMS = 1 << 20;

    /** A stream's endpoints, A being the side that sent first. */
    public record Tuple(String transport, int stream, String aAddr, int aPort, String bAddr, int bPort, String communityId) {}

    private final Table tcp = new Table(), udp = new Table();
    private final int maxStreams;

    public StreamTuples() {
        this(MAX_STREAMS);
    }

    StreamTuples(int maxStreams) {
        this.maxStreams = maxStreams;
        this.sensorFirstFrames = null;
        this.sensors = null;
    }

    /** Several sensors' streams, numbered each in its own run: a finding is looked up in the run holding its first frame. */
    private final long[] sensorFirstFrames;
    private final List<StreamTuples> sensors;

    private StreamTuples(long[] firstFrames, List<StreamTuples> sensors) {
        this.maxStreams = 0;
        this.sensorFirstFrames = firstFrames.clone();
        this.sensors = List.copyOf(sensors);
    }

    /**
     * The streams of runs analysed side by side ({@link SensorAnalysis}), whose frames are numbered one run after the
     * other: run {@code i}'s first frame is {@code firstFrames[i]}, ascending. Only {@link #of} answers (a stream
     * index alone does not say its run).
     */
    static StreamTuples bySensor(long[] firstFrames, List<StreamTuples> runs) {
        return new StreamTuples(firstFrames, runs);
    }
    private final List<long[]> v6 = new ArrayList<>();

    private static final class Table {
        long[] slots = new long[0];

        void put(int stream, long addrs, long meta) {
            int need = 2 * stream + 2;
            if (need > slots.length) slots = java.util.Arrays.copyOf(slots, Math.max(need, slots.length * 3 / 2 + 16));
            slots[2 * stream] = addrs;
            slots[2 * stream + 1] = meta;
        }
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (f.stream() < 0 || f.stream() >= maxStreams || f.frames() == 0) return;
        Table t = f.isTcp() ? tcp : udp;
        long meta = 1L << 40 | (long) f.ipVersion() << 32 | (long) f.aPort() << 16 | f.bPort();
        long addrs;
        if (f.ipVersion() == 6) {
            addrs = v6.size();
            v6.add(new long[] {f.aHi(), f.aLo(), f.bHi(), f.bLo()});
        } else {
            addrs = (f.aLo() & 0xffffffffL) << 32 | (f.bLo() & 0xffffffffL);
        }
        t.put(f.stream(), addrs, meta);
    }

    /** The stream's tuple, or null when no such stream was recorded. */
    public Tuple get(String transport, int stream) {
        if (sensors != null) return null;
        Table t = "tcp".equals(transport) ? tcp : "udp".equals(transport) ? udp : null;
        if (t == null || stream < 0 || 2 * stream + 1 >= t.slots.length) return null;
        long addrs = t.slots[2 * stream], meta = t.slots[2 * stream + 1];
        if (meta == 0) return null;
        int version = (int) (meta >>> 32) & 0xff, aPort = (int) (meta >>> 16) & 0xffff, bPort = (int) meta & 0xffff;
        long aHi = 0, aLo, bHi = 0, bLo;
        if (version == 6) {
            long[] a = v6.get((int) addrs);
            aHi = a[0]; aLo = a[1]; bHi = a[2]; bLo = a[3];
        } else {
            aLo = addrs >>> 32;
            bLo = addrs & 0xffffffffL;
        }
        int proto = t == tcp ? CommunityId.TCP : CommunityId.UDP;
        return new Tuple(transport, stream, Addresses.format(version, aHi, aLo), aPort, Addresses.format(version, bHi, bLo),
                bPort, CommunityId.of(proto, version, aHi, aLo, aPort, bHi, bLo, bPort));
    }

    /**
     * The one stream of a finding that names exactly one, else null. Its transport is the one its filter names
     * ({@code tcp.stream}, {@code udp.stream}); when the filter names neither, the stream of that index whose
     * endpoints are the finding's attacker and victim (those it names); null when both or neither are.
     */
    public Tuple of(org.nta.detect.Finding f) {
        if (sensors != null) {
            int run = -1;
            for (int i = 0; i < sensorFirstFrames.length; i++) if (sensorFirstFrames[i] <= f.firstFrame()) run = i;
            return run < 0 ? null : sensors.get(run).of(f);
        }
        if (f.streamCount() != 1 || f.streams().size() != 1) return null;
        int s = f.streams().get(0);
        boolean tcpNamed = f.filter().contains("tcp.stream"), udpNamed = f.filter().contains("udp.stream");
        if (tcpNamed != udpNamed) return get(tcpNamed ? "tcp" : "udp", s);
        Tuple t = get("tcp", s), u = get("udp", s);
        boolean tm = between(t, f), um = between(u, f);
        return tm == um ? null : tm ? t : u;
    }

    /** The tuple's endpoints include every party the finding names (at least one). */
    private static boolean between(Tuple t, org.nta.detect.Finding f) {
        if (t == null || (f.attacker() == null && f.victim() == null)) return false;
        return endpoint(t, f.attacker()) && endpoint(t, f.victim());
    }

    private static boolean endpoint(Tuple t, String addr) {
        return addr == null || addr.equals(t.aAddr()) || addr.equals(t.bAddr());
    }
}
