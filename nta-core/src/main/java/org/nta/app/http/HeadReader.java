package org.nta.app.http;

import java.util.Arrays;

/**
 * Incremental reader of one message head (start line and header lines up to the empty line) or of a chunked
 * body's trailer block, fed arbitrary slices. Accepts CRLF and bare LF line endings, skips empty lines before the
 * start line, holds at most one line and never more than {@code maxHeaderBytes}.
 *
 * <p>In resync mode (after a gap or an error) lines that are not a start line are dropped silently until one is.
 */
final class HeadReader {
    enum Status {
        /** All input consumed, the head is not complete yet. */
        NEED_MORE,
        /** The empty line ending the head was consumed; see {@link #head()}. */
        COMPLETE,
        /** The first line is not a start line; the reader switched to resync mode. */
        BAD_START_LINE,
        /** Start line plus headers exceed the limit; the reader switched to resync mode. */
        TOO_LONG
    }

    private final boolean request;
    private final int maxHeaderBytes;
    private final int maxHeaders;

    /** The part of a line cut by the end of a slice, until the rest comes; allocated when first needed. */
    private byte[] line = NO_LINE;
    private static final byte[] NO_LINE = new byte[0];
    private int lineLen;
    private boolean discarding;
    private boolean resync;
    private boolean trailers;
    private StartLine.Parsed start;
    private final HeaderListBuilder headers;
    private int headBytes;
    private long lineFrame;
    private long lineTimeNs;
    private long firstFrame;
    private long firstTimeNs;
    private Status status = Status.NEED_MORE;

    HeadReader(boolean request, int maxHeaderBytes, int maxHeaders) {
        this.request = request;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaders = maxHeaders;
        this.headers = new HeaderListBuilder(maxHeaders);
        reset(false);
    }

    /** Ready for the next head; in resync mode non-start lines are dropped silently. */
    void reset(boolean resyncMode) {
        resync = resyncMode;
        trailers = false;
        start = null;
        headers.clear();
        headBytes = 0;
        lineLen = 0;
        status = Status.NEED_MORE;
        if (line.length > 4096) line = NO_LINE;
    }

    /** Ready for the trailer block of a chunked body (header lines only). */
    void resetForTrailers() {
        reset(false);
        trailers = true;
    }

    /** Drop the rest of the current line (used after an error in the middle of a line). */
    void discardRestOfLine() {
        discarding = true;
        lineLen = 0;
    }

    boolean inResync() {
        return resync;
    }

    /** Some bytes of a head (not only empty lines) have been consumed. */
    boolean started() {
        return start != null || lineLen > 0 && !discarding;
    }

    /** A start line has been read (the head may be incomplete). */
    boolean hasStartLine() {
        return start != null && !trailers;
    }

    Status status() {
        return status;
    }

    /** Bytes consumed from {@code b[off, off+len)}; stops right after the head's last byte or on an error. */
    int feed(byte[] b, int off, int len, long frame, long timeNs) {
        status = Status.NEED_MORE;
        int end = off + len;
        int pos = off;
        while (pos < end) {
            int lf = -1;
            for (int i = pos; i < end; i++) {
                if (b[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int segEnd = lf < 0 ? end : lf + 1;
            int seg = segEnd - pos;
            if (discarding) {
                pos = segEnd;
                if (lf >= 0) discarding = false;
                continue;
            }
            if (lineLen == 0) {
                lineFrame = frame;
                lineTimeNs = timeNs;
            }
            boolean inStart = start == null && !trailers;
            int limit = inStart ? maxHeaderBytes : maxHeaderBytes - headBytes;
            if (lineLen + seg > limit) {
                pos = segEnd;
                lineLen = 0;
                discarding = lf < 0;
                if (inStart && resync) continue;
                reset(true);
                discarding = lf < 0;
                status = Status.TOO_LONG;
                return pos - off;
            }
            // a line wholly in this slice (most are) is read where it is; only one cut by the slice's end is copied
            byte[] lb;
            int ls, ll;
            if (lineLen == 0 && lf >= 0) {
                lb = b;
                ls = pos;
                ll = seg;
            } else {
                append(b, pos, seg);
                lb = line;
                ls = 0;
                ll = lineLen;
            }
            pos = segEnd;
            if (inStart && !plausiblePrefix(lb, ls, ll)) {
                lineLen = 0;
                discarding = lf < 0;
                if (resync) continue;
                reset(true);
                discarding = lf < 0;
                status = Status.BAD_START_LINE;
                return pos - off;
            }
            if (lf < 0) break;
            int le = ll - 1;
            if (le > 0 && lb[ls + le - 1] == '\r') le--;
            int consumedLine = ll;
            lineLen = 0;
            if (inStart) {
                if (le == 0) continue; // empty line before the start line
                StartLine.Parsed p = request ? StartLine.request(lb, ls, ls + le) : StartLine.response(lb, ls, ls + le);
                if (p == null) {
                    if (resync) continue;
                    reset(true);
                    status = Status.BAD_START_LINE;
                    return pos - off;
                }
                start = p;
                resync = false;
                headBytes = consumedLine;
                firstFrame = lineFrame;
                firstTimeNs = lineTimeNs;
                continue;
            }
            headBytes += consumedLine;
            if (le == 0) {
                status = Status.COMPLETE;
                return pos - off;
            }
            headers.line(lb, ls, ls + le);
        }
        return pos - off;
    }

    /** Cheap early rejection of a start line from its first bytes, so binary junk is not buffered. */
    private boolean plausiblePrefix(byte[] lb, int ls, int ll) {
        if (lb[ls] == '\r' || lb[ls] == '\n') return true; // an empty line, skipped when complete
        if (request) {
            int n = Math.min(ll, StartLine.MAX_METHOD + 1);
            for (int i = 0; i < n; i++) {
                if (lb[ls + i] == ' ') return i > 0;
                if (!StartLine.isTchar(lb[ls + i])) return false;
            }
            return ll <= StartLine.MAX_METHOD;
        }
        String http = "HTTP/";
        for (int i = 0; i < Math.min(ll, http.length()); i++) if (lb[ls + i] != http.charAt(i)) return false;
        return true;
    }

    private void append(byte[] b, int off, int n) {
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLen + n, Math.min(Math.max(128, line.length * 2), maxHeaderBytes + 1)));
        }
        System.arraycopy(b, off, line, lineLen, n);
        lineLen += n;
    }

    HttpHead head() {
        return new HttpHead(start, headers.build(), firstFrame, firstTimeNs);
    }

    HeaderListBuilder headerLines() {
        return headers;
    }
}
