package org.nta.reassembly;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.nta.bytes.Anomaly;

/**
 * One direction of a TCP connection: delivers bytes in sequence order, drops retransmitted bytes (and counts an
 * overlap that carries different bytes), buffers segments that arrive early, and reports bytes that never came
 * as a gap. Bytes are known never to come once the other side has acknowledged past them (the capture lost them):
 * the gap is declared then, instead of holding what follows until the connection ends.
 */
final class Direction {
    private final boolean fromClient;
    private final TcpReassembler owner;
    boolean started;
    /** Next sequence number expected (32-bit, as a long). */
    long next;
    long delivered;
    boolean depthReached;
    boolean finSeen;
    long finSeq;
    boolean finDelivered;
    /** Early segments by relative position (offset from {@link #next} at insertion is recomputed on drain). */
    private final TreeMap<Long, byte[]> early = new TreeMap<>(); // key: absolute stream offset (unwrapped)
    private int earlyBytes;
    /** Unwrapped stream offset of {@link #next}: counts bytes since the start, immune to sequence wrap. */
    long nextOffset;
    /** Unwrapped offset the other side has acknowledged: bytes missing before it were sent but not captured. */
    private long ackedOffset;
    /**
     * Ring of the last delivered bytes, for overlap comparison: {@code recentLen} bytes ending just before
     * {@code recentHead}. It starts small and grows to the configured size, so short connections stay cheap.
     */
    private byte[] recent;
    private int recentHead, recentLen;

    Direction(TcpReassembler owner, boolean fromClient) {
        this.owner = owner;
        this.fromClient = fromClient;
    }

    void start(long isnNext) {
        started = true;
        next = isnNext & 0xffffffffL;
    }

    /** A segment of this direction. */
    void segment(long seq, byte[] b, int off, int len, long frame, long timeNs) {
        if (!started) start(seq);
        if (len == 0 || depthReached) return;
        int rel = (int) (seq - next); // wrap-aware distance
        if (rel > 0 && nextOffset + rel <= ackedOffset) {
            // the other side already has the bytes before this segment: they are lost, not late
            long at = nextOffset + rel;
            skipLost(at, frame, timeNs);
            if (depthReached) return;
            if (at > nextOffset) gap(at - nextOffset, frame, timeNs);
            rel = (int) (seq - next);
        }
        if (rel < 0) {
            int old = Math.min(-rel, len);
            checkOverlap(b, off, old, -rel, frame);
            if (old >= len) return; // pure retransmission
            off += old;
            len -= old;
            rel = 0;
        }
        if (rel > 0) {
            buffer(nextOffset + rel, b, off, len, frame, timeNs);
            return;
        }
        deliver(b, off, len, frame, timeNs);
        drain(frame, timeNs);
    }

    private void deliver(byte[] b, int off, int len, long frame, long timeNs) {
        ReassemblyConfig cfg = owner.config();
        if (delivered + len > cfg.depth()) {
            int room = (int) Math.max(0, cfg.depth() - delivered);
            if (room > 0) deliver(b, off, room, frame, timeNs);
            depthReached = true;
            owner.count(Anomaly.TCP_DEPTH_REACHED, frame);
            releaseEarly();
            return;
        }
        remember(b, off, len);
        next = (next + len) & 0xffffffffL;
        nextOffset += len;
        delivered += len;
        owner.handler().onData(fromClient, b, off, len, frame, timeNs);
    }

    private void buffer(long offset, byte[] b, int off, int len, long frame, long timeNs) {
        ReassemblyConfig cfg = owner.config();
        byte[] have = early.get(offset);
        if (have != null && have.length >= len) return; // a retransmitted early segment
        if (earlyBytes + len > cfg.maxOooBytes() || early.size() >= cfg.maxOooSegments() || !owner.reserve(len)) {
            owner.count(earlyBytes + len > cfg.maxOooBytes() || early.size() >= cfg.maxOooSegments() ? Anomaly.TCP_OOO_LIMIT : Anomaly.TCP_MEMCAP, frame);
            // give up waiting for the missing bytes: report the gap and carry on from the buffered data
            flushWithGaps(frame, timeNs);
            long rel = offset - nextOffset;
            if (rel > 0) gap(rel, frame, timeNs);
            if (rel >= 0 && !depthReached) deliver(b, off, len, frame, timeNs);
            return;
        }
        if (have != null) {
            earlyBytes -= have.length;
            owner.release(have.length);
        }
        early.put(offset, Arrays.copyOfRange(b, off, off + len));
        earlyBytes += len;
    }

    /** Delivers buffered segments that have become contiguous. */
    private void drain(long frame, long timeNs) {
        while (!early.isEmpty()) {
            Map.Entry<Long, byte[]> e = early.firstEntry();
            long start = e.getKey();
            byte[] seg = e.getValue();
            if (start > nextOffset) return;
            early.pollFirstEntry();
            earlyBytes -= seg.length;
            owner.release(seg.length);
            long skip = nextOffset - start;
            if (skip < seg.length && !depthReached) deliver(seg, (int) skip, seg.length - (int) skip, frame, timeNs);
        }
    }

