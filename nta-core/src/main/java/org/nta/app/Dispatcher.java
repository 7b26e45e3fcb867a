package org.nta.app;

import java.util.ArrayList;
import java.util.List;

import org.nta.app.http.HttpConnectionParser;
import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamHandler;

/**
 * Holds a connection's first bytes until a parser recognises them (by content, on any port), then replays them to
 * that parser in arrival order and steps aside. Unrecognised connections go to the fallback handler, if any.
 */
final class Dispatcher implements StreamHandler {
    interface Chooser {
        /** The parser for these first bytes, or null if none recognises them (yet). */
        StreamHandler choose(ConnInfo conn, boolean fromClient, byte[] b, int off, int len, boolean finalCall);
    }

    private record Chunk(boolean fromClient, byte[] data, long frame, long timeNs, boolean gap, long gapLen) {
    }

    private ConnInfo conn;
    private final Chooser chooser;
    private final StreamHandler fallback;
    private final int detectBytes;
    private final List<Chunk> held = new ArrayList<>();
    private final byte[][] head = new byte[2][];
    private final int[] headLen = new int[2];
    private StreamHandler target;
    private boolean decided;

    Dispatcher(ConnInfo conn, Chooser chooser, StreamHandler fallback, int detectBytes) {
        this.conn = conn;
        this.chooser = chooser;
        this.fallback = fallback;
        this.detectBytes = detectBytes;
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
        held.add(new Chunk(fromClient, java.util.Arrays.copyOfRange(data, off, off + len), frame, timeNs, false, 0));
        int d = fromClient ? 0 : 1;
        if (head[d] == null) head[d] = new byte[detectBytes];
        int n = Math.min(len, detectBytes - headLen[d]);
        System.arraycopy(data, off, head[d], headLen[d], n);
        headLen[d] += n;
        StreamHandler chosen = chooser.choose(conn, fromClient, head[d], 0, headLen[d], false);
        if (chosen != null) decide(chosen);
        else if (headLen[d] >= detectBytes) decide(null);
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        if (decided) {
            if (target != null) target.onGap(fromClient, len, frame, timeNs);
            return;
        }
        held.add(new Chunk(fromClient, null, frame, timeNs, true, len));
        if (headLen[fromClient ? 0 : 1] > 0) decideNow();
    }

    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        if (!decided) decideNow();
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
        if (!decided) decideNow();
        if (target != null) target.onClose(frame, timeNs);
    }

    private void decideNow() {
        StreamHandler chosen = null;
        for (int d = 0; d < 2 && chosen == null; d++) {
            if (headLen[d] > 0) chosen = chooser.choose(conn, d == 0, head[d], 0, headLen[d], true);
        }
        decide(chosen);
    }

    private void decide(StreamHandler chosen) {
        decided = true;
        target = chosen != null ? chosen : fallback;
        head[0] = head[1] = null;
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
