package org.nta.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;

import org.nta.decode.Addresses;
import org.nta.flow.Flow;

/**
 * The busiest TCP/UDP conversations by bytes, each stream's totals exactly as the Conversations table has them (the
 * parts of a stream released and resumed are added up), kept as numbers per stream: the addresses are formatted,
 * and the rows made, only for the few asked for at the end. An investigation on a load capture ends hundreds of
 * thousands of flows; {@link ConversationCollector} makes a row with strings for each, which the table needs and the
 * report's top list does not.
 */
final class BusiestConversations {
    /** One stream's totals; addresses as the flow key's numbers, A the side that sent first. */
    private static final class Part {
        final boolean tcp;
        final int version, aPort, bPort, stream;
        final long aHi, aLo, bHi, bLo;
        long framesAB, bytesAB, framesBA, bytesBA, start = Long.MAX_VALUE, end = Long.MIN_VALUE, firstFrame = Long.MAX_VALUE,
                lastFrame;
        String state;

        Part(Flow f) {
            tcp = f.isTcp();
            version = f.ipVersion();
            aHi = f.aHi();
            aLo = f.aLo();
            bHi = f.bHi();
            bLo = f.bLo();
            aPort = f.aPort();
            bPort = f.bPort();
            stream = f.stream();
        }

        long bytes() {
            return bytesAB + bytesBA;
        }

        ConversationRow row(long captureStartNs) {
            return new ConversationRow(tcp ? "tcp" : "udp", Addresses.format(version, aHi, aLo), aPort,
                    Addresses.format(version, bHi, bLo), bPort, framesAB, bytesAB, framesBA, bytesBA, start,
                    start - captureStartNs, end - start, stream, state, null, firstFrame, lastFrame);
        }
    }

    private final HashMap<Long, Part> parts = new HashMap<>();

    void onFlowEnd(Flow f) {
        if (f.frames() == 0) return; // only ever seen quoted in an ICMP error or with a cut header
        Part p = parts.computeIfAbsent((f.isTcp() ? 1L << 32 : 0L) | (f.stream() & 0xffffffffL), k -> new Part(f));
        p.framesAB += f.framesAB;
        p.bytesAB += f.bytesAB;
        p.framesBA += f.framesBA;
        p.bytesBA += f.bytesBA;
        p.start = Math.min(p.start, f.startNs);
        p.end = Math.max(p.end, f.endNs);
        p.firstFrame = Math.min(p.firstFrame, f.firstFrame);
        p.lastFrame = Math.max(p.lastFrame, f.lastFrame);
        p.state = f.connState(); // the last part's, as the table merges them
    }

    /** TCP and UDP conversations seen. */
    int count() {
        return parts.size();
    }

    /** The {@code k} busiest by bytes, then TCP before UDP, then by stream: a bounded heap, not a sort of all. */
    List<ConversationRow> top(int k, long captureStartNs) {
        Comparator<Part> busiest = Comparator.comparingLong(Part::bytes).reversed()
                .thenComparing((Part p) -> p.tcp ? "tcp" : "udp").thenComparingInt(p -> p.stream);
        PriorityQueue<Part> top = new PriorityQueue<>(k + 1, busiest.reversed());
        long floor = Long.MIN_VALUE; // the smallest byte count in a full heap: most parts fall below it at once
        for (Part p : parts.values()) {
            if (top.size() < k) {
                top.add(p);
                if (top.size() == k) floor = top.peek().bytes();
            } else if (p.bytes() >= floor && busiest.compare(p, top.peek()) < 0) {
                top.poll();
                top.add(p);
                floor = top.peek().bytes();
            }
        }
        List<Part> sorted = new ArrayList<>(top);
        sorted.sort(busiest);
        List<ConversationRow> out = new ArrayList<>(sorted.size());
        for (Part p : sorted) out.add(p.row(captureStartNs));
        return out;
    }
}
