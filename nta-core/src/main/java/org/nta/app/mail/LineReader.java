package org.nta.app.mail;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;

/**
 * Splits one direction of a connection into lines (ending in LF, a CR before it kept in the line's bytes), fed
 * arbitrary slices, and reads counted raw bytes (an IMAP literal, an SMTP BDAT chunk) when asked. A line longer
 * than the buffer is handed over in pieces: the first with {@code continued} false, each piece but the last with
 * {@code complete} false. Bytes passed to the sink are valid only during the call.
 */
final class LineReader {
    /** Raw bytes nobody reads: the sink of a direction that never asks for them. */
    static final Raw NO_RAW = (b, off, len, done, frame, timeNs) -> {};

    /** {@link Sink#line}, alone. */
    @FunctionalInterface
    interface Lines {
        void line(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs);
    }

    /** {@link Sink#raw}, alone. */
    @FunctionalInterface
    interface Raw {
        void raw(byte[] b, int off, int len, boolean done, long frame, long timeNs);
    }

    /** A line as text without its line end. */
    @FunctionalInterface
    interface TextLine {
        void line(String line, long frame, long timeNs);
    }

    /** A sink made of its two halves. */
    static Sink sink(Lines lines, Raw raw) {
        return new Sink() {
            @Override
            public void line(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs) {
                lines.line(b, len, complete, continued, frame, timeNs);
            }

            @Override
            public void raw(byte[] b, int off, int len, boolean done, long frame, long timeNs) {
                raw.raw(b, off, len, done, frame, timeNs);
            }
        };
    }

    /**
     * A sink that hands each line over as text; of a line longer than the buffer only its first piece, counted as
     * {@link Anomaly#MAIL_LINE_TOO_LONG}.
     */
    static Sink textLines(AnomalyCounter anomalies, TextLine lines, Raw raw) {
        return sink((b, len, complete, continued, frame, timeNs) -> {
            if (continued) return;
            if (!complete) anomalies.add(Anomaly.MAIL_LINE_TOO_LONG, frame);
            lines.line(SmtpHandler.text(b, len), frame, timeNs);
        }, raw);
    }

    interface Sink {
        /**
         * A line or a piece of one: {@code b[0, len)} including its CR LF or LF when {@code complete}.
         *
         * @param complete  the piece ends the line (the LF was seen)
         * @param continued earlier pieces of this line were handed over already
         */
        void line(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs);

        /** Raw bytes asked for by {@link #readRaw}; {@code done} on the piece that ends them. */
        void raw(byte[] b, int off, int len, boolean done, long frame, long timeNs);
    }

    private final int max;
    private byte[] buf = new byte[256];
    private int len;
    private boolean continued;
    private long raw;

    LineReader(int maxLineBytes) {
        this.max = maxLineBytes;
    }

    /** The next {@code n} bytes are raw bytes (called from the sink, or between feeds). */
    void readRaw(long n) {
        raw = n;
    }

    boolean readingRaw() {
        return raw > 0;
    }

    /** Forgets a partial line and raw bytes still expected (bytes went missing). */
    void reset() {
        len = 0;
        continued = false;
        raw = 0;
    }

    /** Bytes of an unfinished line held. */
    int pending() {
        return len;
    }

    void feed(byte[] d, int off, int n, long frame, long timeNs, Sink sink) {
        int end = off + n;
        int i = off;
        while (i < end) {
            if (raw > 0) {
                int k = (int) Math.min(raw, end - i);
                raw -= k;
                sink.raw(d, i, k, raw == 0, frame, timeNs);
                i += k;
                continue;
            }
            int lf = -1;
            for (int j = i; j < end; j++) {
                if (d[j] == '\n') {
                    lf = j;
                    break;
                }
            }
            int stop = lf < 0 ? end : lf + 1;
            int take = stop - i;
            while (take > 0) {
                int room = max - len;
                if (room == 0) {
                    // the buffer is full: hand it over as a piece and go on with the rest of the line
                    sink.line(buf, len, false, continued, frame, timeNs);
                    continued = true;
                    len = 0;
                    continue;
                }
                int k = Math.min(room, take);
                ensure(len + k);
                System.arraycopy(d, i, buf, len, k);
                len += k;
                i += k;
                take -= k;
            }
            if (lf >= 0) {
                int l = len;
                boolean c = continued;
                len = 0;
                continued = false;
                sink.line(buf, l, true, c, frame, timeNs);
            }
        }
    }

    /** Hands over an unfinished last line (the direction ended without its LF). */
    void flush(long frame, long timeNs, Sink sink) {
        if (len == 0 && !continued) return;
        int l = len;
        boolean c = continued;
        len = 0;
        continued = false;
        if (raw > 0) return;
        sink.line(buf, l, true, c, frame, timeNs);
    }

    private void ensure(int n) {
        if (n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(max, Math.max(n, buf.length * 2)));
    }

    /** Bytes of the line without its CR LF or LF. */
    static int contentLength(byte[] b, int len) {
        int n = len;
        if (n > 0 && b[n - 1] == '\n') n--;
        if (n > 0 && b[n - 1] == '\r') n--;
        return n;
    }
}
