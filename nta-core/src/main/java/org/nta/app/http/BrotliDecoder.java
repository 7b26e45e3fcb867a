package org.nta.app.http;

import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Brotli (RFC 7932). The decoder of org.brotli:dec pulls its input, so the encoded body is buffered (at most
 * {@code maxBuffered} bytes; beyond that the decoder stops) and decoded when it ends, output in 8 KiB pieces.
 */
final class BrotliDecoder implements ContentDecoder {
    private final ByteSink out;
    private final long maxBuffered;
    private byte[] in = new byte[1024];
    private int inLen;
    private State state = State.RUNNING;

    BrotliDecoder(ByteSink out, long maxBuffered) {
        this.out = out;
        this.maxBuffered = maxBuffered;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void feed(byte[] b, int off, int len) {
        if (state != State.RUNNING) return;
        if (inLen + (long) len > maxBuffered) {
            // decode what fits; the sink's limit stops output the same way
            len = (int) (maxBuffered - inLen);
            append(b, off, len);
            decode();
            if (state == State.DONE || state == State.ERROR) state = State.STOPPED;
            return;
        }
        append(b, off, len);
    }

    private void append(byte[] b, int off, int len) {
        if (inLen + len > in.length) in = Arrays.copyOf(in, (int) Math.min(Math.max(in.length * 2L, inLen + len),
                Math.max(maxBuffered, inLen + len)));
        System.arraycopy(b, off, in, inLen, len);
        inLen += len;
    }

    @Override
    public void finish() {
        if (state == State.RUNNING) decode();
    }

    private void decode() {
        byte[] buf = new byte[8192];
        try (BrotliInputStream s = new BrotliInputStream(new ByteArrayInputStream(in, 0, inLen))) {
            int n;
            while ((n = s.read(buf)) > 0) {
                if (!out.accept(buf, 0, n)) {
                    state = State.STOPPED;
                    break;
                }
            }
            if (state == State.RUNNING) state = State.DONE;
        } catch (IOException | RuntimeException e) {
            // org.brotli:dec reports corrupt input as IOException (and some truncations as runtime exceptions)
            state = State.ERROR;
        }
        in = new byte[0];
        inLen = 0;
    }
}
