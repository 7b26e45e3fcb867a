package org.nta.reassembly;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.nta.event.ConnInfo;

/**
 * Keeps a connection's bytes as turns (consecutive bytes from one side), with the frames that delivered them —
 * what Wireshark's Follow Stream shows. Bounded: beyond {@code maxBytes} the rest is counted, not kept.
 */
public final class StreamRecorder implements StreamHandler {
    /** One turn: the side, its bytes, the first and last frame, and bytes missing in it (gaps). */
    public static final class Turn {
        public boolean fromClient;
        public final long firstFrame;
        public long lastFrame;
        public final long firstTimeNs;
        public long missing;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Turn(boolean fromClient, long frame, long timeNs) {
            this.fromClient = fromClient;
            this.firstFrame = frame;
            this.lastFrame = frame;
            this.firstTimeNs = timeNs;
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        public int size() {
            return bytes.size();
        }
    }

    private final long maxBytes;
    private final List<Turn> turns = new ArrayList<>();
    private long kept;
    private long dropped;
    private boolean closed;
    private ConnInfo conn;

    public StreamRecorder(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    private Turn turn(boolean fromClient, long frame, long timeNs) {
        Turn t = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (t == null || t.fromClient != fromClient) {
            t = new Turn(fromClient, frame, timeNs);
            turns.add(t);
        }
        t.lastFrame = frame;
        return t;
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Turn t = turn(fromClient, frame, timeNs);
        int room = (int) Math.max(0, Math.min(len, maxBytes - kept));
        t.bytes.write(data, off, room);
        kept += room;
        dropped += len - room;
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        turn(fromClient, frame, timeNs).missing += len;
    }

    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
        for (Turn t : turns) t.fromClient = !t.fromClient;
    }

    @Override
    public void onClose(long frame, long timeNs) {
        closed = true;
    }

    /** The connection with the roles its content showed, when they differ from those it was created with; else null. */
    public ConnInfo swappedConn() {
        return conn;
    }

    public List<Turn> turns() {
        return turns;
    }

    /** All bytes of one direction, in order (gaps leave nothing). */
    public byte[] direction(boolean fromClient) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Turn t : turns) if (t.fromClient == fromClient) out.writeBytes(t.bytes());
        return out.toByteArray();
    }

    public long droppedBytes() {
        return dropped;
    }

    public boolean closed() {
        return closed;
    }
}
