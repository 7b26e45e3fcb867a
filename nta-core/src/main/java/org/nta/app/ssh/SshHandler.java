package org.nta.app.ssh;

import java.util.Arrays;
import java.util.function.Consumer;

import org.nta.app.WireText;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.SshBanner;
import org.nta.reassembly.StreamHandler;

/**
 * Reads the identification string of each side of an SSH connection and then stops ({@link #isDone()}): the
 * binary packet protocol that follows is not parsed. Lines end with LF (CR LF per the RFC, LF alone accepted). The
 * server may send other lines first; the client's first line must be its banner.
 */
public final class SshHandler implements StreamHandler {
    private static final byte[] PREFIX = {'S', 'S', 'H', '-'};

    private final ConnInfo conn;
    private final SshConfig config;
    private final AnomalyCounter anomalies;
    private final Consumer<? super SshBanner> sink;
    private final Direction client = new Direction(true), server = new Direction(false);

    public SshHandler(ConnInfo conn, SshConfig config, AnomalyCounter anomalies, Consumer<? super SshBanner> sink) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
    }

    /** Both banners were read, or cannot come any more. */
    public boolean isDone() {
        return client.done && server.done;
    }

    private static final class Direction {
        final boolean fromClient;
        byte[] line = new byte[64];
        int len;
        int linesBefore;
        boolean done;

        Direction(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void finish() {
            done = true;
            line = new byte[0];
            len = 0;
        }
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        int p = off, end = off + len;
        while (p < end && !d.done) {
            int lf = Bytes.indexOf(data, p, end, (byte) '\n');
            int stop = lf < 0 ? end : lf;
            if (d.len + (stop - p) + (lf < 0 ? 0 : 1) > config.maxLineLength()) {
                anomalies.add(Anomaly.SSH_LINE_TOO_LONG, frame);
                d.finish();
                return;
            }
            append(d, data, p, stop - p);
            if (lf < 0) return;
            p = lf + 1;
            line(d, frame, timeNs);
        }
    }

    private static void append(Direction d, byte[] data, int p, int n) {
        if (d.line.length < d.len + n) d.line = Arrays.copyOf(d.line, Math.max(d.len + n, d.line.length * 2));
        System.arraycopy(data, p, d.line, d.len, n);
        d.len += n;
    }

    /** A complete line (LF removed) is in d.line[0, d.len). */
    private void line(Direction d, long frame, long timeNs) {
        int n = d.len;
        if (n > 0 && d.line[n - 1] == '\r') n--;
        d.len = 0;
        if (startsWithPrefix(d.line, n)) {
            banner(d, n, frame, timeNs);
            return;
        }
        if (d.fromClient) {
            anomalies.add(Anomaly.SSH_MALFORMED, frame);
            d.finish();
            return;
        }
        if (++d.linesBefore > config.maxPreBannerLines()) {
            anomalies.add(Anomaly.SSH_PRE_BANNER_LIMIT, frame);
            d.finish();
        }
    }

    private void banner(Direction d, int n, long frame, long timeNs) {
        byte[] b = d.line;
        int dash = Bytes.indexOf(b, 4, n, (byte) '-');
        String proto, software = "", comments = "";
        if (dash < 0) {
            proto = WireText.ascii(b, 4, n - 4);
        } else {
            proto = WireText.ascii(b, 4, dash - 4);
            int sp = Bytes.indexOf(b, dash + 1, n, (byte) ' ');
            int swEnd = sp < 0 ? n : sp;
            software = WireText.ascii(b, dash + 1, swEnd - dash - 1);
            if (sp >= 0) comments = WireText.ascii(b, sp + 1, n - sp - 1);
        }
        if (dash < 0 || proto.isEmpty() || software.isEmpty() || !WireText.isPrintableAscii(b, 0, n)) {
            anomalies.add(Anomaly.SSH_MALFORMED, frame);
        }
        sink.accept(new SshBanner(frame, timeNs, conn, d.fromClient, proto, software, comments,
                WireText.ascii(b, 0, n), d.linesBefore));
        d.finish();
    }

    private static boolean startsWithPrefix(byte[] b, int n) {
        return n >= 4 && b[0] == PREFIX[0] && b[1] == PREFIX[1] && b[2] == PREFIX[2] && b[3] == PREFIX[3];
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        (fromClient ? client : server).finish();
    }

    /** A banner the sender ended without a line end is still its banner. */
    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        if (!d.done && d.len > 0 && startsWithPrefix(d.line, d.len)) banner(d, d.len, frame, timeNs);
        d.finish();
        if (reset) (fromClient ? server : client).finish();
    }

    @Override
    public void onClose(long frame, long timeNs) {
        client.finish();
        server.finish();
    }
}
