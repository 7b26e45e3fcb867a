package org.nta.capture;

import java.io.IOException;
import java.util.List;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;

/**
 * Classic libpcap files: both byte orders, microsecond and nanosecond magic, and the "modified" (Kuznetzov)
 * variant with its longer record header.
 */
final class PcapReader implements CaptureReader {
    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;
    static final int MAGIC_MODIFIED = 0xa1b2cd34;

    private final InputBuffer in;
    private final Runnable closer;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int recordHeaderLen;
    private final int linkType;
    private final long snaplen;
    private final int maxRecord;
    private final List<InterfaceInfo> interfaces;
    private final AnomalyCounter anomalies = new AnomalyCounter();
    private long frames;
    private ReadProblem problem;
    private boolean done;

    /** {@code in} is positioned at the start of the 24-byte file header, which the caller has checked exists. */
    PcapReader(InputBuffer in, Runnable closer) throws CaptureException {
        this.in = in;
        this.closer = closer;
        byte[] b = in.buf;
        int p = in.pos;
        int magicBe = Bytes.i32(b, p);
        int magicLe = Bytes.i32le(b, p);
        int magic;
        if (magicBe == MAGIC_US || magicBe == MAGIC_NS || magicBe == MAGIC_MODIFIED) {
            bigEndian = true;
            magic = magicBe;
        } else if (magicLe == MAGIC_US || magicLe == MAGIC_NS || magicLe == MAGIC_MODIFIED) {
            bigEndian = false;
            magic = magicLe;
        } else {
            throw new CaptureException("not a pcap file");
        }
        int major = Bytes.u16(b, p + 4, bigEndian);
        if (major != 2) throw new CaptureException("pcap file of unsupported version " + major + "." + Bytes.u16(b, p + 6, bigEndian));
        nanos = magic == MAGIC_NS;
        recordHeaderLen = magic == MAGIC_MODIFIED ? 24 : 16;
        snaplen = Bytes.i32(b, p + 16, bigEndian) & 0xffffffffL;
        linkType = Bytes.i32(b, p + 20, bigEndian) & 0x03ffffff;
        maxRecord = LinkTypes.maxRecordLength(linkType);
        interfaces = List.of(new InterfaceInfo(0, linkType, snaplen, nanos ? 1_000_000_000L : 1_000_000L, 0, null, null));
        in.skip(24);
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public boolean next(Frame f) {
        if (done) return false;
        try {
            long at = in.position();
            if (!in.ensure(recordHeaderLen)) {
                if (in.available() > 0) stop(ReadProblem.Kind.TRUNCATED, at, "the file ends inside a record header");
                else done = true;
                return false;
            }
            byte[] b = in.buf;
            int p = in.pos;
            long sec = Bytes.i32(b, p, bigEndian) & 0xffffffffL;
            long frac = Bytes.i32(b, p + 4, bigEndian) & 0xffffffffL;
            int capLen = Bytes.i32(b, p + 8, bigEndian);
            int origLen = Bytes.i32(b, p + 12, bigEndian);
            if (capLen < 0 || capLen > maxRecord) {
                stop(ReadProblem.Kind.CORRUPT, at, "record of " + Integer.toUnsignedString(capLen)
                        + " bytes, bigger than the maximum of " + maxRecord);
                return false;
            }
            if (!in.ensure(recordHeaderLen + capLen)) {
                stop(ReadProblem.Kind.TRUNCATED, at, "the file ends in the middle of a " + capLen + "-byte record");
                return false;
            }
            f.number = ++frames;
            setTime(f, sec, frac, nanos);
            f.capLen = capLen;
            f.origLen = origLen;
            if (origLen >= 0 && origLen < capLen) anomalies.add(Anomaly.CAPTURE_CAPLEN_GT_ORIGLEN, f.number);
            f.linkType = linkType;
            f.iface = 0;
            f.data = in.buf;
            f.offset = in.pos + recordHeaderLen;
            f.fileOffset = at;
            in.skip(recordHeaderLen + capLen);
            return true;
        } catch (IOException e) {
            stop(Streams.kind(e), in.position(), Streams.describe(e));
            return false;
        }
    }

    /** Sets {@code f}'s time from a record header's seconds and fraction (µs, or ns); shared with {@link CaptureEnd}. */
    static void setTime(Frame f, long sec, long frac, boolean nanos) {
        long nanosTotal = nanos ? frac : frac * 1000L;
        f.tsSec = sec + nanosTotal / 1_000_000_000L;
        f.tsNanos = (int) (nanosTotal % 1_000_000_000L);
    }

    private void stop(ReadProblem.Kind kind, long offset, String message) {
        done = true;
        problem = new ReadProblem(kind, offset, frames, message);
        if (kind == ReadProblem.Kind.TRUNCATED) anomalies.add(Anomaly.CAPTURE_TRUNCATED, frames + 1);
        else if (kind == ReadProblem.Kind.CORRUPT) anomalies.add(Anomaly.CAPTURE_RECORD_TOO_LARGE, frames + 1);
    }

    @Override
    public ReadProblem problem() {
        return problem;
    }

    @Override
    public AnomalyCounter anomalies() {
        return anomalies;
    }

    @Override
    public long position() {
        return in.position();
    }

    @Override
    public long snaplen() {
        return snaplen;
    }

    @Override
    public int tsPrecisionDigits() {
        return nanos ? 9 : 6;
    }

    @Override
    public void close() {
        closer.run();
    }
}
