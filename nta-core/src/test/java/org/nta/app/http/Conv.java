package org.nta.app.http;

import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test conversation: chunks of bytes per direction, in order, each delivered by its own frame (frame numbers
 * 1, 2, 3 ... unless given), fed to a fresh {@link HttpConnectionParser}.
 */
final class Conv {
    static final ConnInfo CONN = new ConnInfo("tcp", 7, 4, "10.0.0.1", 40000, "10.0.0.2", 80);

    record Chunk(boolean fromClient, byte[] data, long frame, boolean fin, long gap) {
    }

    final List<Chunk> chunks = new ArrayList<>();
    HttpConfig config = HttpConfig.defaults();
    final AnomalyCounter anomalies = new AnomalyCounter();
    final Recorder rec = new Recorder();
    private long nextFrame = 1;
    boolean midStream;

    /** The connection was picked up without its start ({@link HttpConnectionParser#startMidStream}). */
    Conv midStream() {
        midStream = true;
        return this;
    }

    Conv config(HttpConfig c) {
        config = c;
        return this;
    }

    Conv client(String s) {
        return client(bytes(s));
    }

    Conv client(byte[] b) {
        chunks.add(new Chunk(true, b, nextFrame++, false, 0));
        return this;
    }

    Conv server(String s) {
        return server(bytes(s));
    }

    Conv server(byte[] b) {
        chunks.add(new Chunk(false, b, nextFrame++, false, 0));
        return this;
    }

    Conv fin(boolean fromClient) {
        chunks.add(new Chunk(fromClient, null, nextFrame++, true, 0));
        return this;
    }

    Conv gap(boolean fromClient, long len) {
        chunks.add(new Chunk(fromClient, null, nextFrame++, false, len));
        return this;
    }

    /** Feeds everything, then closes the connection on the next frame number. */
    Recorder run() {
        HttpConnectionParser p = new HttpConnectionParser(CONN, config, rec, anomalies);
        if (midStream) p.startMidStream();
        for (Chunk c : chunks) {
            long t = c.frame * 1000;
            if (c.fin) p.onFin(c.fromClient, false, c.frame, t);
            else if (c.gap > 0) p.onGap(c.fromClient, c.gap, c.frame, t);
            else p.onData(c.fromClient, c.data, 0, c.data.length, c.frame, t);
        }
        p.onClose(nextFrame, nextFrame * 1000);
        return rec;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Client stream and server stream fed as given (one frame each piece, all pieces frame {@code frame}). */
    static Recorder feed(HttpConfig config, AnomalyCounter anomalies, List<byte[]> clientPieces,
                         List<byte[]> serverPieces, long frame) {
        Recorder rec = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(CONN, config, rec, anomalies);
        for (byte[] b : clientPieces) p.onData(true, b, 0, b.length, frame, frame * 1000);
        for (byte[] b : serverPieces) p.onData(false, b, 0, b.length, frame, frame * 1000);
        p.onClose(frame, frame * 1000);
        return rec;
    }
}
