package org.nta.app.ftp;

import java.util.Arrays;

/**
 * One direction of a line-oriented connection put together into lines across slices: a line ends with LF (a CR
 * before it is dropped); at most {@code max} bytes of a line are kept, the rest up to its end is dropped and the line
 * marked {@link #cut()}.
 */
final class FtpLineReader {
    interface LineSink {
        /** A complete line in {@code b[0, len)}, first byte delivered by {@code firstFrame}, its end by {@code frame}. */
        void line(byte[] b, int len, boolean cut, long firstFrame, long frame, long timeNs);
    }

    private final int max;
    private byte[] buf = new byte[128];
    private int len;
    private boolean cut;
    private long firstFrame;

    FtpLineReader(int max) {
        this.max = max;
    }

    void feed(byte[] data, int off, int n, long frame, long timeNs, LineSink sink) {
        int p = off, end = off + n;
        while (p < end) {
            if (len == 0 && !cut) firstFrame = frame;
            int lf = indexOf(data, p, end);
            int stop = lf < 0 ? end : lf;
            append(data, p, stop - p);
            if (lf < 0) return;
            p = lf + 1;
            int l = len;
            if (l > 0 && buf[l - 1] == '\r' && !cut) l--;
            boolean wasCut = cut;
            len = 0;
            cut = false;
            sink.line(buf, l, wasCut, firstFrame, frame, timeNs);
        }
    }

    /** What is held of an unfinished line (at a FIN, the connection's last words), then forgotten. */
    void flush(long frame, long timeNs, LineSink sink) {
        if (len == 0 && !cut) return;
        int l = len;
        if (l > 0 && buf[l - 1] == '\r') l--;
        boolean wasCut = cut;
        len = 0;
        cut = false;
        sink.line(buf, l, wasCut, firstFrame, frame, timeNs);
    }

    /** Forgets an unfinished line (bytes were lost). */
    void reset() {
        len = 0;
        cut = false;
    }

    boolean pending() {
        return len > 0 || cut;
    }

    private void append(byte[] d, int p, int n) {
        int room = Math.min(n, max - len);
        if (room < n) cut = true;
        if (room <= 0) return;
        if (buf.length < len + room) buf = Arrays.copyOf(buf, Math.min(max, Math.max(len + room, buf.length * 2)));
        System.arraycopy(d, p, buf, len, room);
        len += room;
    }

    private static int indexOf(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) if (d[i] == '\n') return i;
        return -1;
    }
}
