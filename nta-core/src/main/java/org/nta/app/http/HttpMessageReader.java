package org.nta.app.http;

import java.util.Arrays;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.HttpBody;

/**
 * The state machine of one direction of an HTTP/1.x connection: head, then body by Content-Length, chunked (with
 * trailers) or until the connection ends, then the next message. Fed arbitrary slices in order; reports each
 * message with the frame that delivered its first and its last byte. Errors are counted and followed by a resync on
 * the next start line; nothing is thrown and memory stays within the {@link HttpConfig} limits.
 */
final class HttpMessageReader {
    /** Receives heads (and decides their framing) and finished messages. */
    interface Sink {
        Framing onHead(HttpHead head, long frame);

        void onMessage(HttpHead head, BodyCollector.Collected body, long frame, long timeNs, boolean incomplete);
    }

    enum State { HEAD, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BODY_CLOSE, STOPPED }

    private final HttpConfig config;
    private final AnomalyCounter anomalies;
    private final Sink sink;
    private final HeadReader head;
    /** The chunk-size line being read: made at the first chunked body and grown up to maxChunkLineBytes. */
    private byte[] chunkLine = EMPTY;
    private static final byte[] EMPTY = new byte[0];
    private int chunkLineLen;
    private boolean chunkLineOverflow;
    private boolean chunkCr;
    private State state = State.HEAD;
    private HttpHead current;
    private BodyCollector body;
    private long remaining;

    private final boolean fromClient;

    HttpMessageReader(boolean requests, HttpConfig config, AnomalyCounter anomalies, Sink sink) {
        this.fromClient = requests;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
        this.head = new HeadReader(requests, config.maxHeaderBytes(), config.maxHeaders());
    }

    State state() {
        return state;
    }

    /** Ignore everything from now on (tunnel, protocol upgrade, end of the direction). */
    void stop() {
        state = State.STOPPED;
        body = null;
        current = null;
    }

    /** Until the next start line, lines are skipped silently (the direction starts inside a message). */
    void skipToStartLine() {
        if (state == State.HEAD) head.reset(true);
    }

