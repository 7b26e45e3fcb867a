package org.nta.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A growable read buffer over a stream. Readers ask for {@link #ensure(int)} bytes, read them in place
 * from {@link #buf} at {@link #pos}, and {@link #skip(int)}. Frames are handed out as views into
 * {@link #buf}, so the buffer only moves bytes when a record would run past its end.
 */
final class InputBuffer {
    static final int DEFAULT_SIZE = 1 << 20;

    private final InputStream in;
    private final int maxSize;
    byte[] buf;
    int pos;
    int lim;
    private long base; // stream offset of buf[0]
    private boolean eof;

    InputBuffer(InputStream in, int initialSize, int maxSize) {
        this.in = in;
        this.maxSize = maxSize;
        this.buf = new byte[initialSize];
    }

    /** Offset in the stream of {@link #pos}. */
    long position() {
        return base + pos;
    }

    int available() {
        return lim - pos;
    }

    /**
     * Makes at least {@code n} bytes available at {@link #pos}. Returns false when the stream ends first
     * (then {@link #available()} tells how many there were).
     *
     * @throws IOException when the stream fails or {@code n} exceeds the buffer cap
     */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (n > maxSize) throw new IOException("record of " + n + " bytes exceeds the " + maxSize + "-byte read limit");
        if (pos + n > buf.length) {
            if (n > buf.length) {
                byte[] nb = new byte[Math.min(maxSize, Math.max(n, buf.length * 2))];
                System.arraycopy(buf, pos, nb, 0, lim - pos);
                buf = nb;
            } else {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
            }
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) eof = true;
            else lim += r;
        }
        return lim - pos >= n;
    }

    void skip(int n) {
        pos += n;
    }

    /** Skips {@code n} bytes that may lie beyond the buffer; returns false at end of stream. */
    boolean skipLong(long n) throws IOException {
        while (n > 0) {
            if (pos == lim && !ensure(1)) return false;
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
        return true;
    }
}
