package org.nta.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.event.TcpSession;
import org.nta.reassembly.StreamHandler;

/** Keeps the first chunks of an unrecognised TCP connection and emits them as a {@link TcpSession} when it closes. */
final class SessionCollector implements StreamHandler {
    private ConnInfo conn;
    private final EventSink events;
    private final int maxBytes;
    private final int maxChunks;
    private final List<TcpSession.Chunk> chunks = new ArrayList<>();
    private long kept, client, server, firstFrame;
    private boolean truncated, emitted;

    SessionCollector(ConnInfo conn, EventSink events, int maxBytes, int maxChunks) {
        this.conn = conn;
        this.events = events;
        this.maxBytes = maxBytes;
        this.maxChunks = maxChunks;
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (firstFrame == 0) firstFrame = frame;
        if (fromClient) client += len;
        else server += len;
        int room = (int) Math.min(len, maxBytes - kept);
        if (room <= 0 || chunks.size() >= maxChunks) {
            truncated = true;
            return;
        }
        if (room < len) truncated = true;
        chunks.add(new TcpSession.Chunk(fromClient, frame, timeNs, Arrays.copyOfRange(data, off, off + room)));
        kept += room;
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        truncated = true;
    }

    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
        chunks.replaceAll(c -> new TcpSession.Chunk(!c.fromClient(), c.frame(), c.timeNs(), c.data()));
        long c = client;
        client = server;
        server = c;
    }

    @Override
    public void onClose(long frame, long timeNs) {
        if (emitted || chunks.isEmpty()) return;
        emitted = true;
        events.emit(new TcpSession(conn, firstFrame, frame, timeNs, chunks, client, server, truncated));
    }
}
