package org.nta.cli;

import java.io.PrintStream;

import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.pipeline.CaptureSummary;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/**
 * A progress bar on standard error while a large file is read, only when NTA runs in a terminal: it never appears
 * in piped or redirected output, and it is erased when reading ends. (The wall clock is used here to pace the
 * display only; nothing in any output depends on it.)
 */
final class Progress implements PacketSink {
    private static final long MIN_SIZE = 64L << 20;
    private static final long EVERY_NS = 250_000_000L;

    private final CaptureSource source;
    private final PrintStream err;
    private long packets;
    private long lastNs = System.nanoTime();
    private boolean shown;

    private Progress(CaptureSource source, PrintStream err) {
        this.source = source;
        this.err = err;
    }

    /** A progress sink for this source, or a sink that does nothing when there is no terminal or the file is small. */
    static PacketSink of(CaptureSource source) {
        boolean terminal = System.console() != null && System.getenv("NTA_NO_PROGRESS") == null;
        if (!terminal || source.fileSize() < MIN_SIZE) return new PacketSink() { };
        return new Progress(source, System.err);
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        if ((++packets & 0x3fff) != 0) return;
        long now = System.nanoTime();
        if (now - lastNs < EVERY_NS) return;
        lastNs = now;
        long done = source.rawBytesRead(), total = source.fileSize();
        int pct = (int) Math.min(100, done * 100 / Math.max(1, total));
        int bars = pct / 4;
        err.printf("\r[%s%s] %3d%%  %,d of %,d MB, %,d frames ", "#".repeat(bars), ".".repeat(25 - bars), pct,
                done >> 20, total >> 20, packets);
        err.flush();
        shown = true;
    }

    @Override
    public void onFinish(CaptureSummary summary) {
        if (shown) {
            err.print("\r" + " ".repeat(78) + "\r");
            err.flush();
        }
    }
}
