package org.nta.decode;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;

/**
 * Reassembles IPv4 and IPv6 fragments into datagrams, bounded per datagram (64 KiB), in count and in total
 * bytes, and dropped after a timeout in capture time. Overlapping fragments keep the bytes that came first;
 * an overlap with different bytes is counted.
 */
final class Defragmenter {
    private static final int MAX_DATAGRAM = 65_535 + 8;

    private record Key(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int proto) {
    }

    private static final class Datagram {
        final long started;
        byte[] data = new byte[2048];
        int total = -1; // known once the last fragment arrives
        final BitSet filled = new BitSet();

        Datagram(long started) {
            this.started = started;
        }

        boolean covered(int from, int to) {
            return filled.nextClearBit(from) >= to;
        }
    }

    private final DecoderConfig config;
    private final AnomalyCounter anomalies;
    private final Map<Key, Datagram> pending = new LinkedHashMap<>();
    private long bytesHeld;

    Defragmenter(DecoderConfig config, AnomalyCounter anomalies) {
        this.config = config;
        this.anomalies = anomalies;
    }

    /**
     * Adds one fragment. Returns the whole datagram payload when this fragment completes it, else null.
     *
     * @param id IPv6 identification (IPv4 takes it from the layer)
     */
    byte[] add(Packet p, IpLayer l, int id, boolean more, byte[] b, int off, int end, int wireLen) {
        long now = p.frame.tsSec;
        expire(now, p.frame.number);
        int fragId = l.version == 4 ? l.id : id;
        Key key = new Key(l.version, l.srcHi, l.srcLo, l.dstHi, l.dstLo, fragId, l.proto);
        int start = l.fragOffset;
        int len = end - off;
        if (len < wireLen) {
            // a fragment cut by the snapshot length can never complete a datagram
            len = Math.max(len, 0);
        }
        if (start + len > MAX_DATAGRAM) {
            anomalies.add(Anomaly.FRAG_TOO_LARGE, p.frame.number);
            return null;
        }
        Datagram d = pending.get(key);
        if (d == null) {
            if (pending.size() >= config.fragMaxDatagrams()) evictOldest(p.frame.number);
            d = new Datagram(now);
            pending.put(key, d);
            bytesHeld += d.data.length;
        }
        if (!more) {
            if (d.total >= 0 && d.total != start + wireLen) anomalies.add(l.version == 4 ? Anomaly.IPV4_FRAG_OVERLAP : Anomaly.IPV6_FRAG_OVERLAP, p.frame.number);
            d.total = start + wireLen;
        }
        if (start + len > d.data.length) {
            int n = d.data.length;
            while (n < start + len) n *= 2;
            n = Math.min(n, MAX_DATAGRAM);
            bytesHeld += n - d.data.length;
            d.data = Arrays.copyOf(d.data, n);
        }
        boolean conflict = false;
        for (int i = 0; i < len; i++) {
            int pos = start + i;
            if (d.filled.get(pos)) {
                conflict |= d.data[pos] != b[off + i]; // the first copy wins
            } else {
                d.data[pos] = b[off + i];
            }
        }
        if (conflict) anomalies.add(l.version == 4 ? Anomaly.IPV4_FRAG_OVERLAP : Anomaly.IPV6_FRAG_OVERLAP, p.frame.number);
        if (len > 0) d.filled.set(start, start + len);
        if (len < wireLen) return null;
        while (bytesHeld > config.fragMaxBytes() && !pending.isEmpty()) evictOldest(p.frame.number);
        if (d.total >= 0 && d.covered(0, d.total)) {
            pending.remove(key);
            bytesHeld -= d.data.length;
            return Arrays.copyOf(d.data, d.total);
        }
        return null;
    }

    private void evictOldest(long frame) {
        Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
        if (!it.hasNext()) return;
        bytesHeld -= it.next().getValue().data.length;
        it.remove();
        anomalies.add(Anomaly.FRAG_LIMIT, frame);
    }

    private void expire(long now, long frame) {
        Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Datagram d = it.next().getValue();
            if (now - d.started <= config.fragTimeoutSec()) break;
            bytesHeld -= d.data.length;
            it.remove();
            anomalies.add(Anomaly.FRAG_TIMEOUT, frame);
        }
    }

    int pendingCount() {
        return pending.size();
    }

    @Override
    public String toString() {
        return "Defragmenter" + Objects.toString(pending.size());
    }
}