    /** Gives up on missing bytes: each hole becomes a gap, buffered data is delivered around them. */
    void flushWithGaps(long frame, long timeNs) {
        skipLost(Long.MAX_VALUE, frame, timeNs);
        releaseEarly();
    }

    /** Holes before the buffered segments that start before {@code limit} become gaps; those segments are delivered. */
    private void skipLost(long limit, long frame, long timeNs) {
        while (!early.isEmpty() && early.firstKey() < limit && !depthReached) {
            long start = early.firstKey();
            if (start > nextOffset) gap(start - nextOffset, frame, timeNs);
            drain(frame, timeNs);
        }
    }

    /**
     * The other side acknowledged this direction up to {@code ack}: what is missing before it was received there
     * and lost to the capture. Buffered segments before it are delivered now, after a gap for each hole, and so is
     * a FIN before it; a hole with nothing captured after it waits for the next segment (see {@link #segment}).
     */
    void acked(long ack, long frame, long timeNs) {
        if (!started || depthReached) return;
        int rel = (int) (ack - next); // wrap-aware; an acknowledgement behind next says nothing new
        if (rel <= 0 || nextOffset + rel <= ackedOffset) return;
        ackedOffset = nextOffset + rel;
        if (!early.isEmpty()) skipLost(ackedOffset, frame, timeNs);
        if (finSeen && !finDelivered && !depthReached) {
            int toFin = (int) (finSeq - next);
            if (toFin > 0 && nextOffset + toFin < ackedOffset) gap(toFin, frame, timeNs);
            maybeDeliverFin(frame, timeNs);
        }
    }

    private void gap(long n, long frame, long timeNs) {
        owner.count(Anomaly.TCP_GAP, frame);
        next = (next + n) & 0xffffffffL;
        nextOffset += n;
        recentLen = 0;
        recentHead = 0;
        owner.handler().onGap(fromClient, n, frame, timeNs);
    }

    private void releaseEarly() {
        owner.release(earlyBytes);
        early.clear();
        earlyBytes = 0;
    }

    /** FIN at sequence {@code seq} (after any data in the same segment). */
    void fin(long seq, long frame, long timeNs) {
        if (finSeen) return;
        finSeen = true;
        finSeq = seq & 0xffffffffL;
        maybeDeliverFin(frame, timeNs);
    }

    void maybeDeliverFin(long frame, long timeNs) {
        if (finSeen && !finDelivered && (int) (finSeq - next) <= 0) {
            finDelivered = true;
            owner.handler().onFin(fromClient, false, frame, timeNs);
        }
    }

    /** End of the connection: missing bytes become gaps, then the FIN if one was seen. */
    void close(long frame, long timeNs) {
        flushWithGaps(frame, timeNs);
        if (finSeen && !finDelivered) {
            if ((int) (finSeq - next) > 0) gap((int) (finSeq - next), frame, timeNs);
            finDelivered = true;
            owner.handler().onFin(fromClient, false, frame, timeNs);
        }
    }

    private void remember(byte[] b, int off, int len) {
        int cap = owner.config().overlapCheckBytes();
        if (cap <= 0) return;
        if (recent == null || recent.length < cap && recentLen + len > recent.length) grow(cap, recentLen + len);
        int size = recent.length;
        if (len >= size) {
            System.arraycopy(b, off + len - size, recent, 0, size);
            recentHead = 0;
            recentLen = size;
            return;
        }
        int first = Math.min(len, size - recentHead);
        System.arraycopy(b, off, recent, recentHead, first);
        System.arraycopy(b, off + first, recent, 0, len - first);
        recentHead = (recentHead + len) % size;
        recentLen = Math.min(size, recentLen + len);
    }

    /** Replaces the ring by one of at least {@code need} bytes (at most {@code cap}), the kept bytes in order. */
    private void grow(int cap, int need) {
        int size = Math.min(cap, Math.max(256, Integer.highestOneBit(Math.max(1, need - 1)) << 1));
        byte[] r = new byte[size];
        if (recent != null && recentLen > 0) {
            int old = recent.length;
            int start = Math.floorMod(recentHead - recentLen, old);
            int first = Math.min(recentLen, old - start);
            System.arraycopy(recent, start, r, 0, first);
            System.arraycopy(recent, 0, r, first, recentLen - first);
        }
        recent = r;
        recentHead = recentLen % size;
    }

    /** Compares retransmitted bytes with what was delivered; counts an overlap with different bytes. */
    private void checkOverlap(byte[] b, int off, int old, int back, long frame) {
        if (recent == null || back > recentLen) return;
        int size = recent.length;
        int at = Math.floorMod(recentHead - back, size);
        int n = Math.min(old, back);
        for (int i = 0; i < n; i++) {
            if (recent[at] != b[off + i]) {
                owner.count(Anomaly.TCP_OVERLAP_MISMATCH, frame);
                return;
            }
            if (++at == size) at = 0;
        }
    }

    int earlySegments() {
        return early.size();
    }

    /** Bytes announced on the wire but not captured (snapshot length): a gap if they were next in line. */
    void uncaptured(long seq, long n, long frame, long timeNs) {
        if (n > 0 && started && !depthReached && (int) (seq - next) == 0) gap(n, frame, timeNs);
    }
}
