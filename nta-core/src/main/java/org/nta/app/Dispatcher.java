package org.nta.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nta.app.http.HttpConnectionParser;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamHandler;

/**
 * Holds a connection's first bytes until a parser recognises them (by content, on any port), then replays them to
 * that parser in arrival order and steps aside. Unrecognised connections go to the fallback handler, if any.
 *
 * <p>A connection picked up without its handshake, or with bytes missing early on, may start inside a message:
 * when its first bytes are not recognised it is searched, line by line in both directions, for an HTTP start line
 * (the request or status line a later message begins with), within {@code searchBytes} held and the shared
 * {@link HoldBudget}; past them it is unrecognised.
 */
final class Dispatcher implements StreamHandler {
    interface Chooser {
        /** The parser for these first bytes, or null if none recognises them (yet). */
        StreamHandler choose(ConnInfo conn, boolean fromClient, byte[] b, int off, int len, boolean finalCall);
    }

    /** How a connection may be searched for a later HTTP start line. */
    record Search(int bytes, HoldBudget budget, AnomalyCounter anomalies, boolean midStream) {
        static final Search NONE = new Search(0, null, null, false);
    }

    private record Chunk(boolean fromClient, byte[] data, long frame, long timeNs, boolean gap, long gapLen) {
    }

    private ConnInfo conn;
    private final Chooser chooser;
    private final StreamHandler fallback;
    private final int detectBytes;
    private final Search search;
    private final List<Chunk> held = new ArrayList<>();
    /** The first bytes of each direction; while searching, the first bytes of its current line. */
    private final byte[][] head = new byte[2][];
    private final int[] headLen = new int[2];
    private boolean gapSeen;
    private boolean searching;
    private long heldBytes;
    private long reserved;
    private StreamHandler target;
    private boolean decided;

    Dispatcher(ConnInfo conn, Chooser chooser, StreamHandler fallback, int detectBytes) {
        this(conn, chooser, fallback, detectBytes, Search.NONE);
    }

    Dispatcher(ConnInfo conn, Chooser chooser, StreamHandler fallback, int detectBytes, Search search) {
        this.conn = conn;
        this.chooser = chooser;
        this.fallback = fallback;
        this.detectBytes = detectBytes;
        this.search = search;
    }

    StreamHandler target() {
        return target;
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (decided) {
            if (target != null) target.onData(fromClient, data, off, len, frame, timeNs);
            return;
        }
        held.add(new Chunk(fromClient, Arrays.copyOfRange(data, off, off + len), frame, timeNs, false, 0));
        heldBytes += len;
        int d = fromClient ? 0 : 1;
        if (searching) {
            if (hold(len)) scan(d, data, off, len);
            return;
        }
        if (head[d] == null) head[d] = new byte[detectBytes];
        int n = Math.min(len, detectBytes - headLen[d]);
        System.arraycopy(data, off, head[d], headLen[d], n);
        headLen[d] += n;
        StreamHandler chosen = chooser.choose(conn, fromClient, head[d], 0, headLen[d], false);
        if (chosen != null) decide(chosen);
        else if (headLen[d] >= detectBytes) unrecognised();
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        if (decided) {
            if (target != null) target.onGap(fromClient, len, frame, timeNs);
            return;
        }
        held.add(new Chunk(fromClient, null, frame, timeNs, true, len));
        gapSeen = true;
        int d = fromClient ? 0 : 1;
        if (searching) {
            headLen[d] = 0; // a line starts after the gap
        } else if (headLen[d] > 0) {
            StreamHandler chosen = chooseFromHeads();
            if (chosen != null) decide(chosen);
            else unrecognised();
        }
    }

    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        if (!decided) decide(chooseFromHeads());
        if (target != null) target.onFin(fromClient, reset, frame, timeNs);
    }

    /** Before the choice the held bytes change sides; after it the chosen parser is told. */
    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
        if (decided) {
            if (target != null) target.onRolesSwapped(conn);
            return;
        }
        held.replaceAll(c -> new Chunk(!c.fromClient, c.data, c.frame, c.timeNs, c.gap, c.gapLen));
        byte[] h = head[0];
        head[0] = head[1];
        head[1] = h;
        int n = headLen[0];
        headLen[0] = headLen[1];
        headLen[1] = n;
        if (fallback != null) fallback.onRolesSwapped(conn);
    }

    @Override
    public void onClose(long frame, long timeNs) {
        if (!decided) decide(chooseFromHeads());
        if (target != null) target.onClose(frame, timeNs);
    }

    /** The last word on the bytes at hand: the first bytes of each direction, or while searching its current line. */
    private StreamHandler chooseFromHeads() {
        StreamHandler chosen = null;
        for (int d = 0; d < 2 && chosen == null; d++) {
            if (headLen[d] == 0 || searching && !isHttp(d == 0, head[d], 0, headLen[d])) continue;
            chosen = chooser.choose(conn, d == 0, head[d], 0, headLen[d], true);
        }
        return chosen;
    }

    /** The first bytes were not recognised: search on when the connection may have started inside a message. */
    private void unrecognised() {
        if (search.bytes() <= 0 || !(search.midStream() || gapSeen)) {
            decide(null);
            return;
        }
        searching = true;
        if (!hold(heldBytes)) return;
        headLen[0] = headLen[1] = 0;
        for (int i = 0; i < held.size() && !decided; i++) { // what was held, line by line from the start
            Chunk c = held.get(i);
            int d = c.fromClient ? 0 : 1;
            if (c.gap) headLen[d] = 0;
            else scan(d, c.data, 0, c.data.length);
        }
    }

    /** Accounts {@code n} more held bytes while searching; past the limits the connection is unrecognised. */
    private boolean hold(long n) {
        if (heldBytes > search.bytes()) {
            decide(null);
            return false;
        }
        if (!search.budget().reserve((int) n)) {
            search.anomalies().add(Anomaly.APP_SEARCH_MEMCAP, held.get(held.size() - 1).frame);
            decide(null);
            return false;
        }
        reserved += n;
        return true;
    }

    /** Bytes of direction {@code d}, read line by line: an HTTP start line from its side chooses HTTP. */
    private void scan(int d, byte[] b, int off, int len) {
        if (head[d] == null) head[d] = new byte[detectBytes];
        byte[] line = head[d];
        int k = headLen[d];
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (k < detectBytes) line[k++] = c;
            if (c == '\n') {
                if (startLine(d, line, k)) return;
                k = 0;
            }
        }
        headLen[d] = k;
        if (k > 0) startLine(d, line, k);
    }

    private boolean startLine(int d, byte[] line, int len) {
        if (!isHttp(d == 0, line, 0, len)) return false;
        StreamHandler chosen = chooser.choose(conn, d == 0, line, 0, len, false);
        if (chosen == null) return false;
        decide(chosen);
        return true;
    }

    private void decide(StreamHandler chosen) {
        decided = true;
        searching = false;
        target = chosen != null ? chosen : fallback;
        head[0] = head[1] = null;
        if (reserved > 0) search.budget().release(reserved);
        reserved = 0;
        if (target != null) {
            for (Chunk c : held) {
                if (c.gap) target.onGap(c.fromClient, c.gapLen, c.frame, c.timeNs);
                else target.onData(c.fromClient, c.data, 0, c.data.length, c.frame, c.timeNs);
            }
        }
        held.clear();
    }

    static boolean isHttp(boolean fromClient, byte[] b, int off, int len) {
        return fromClient ? HttpConnectionParser.looksLikeRequest(b, off, len) : HttpConnectionParser.looksLikeResponse(b, off, len);
    }
}
