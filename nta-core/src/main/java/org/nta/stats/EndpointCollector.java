package org.nta.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nta.decode.Addresses;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/** Wireshark's Endpoints window: per address (and port) the frames and bytes it sent and received. */
public final class EndpointCollector implements PacketSink {
    /** One endpoint; {@code port} is -1 for Ethernet and IP endpoints. */
    public record Row(String type, String addr, int port, long txFrames, long txBytes, long rxFrames, long rxBytes,
                      long firstFrame) {
        public long frames() {
            return txFrames + rxFrames;
        }

        public long bytes() {
            return txBytes + rxBytes;
        }
    }

    private record Key(int type, int version, long hi, long lo, int port) {
    }

    private static final class Counts {
        long txFrames, txBytes, rxFrames, rxBytes, firstFrame;
    }

    private static final String[] TYPES = {"eth", "ip", "tcp", "udp"};
    private final Map<Key, Counts> map = new HashMap<>();

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        long len = p.frame.origLen;
        long n = p.frame.number;
        if (p.hasEth) {
            add(new Key(0, 0, 0, p.ethSrc, -1), true, len, n);
            add(new Key(0, 0, 0, p.ethDst, -1), false, len, n);
        }
        for (int i = 0; i < p.ipCount; i++) {
            IpLayer l = p.ip[i];
            if (l.version == 6 && p.fragment && l.fragment) continue;
            add(new Key(1, l.version, l.srcHi, l.srcLo, -1), true, len, n);
            add(new Key(1, l.version, l.dstHi, l.dstLo, -1), false, len, n);
        }
        if (flow != null) {
            IpLayer l = p.innerIp();
            int t = flow.isTcp() ? 2 : 3;
            add(new Key(t, l.version, l.srcHi, l.srcLo, p.srcPort), true, len, n);
            add(new Key(t, l.version, l.dstHi, l.dstLo, p.dstPort), false, len, n);
        }
    }

    private void add(Key k, boolean tx, long len, long frame) {
        Counts c = map.computeIfAbsent(k, x -> new Counts());
        if (c.firstFrame == 0) c.firstFrame = frame;
        if (tx) {
            c.txFrames++;
            c.txBytes += len;
        } else {
            c.rxFrames++;
            c.rxBytes += len;
        }
    }

    /** Endpoints of one type ("eth", "ip", "tcp", "udp"), most frames first. */
    public List<Row> rows(String type) {
        int t = List.of(TYPES).indexOf(type);
        if (t < 0) throw new IllegalArgumentException("unknown endpoint type " + type);
        List<Row> out = new ArrayList<>();
        for (Map.Entry<Key, Counts> e : map.entrySet()) {
            Key k = e.getKey();
            if (k.type != t) continue;
            Counts c = e.getValue();
            String addr = t == 0 ? Addresses.mac(k.lo) : Addresses.format(k.version, k.hi, k.lo);
            out.add(new Row(type, addr, k.port, c.txFrames, c.txBytes, c.rxFrames, c.rxBytes, c.firstFrame));
        }
        out.sort(Comparator.comparingLong(Row::frames).reversed().thenComparingLong(Row::firstFrame));
        return out;
    }
}