    void feed(byte[] b, int off, int len, long frame, long timeNs) {
        int end = off + len;
        while (off < end && state != State.STOPPED) {
            switch (state) {
                case HEAD -> off += head(b, off, end - off, frame, timeNs);
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - off);
                    body.wire(b, off, n);
                    off += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.BODY_LENGTH) endMessage(frame, timeNs, false);
                        else {
                            state = State.CHUNK_END;
                            chunkCr = false;
                        }
                    }
                }
                case CHUNK_SIZE -> off = chunkSize(b, off, end, frame, timeNs);
                case CHUNK_END -> off = chunkEnd(b, off, end, frame, timeNs);
                case TRAILERS -> off += trailers(b, off, end - off, frame, timeNs);
                case BODY_CLOSE -> {
                    body.wire(b, off, end - off);
                    off = end;
                }
                case STOPPED -> off = end;
            }
        }
    }

    private int head(byte[] b, int off, int len, long frame, long timeNs) {
        int n = head.feed(b, off, len, frame, timeNs);
        switch (head.status()) {
            case COMPLETE -> headComplete(frame, timeNs);
            case BAD_START_LINE -> anomalies.add(Anomaly.HTTP_MALFORMED, frame);
            case TOO_LONG -> anomalies.add(Anomaly.HTTP_HEADER_TOO_LONG, frame);
            case NEED_MORE -> {
            }
        }
        return n;
    }

    private void headComplete(long frame, long timeNs) {
        current = head.head();
        HeaderListBuilder lines = head.headerLines();
        if (lines.malformed() > 0) anomalies.add(Anomaly.HTTP_MALFORMED, frame);
        if (lines.overflowed()) anomalies.add(Anomaly.HTTP_TOO_MANY_HEADERS, frame);
        Framing framing = sink.onHead(current, frame);
        if (state == State.STOPPED) return;
        body = new BodyCollector(current.headers().first("Content-Encoding"), config, config.keepBytes(),
                fromClient ? config.hashRequestBodies() : config.hashResponseBodies());
        switch (framing.kind()) {
            case NONE -> endMessage(frame, timeNs, false);
            case LENGTH -> {
                state = State.BODY_LENGTH;
                remaining = framing.length();
                body.expect(remaining);
            }
            case CHUNKED -> startChunk();
            case CLOSE -> state = State.BODY_CLOSE;
        }
    }

    private void startChunk() {
        state = State.CHUNK_SIZE;
        chunkLineLen = 0;
        chunkLineOverflow = false;
    }

    private int chunkSize(byte[] b, int off, int end, long frame, long timeNs) {
        while (off < end) {
            byte c = b[off++];
            if (c == '\n') {
                long size = chunkLineOverflow ? -1 : parseChunkSize();
                if (size < 0) {
                    chunkError(frame, timeNs);
                    return off;
                }
                if (size == 0) {
                    state = State.TRAILERS;
                    head.resetForTrailers();
                } else {
                    state = State.CHUNK_DATA;
                    remaining = size;
                }
                return off;
            }
            if (chunkLineLen == chunkLine.length && chunkLineLen < config.maxChunkLineBytes()) {
                chunkLine = Arrays.copyOf(chunkLine, Math.min(Math.max(64, chunkLineLen * 2), config.maxChunkLineBytes()));
            }
            if (chunkLineLen < chunkLine.length) chunkLine[chunkLineLen++] = c;
            else {
                chunkError(frame, timeNs); // an endless size line: give up on this body
                return off;
            }
        }
        return off;
    }

    /** Hex size, optional whitespace and extensions; -1 when malformed. */
    private long parseChunkSize() {
        int n = chunkLineLen;
        if (n > 0 && chunkLine[n - 1] == '\r') n--;
        long size = 0;
        int digits = 0;
        int i = 0;
        for (; i < n; i++) {
            int h = UrlCodec.hex((char) (chunkLine[i] & 0xff));
            if (h < 0) break;
            if (++digits > 15) return -1;
            size = size << 4 | h;
        }
        if (digits == 0) return -1;
        while (i < n && (chunkLine[i] == ' ' || chunkLine[i] == '\t')) i++;
        if (i < n && chunkLine[i] != ';') return -1;
        return size;
    }

    private int chunkEnd(byte[] b, int off, int end, long frame, long timeNs) {
        byte c = b[off];
        if (c == '\r' && !chunkCr) {
            chunkCr = true;
            return off + 1;
        }
        if (c == '\n') {
            startChunk();
            return off + 1;
        }
        chunkError(frame, timeNs);
        return off;
    }

    private void chunkError(long frame, long timeNs) {
        anomalies.add(Anomaly.HTTP_CHUNK_MALFORMED, frame);
        endMessage(frame, timeNs, true);
        resync();
    }

    private int trailers(byte[] b, int off, int len, long frame, long timeNs) {
        int n = head.feed(b, off, len, frame, timeNs);
        switch (head.status()) {
            case COMPLETE -> endMessage(frame, timeNs, false);
            case TOO_LONG, BAD_START_LINE -> {
                anomalies.add(Anomaly.HTTP_HEADER_TOO_LONG, frame);
                endMessage(frame, timeNs, true);
                resync();
            }
            case NEED_MORE -> {
            }
        }
        return n;
    }

    private void endMessage(long frame, long timeNs, boolean incomplete) {
        BodyCollector.Collected c = body.finish(incomplete);
        if (c.decoding() == HttpBody.Decoding.LIMIT) anomalies.add(Anomaly.HTTP_DECOMPRESS_LIMIT, frame);
        if (c.decoding() == HttpBody.Decoding.ERROR) anomalies.add(Anomaly.HTTP_DECOMPRESS_ERROR, frame);
        HttpHead h = current;
        current = null;
        body = null;
        if (state != State.STOPPED) {
            state = State.HEAD;
            head.reset(false);
        }
        sink.onMessage(h, c, frame, timeNs, incomplete);
    }

    private void resync() {
        if (state == State.STOPPED) return;
        state = State.HEAD;
        head.reset(true);
    }

    /** {@code len} bytes of this direction were not captured. */
    void gap(long len, long frame, long timeNs) {
        switch (state) {
            case BODY_LENGTH, CHUNK_DATA -> {
                long skip = Math.min(len, remaining);
                body.gap(skip);
                remaining -= skip;
                if (remaining > 0) return;
                if (state == State.CHUNK_DATA && len == skip) {
                    state = State.CHUNK_END;
                    chunkCr = false;
                    return;
                }
                boolean exact = len == skip && state == State.BODY_LENGTH;
                endMessage(frame, timeNs, true);
                if (!exact) resync();
            }
            case BODY_CLOSE -> body.gap(len);
            case CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                body.gap(len);
                endMessage(frame, timeNs, true);
                resync();
            }
            case HEAD -> resync();
            case STOPPED -> {
            }
        }
    }

    /**
     * The direction ended (FIN, RST or end of capture). A body delimited by the close ends normally here; any other
     * message in progress is reported as incomplete, a partial head only if its start line was complete.
     */
    void finish(long frame, long timeNs) {
        switch (state) {
            case BODY_CLOSE -> endMessage(frame, timeNs, false);
            case BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS -> endMessage(frame, timeNs, true);
            case HEAD -> {
                if (head.hasStartLine()) {
                    current = head.head();
                    sink.onHead(current, frame);
                    if (state != State.STOPPED) {
                        body = new BodyCollector(null, config, 0);
                        endMessage(frame, timeNs, true);
                    }
                }
            }
            case STOPPED -> {
            }
        }
        stop();
    }
}
