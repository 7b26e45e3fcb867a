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
    /** Sent by endpoint A of the flow (the first sender). */
    final boolean isA;
    /** Sent by the client: fixed by a handshake, else the ports' guess until the content corrects it. */
    boolean fromClient;
    private final TcpReassembler owner;
    boolean started;
    /** Next sequence number expected (32-bit, as a long). */
    long next;
    long delivered;
    boolean depthReached;
    boolean finSeen;
    long finSeq;
    boolean finDelivered;
    /** Bytes that arrived early, by unwrapped stream offset; the pieces never overlap one another. */
    private TreeMap<Long, byte[]> early = NONE_EARLY;
    /** The map of every direction that has not buffered a segment yet (most never do): empty, never written. */
    private static final TreeMap<Long, byte[]> NONE_EARLY = new TreeMap<>();
    private int earlyBytes;
    /** Pieces the last {@link #overlay} comparison found new. */
    private int pieces;
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

    Direction(TcpReassembler owner, boolean isA, boolean fromClient) {
        this.owner = owner;
        this.isA = isA;
        this.fromClient = fromClient;
    }

    void start(long isnNext) {
        started = true;
        next = isnNext & 0xffffffffL;
    }

    /** A segment of this direction. */
    void segment(long seq, byte[] b, int off, int len, long frame, long timeNs) {
        if (!started) start(seq);
        while (len > 0 && !depthReached) {
            int rel = (int) (seq - next); // wrap-aware distance
            if (rel < 0) { // bytes already delivered: compare, drop
                int old = Math.min(-rel, len);
                checkOverlap(b, off, old, -rel, frame);
                seq += old;
                off += old;
                len -= old;
            } else if (rel > 0 && nextOffset + rel <= ackedOffset) {
                // the other side already has the bytes before this segment: they are lost, not late
                lostBefore(nextOffset + rel, frame, timeNs);
            } else if (rel > 0) {
                if (buffer(nextOffset + rel, b, off, len, frame)) return;
                // no room to wait for the missing bytes: give them up and carry on from here
                flushWithGaps(frame, timeNs);
                lostBefore(nextOffset + (int) (seq - next), frame, timeNs);
            } else {
                // in order; bytes buffered earlier stand where it reaches them (the first copy wins) and the rest of
                // it is compared with them once they are delivered
                int n = early.isEmpty() ? len : (int) Math.max(0, Math.min(len, early.firstKey() - nextOffset));
                if (n > 0) deliver(b, off, n, frame, timeNs);
                seq += n;
                off += n;
                len -= n;
                drain(frame, timeNs);
            }
        }
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
        owner.observe(this, b, off, len);
        remember(b, off, len);
        next = (next + len) & 0xffffffffL;
        nextOffset += len;
        delivered += len;
        owner.handler().onData(fromClient, b, off, len, frame, timeNs);
    }

    /**
     * Buffers the bytes of an early segment that no buffered segment holds yet (the first copy wins), after comparing
     * those it shares with them. False when a limit leaves no room for them.
     */
    private boolean buffer(long offset, byte[] b, int off, int len, long frame) {
        int fresh = overlay(offset, b, off, len, frame, false);
        if (fresh == 0) return true; // a retransmitted early segment
        ReassemblyConfig cfg = owner.config();
        boolean full = earlyBytes + fresh > cfg.maxOooBytes() || early.size() + pieces > cfg.maxOooSegments();
        if (full || !owner.reserve(fresh)) {
            owner.count(full ? Anomaly.TCP_OOO_LIMIT : Anomaly.TCP_MEMCAP, frame);
            return false;
        }
        overlay(offset, b, off, len, frame, true);
        earlyBytes += fresh;
        return true;
    }

    /**
     * Walks the buffered segments that overlap {@code [offset, offset + len)}. To compare ({@code store} false): counts
     * an overlap with different bytes and returns how many bytes of the new segment are not buffered yet, in
     * {@link #pieces} pieces. To store: buffers those bytes.
     */
    private int overlay(long offset, byte[] b, int off, int len, long frame, boolean store) {
        long end = offset + len, at = offset;
        int fresh = 0;
        pieces = 0;
        boolean differs = false;
        Map.Entry<Long, byte[]> e = early.floorEntry(offset);
        if (e == null || e.getKey() + e.getValue().length <= offset) e = early.higherEntry(offset);
        while (e != null && e.getKey() < end) {
            long start = e.getKey();
            byte[] have = e.getValue();
            if (start > at) fresh += piece(at, start, offset, b, off, store);
            long from = Math.max(start, offset), to = Math.min(start + have.length, end);
            if (!store && !differs) {
                differs = Arrays.mismatch(have, (int) (from - start), (int) (to - start),
                        b, off + (int) (from - offset), off + (int) (to - offset)) >= 0;
            }
            at = Math.max(at, to);
            e = early.higherEntry(start);
        }
        if (at < end) fresh += piece(at, end, offset, b, off, store);
        if (differs) owner.count(Anomaly.TCP_OVERLAP_MISMATCH, frame);
        return fresh;
    }

    private int piece(long from, long to, long offset, byte[] b, int off, boolean store) {
        pieces++;
        if (store && early == NONE_EARLY) early = new TreeMap<>();
        if (store) early.put(from, Arrays.copyOfRange(b, off + (int) (from - offset), off + (int) (to - offset)));
        return (int) (to - from);
    }

    /** Delivers buffered segments that have become contiguous; bytes of them already delivered are compared. */
    private void drain(long frame, long timeNs) {
        while (!early.isEmpty() && !depthReached) {
            Map.Entry<Long, byte[]> e = early.firstEntry();
            long start = e.getKey();
            if (start > nextOffset) return;
            early.pollFirstEntry();
            byte[] seg = e.getValue();
            earlyBytes -= seg.length;
            owner.release(seg.length);
            int back = (int) Math.min(nextOffset - start, Integer.MAX_VALUE);
            int skip = Math.min(back, seg.length);
            if (skip > 0) checkOverlap(seg, 0, skip, back, frame);
            if (skip < seg.length) deliver(seg, skip, seg.length - skip, frame, timeNs);
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

    /** Every byte before {@code limit} that did not come is lost: gaps, and the buffered segments between them. */
    private void lostBefore(long limit, long frame, long timeNs) {
        skipLost(limit, frame, timeNs);
        if (!depthReached && limit > nextOffset) gap(limit - nextOffset, frame, timeNs);
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
        owner.observeGap(this);
        owner.handler().onGap(fromClient, n, frame, timeNs);
    }

    private void releaseEarly() {
        owner.release(earlyBytes);
        if (early != NONE_EARLY) early.clear();
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
