package org.nta.app.http;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streaming gzip (RFC 1952, several members allowed) and deflate, which servers send as zlib (RFC 1950, what the RFC
 * means) or raw deflate (what some send): told apart by the zlib header check. Output goes out in 8 KiB pieces, so
 * a bomb stops at the sink's limit without ever holding more than that.
 */
final class InflateDecoder implements ContentDecoder {
    enum Format { GZIP, DEFLATE }

    /** Longest gzip header accepted (FEXTRA, FNAME and FCOMMENT included). */
    static final int MAX_GZIP_HEADER = 8192;

    private enum Phase { HEADER, BODY, TRAILER, TAIL }

    private final Format format;
    private final ByteSink out;
    private final byte[] buf = new byte[8192];
    private Inflater inflater;
    private Phase phase = Phase.HEADER;
    private byte[] header = new byte[16];
    private int headerLen;
    private int trailerLeft;
    private State state = State.RUNNING;
    /** At least one member (gzip) or stream was decoded completely, so what follows is a tail, not an error. */
    private boolean members;

    InflateDecoder(Format format, ByteSink out) {
        this.format = format;
        this.out = out;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void feed(byte[] b, int off, int len) {
        int end = off + len;
        while (off < end && state == State.RUNNING) {
            switch (phase) {
                case HEADER -> off = header(b, off, end);
                case BODY -> off = inflate(b, off, end);
                case TRAILER -> {
                    int n = Math.min(trailerLeft, end - off);
                    trailerLeft -= n;
                    off += n;
                    if (trailerLeft == 0) {
                        phase = Phase.HEADER; // another gzip member may follow
                        headerLen = 0;
                    }
                }
                case TAIL -> off = end;
            }
        }
    }

    private int header(byte[] b, int off, int end) {
        int need = format == Format.GZIP ? 10 : 2;
        while (off < end) {
            if (headerLen == header.length) {
                if (header.length >= MAX_GZIP_HEADER) {
                    fail();
                    return end;
                }
                header = java.util.Arrays.copyOf(header, Math.min(header.length * 2, MAX_GZIP_HEADER));
            }
            header[headerLen++] = b[off++];
            if (headerLen < need) continue;
            if (format == Format.DEFLATE) {
                int cmf = header[0] & 0xff;
                int flg = header[1] & 0xff;
                boolean zlib = (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
                startInflater(!zlib);
                return inflate(header, 0, 2) < 0 ? end : off;
            }
            int h = gzipHeaderLength();
            if (h == -2) {
                if (members) {
                    phase = Phase.TAIL; // bytes after the last member: ignored, as gzip(1) does
                    return end;
                }
                fail();
                return end;
            }
            if (h > 0) {
                startInflater(true);
                return off;
            }
        }
        return off;
    }

    /** Length of the complete gzip header in {@link #header}, 0 when more bytes are needed, -2 when invalid. */
    private int gzipHeaderLength() {
        if ((header[0] & 0xff) != 0x1f || (header[1] & 0xff) != 0x8b || header[2] != 8) return -2;
        int flags = header[3] & 0xff;
        int p = 10;
        if ((flags & 4) != 0) {
            if (headerLen < p + 2) return 0;
            p += 2 + ((header[p] & 0xff) | (header[p + 1] & 0xff) << 8);
            if (headerLen < p) return 0;
        }
        for (int flag : new int[]{8, 16}) {
            if ((flags & flag) == 0) continue;
            while (p < headerLen && header[p] != 0) p++;
            if (p >= headerLen) return 0;
            p++;
        }
        if ((flags & 2) != 0) p += 2;
        return headerLen >= p ? p : 0;
    }

    private void startInflater(boolean raw) {
        if (inflater != null) inflater.end();
        inflater = new Inflater(raw);
        phase = Phase.BODY;
    }

    /** Inflates {@code b[off, end)}; returns the offset after what was used, or -1 on failure. */
    private int inflate(byte[] b, int off, int end) {
        inflater.setInput(b, off, end - off);
        try {
            while (true) {
                int n = inflater.inflate(buf);
                if (n > 0 && !out.accept(buf, 0, n)) {
                    state = State.STOPPED;
                    release();
                    return end;
                }
                if (inflater.finished()) {
                    int used = end - off - inflater.getRemaining();
                    members = true;
                    if (format == Format.GZIP) {
                        phase = Phase.TRAILER;
                        trailerLeft = 8;
                    } else {
                        phase = Phase.TAIL;
                    }
                    release();
                    return off + used;
                }
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        fail();
                        return -1;
                    }
                    if (inflater.needsInput()) return end;
                }
            }
        } catch (DataFormatException e) {
            fail();
            return -1;
        }
    }

    private void fail() {
        state = State.ERROR;
        release();
    }

    private void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    @Override
    public void finish() {
        if (state == State.RUNNING) {
            state = members && phase != Phase.BODY ? State.DONE : State.ERROR;
        }
        release();
    }
}
