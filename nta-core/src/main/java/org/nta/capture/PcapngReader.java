package org.nta.capture;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;

/**
 * pcapng: section header blocks in either byte order (several sections per file), interface description
 * blocks with if_tsresol and if_tsoffset, enhanced, simple and obsolete packet blocks. Name resolution,
 * interface statistics, decryption secrets, custom and unknown blocks are skipped.
 */
final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    static final int MAX_BLOCK = 128 * 1024 * 1024 + 131072;

    /** Interface state in this reader: the public record plus what timestamp conversion needs. */
    private record Iface(InterfaceInfo info, int globalIndex, int maxRecord, long unitsPerSec, BigInteger bigUnits) {
    }

    private final InputBuffer in;
    private final Runnable closer;
    private final List<InterfaceInfo> allInterfaces = new ArrayList<>();
    private final List<Iface> section = new ArrayList<>();
    private final AnomalyCounter anomalies = new AnomalyCounter();
    private boolean bigEndian;
    private int sectionIndex = -1;
    private long frames;
    private ReadProblem problem;
    private boolean done;

    PcapngReader(InputBuffer in, Runnable closer) {
        this.in = in;
        this.closer = closer;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return Collections.unmodifiableList(allInterfaces);
    }

    @Override
    public boolean next(Frame f) {
        try {
            while (!done) {
                long at = in.position();
                if (!in.ensure(12)) {
                    if (in.available() > 0) stop(ReadProblem.Kind.TRUNCATED, at, "the file ends inside a block header");
                    else done = true;
                    return false;
                }
                int type = i32(in.pos);
                if (type == SHB) {
                    if (!readSectionHeader(at)) return false;
                    continue;
                }
                if (sectionIndex < 0) {
                    stop(ReadProblem.Kind.CORRUPT, at, "pcapng block before any section header");
                    return false;
                }
                long len = i32(in.pos + 4) & 0xffffffffL;
                if (len < 12 || len > MAX_BLOCK) {
                    stop(ReadProblem.Kind.CORRUPT, at, "block of impossible length " + len);
                    return false;
                }
                if ((len & 3) != 0) anomalies.add(Anomaly.CAPTURE_BAD_BLOCK, frames + 1);
                if (!in.ensure((int) len)) {
                    stop(ReadProblem.Kind.TRUNCATED, at, "the file ends in the middle of a " + len + "-byte block");
                    return false;
                }
                int body = in.pos + 8;
                int bodyLen = (int) len - 12;
                boolean got;
                switch (type) {
                    case IDB -> {
                        if (!readInterface(body, bodyLen, at)) return false;
                        got = false;
                    }
                    case EPB -> got = readPacket(f, body, bodyLen, at, false);
                    case OPB -> got = readPacket(f, body, bodyLen, at, true);
                    case SPB -> got = readSimple(f, body, bodyLen, at);
                    default -> got = false; // NRB, ISB, DSB, custom, journal, unknown: skipped
                }
                if (done) return false;
                in.skip((int) ((len + 3) & ~3L));
                if (got) return true;
            }
            return false;
        } catch (IOException e) {
            stop(Streams.kind(e), in.position(), Streams.describe(e));
            return false;
        }
    }

    private boolean readSectionHeader(long at) throws IOException {
        byte[] b = in.buf;
        int p = in.pos;
        if (Bytes.i32(b, p + 8) == BYTE_ORDER_MAGIC) bigEndian = true;
        else if (Bytes.i32le(b, p + 8) == BYTE_ORDER_MAGIC) bigEndian = false;
        else {
            stop(ReadProblem.Kind.CORRUPT, at, "section header block with a bad byte-order magic");
            return false;
        }
        long len = i32(p + 4) & 0xffffffffL;
        if (len < 28 || len > MAX_BLOCK) {
            stop(ReadProblem.Kind.CORRUPT, at, "section header block of impossible length " + len);
            return false;
        }
        if (!in.ensure((int) len)) {
            stop(ReadProblem.Kind.TRUNCATED, at, "the file ends inside a section header block");
            return false;
        }
        int major = Bytes.u16(in.buf, in.pos + 12, bigEndian);
        if (major != 1) {
            stop(ReadProblem.Kind.CORRUPT, at, "pcapng section of unsupported version " + major);
            return false;
        }
        sectionIndex++;
        section.clear();
        in.skip((int) ((len + 3) & ~3L));
        return true;
    }

    private boolean readInterface(int body, int bodyLen, long at) {
        if (bodyLen < 8) {
            stop(ReadProblem.Kind.CORRUPT, at, "interface description block too short");
            return false;
        }
        byte[] b = in.buf;
        int linkType = Bytes.u16(b, body, bigEndian);
        long snaplen = i32(body + 4) & 0xffffffffL;
        int tsresol = 6;
        long tsoffset = 0;
        String name = null;
        String description = null;
        int p = body + 8;
        int end = body + bodyLen;
        while (p + 4 <= end) {
            int code = Bytes.u16(b, p, bigEndian);
            int olen = Bytes.u16(b, p + 2, bigEndian);
            int v = p + 4;
            if (code == 0 || v + olen > end) break;
            switch (code) {
                case 2 -> name = text(b, v, olen);
                case 3 -> description = text(b, v, olen);
                case 9 -> { if (olen >= 1) tsresol = b[v] & 0xff; }
                case 14 -> { if (olen >= 8) tsoffset = bigEndian ? Bytes.i64(b, v) : Bytes.i64le(b, v); }
                default -> { }
            }
            p = v + ((olen + 3) & ~3);
        }
        BigInteger units;
        if ((tsresol & 0x80) != 0) units = BigInteger.ONE.shiftLeft(tsresol & 0x7f);
        else units = BigInteger.TEN.pow(tsresol);
        long small = units.bitLength() < 63 ? units.longValue() : -1;
        if (small == 0) small = 1_000_000L;
        InterfaceInfo info = new InterfaceInfo(sectionIndex, linkType, snaplen, small > 0 ? small : Long.MAX_VALUE,
                tsoffset, name, description);
        section.add(new Iface(info, allInterfaces.size(), LinkTypes.maxRecordLength(linkType), small, small > 0 ? null : units));
        allInterfaces.add(info);
        return true;
    }

    private boolean readPacket(Frame f, int body, int bodyLen, long at, boolean obsolete) {
        if (bodyLen < 20) {
            stop(ReadProblem.Kind.CORRUPT, at, (obsolete ? "packet" : "enhanced packet") + " block too short");
            return false;
        }
        byte[] b = in.buf;
        int ifId = obsolete ? Bytes.u16(b, body, bigEndian) : i32(body);
        if (ifId < 0 || ifId >= section.size()) {
            stop(ReadProblem.Kind.CORRUPT, at, "packet on interface " + Integer.toUnsignedString(ifId)
                    + ", but the section describes " + section.size());
            return false;
        }
        Iface iface = section.get(ifId);
        long ts = ((i32(body + 4) & 0xffffffffL) << 32) | (i32(body + 8) & 0xffffffffL);
        int capLen = i32(body + 12);
        int origLen = i32(body + 16);
        if (capLen < 0 || capLen > bodyLen - 20) {
            stop(ReadProblem.Kind.CORRUPT, at, "packet length " + Integer.toUnsignedString(capLen) + " larger than its block");
            return false;
        }
        if (capLen > iface.maxRecord()) {
            stop(ReadProblem.Kind.CORRUPT, at, "record of " + capLen + " bytes, bigger than the maximum of " + iface.maxRecord());
            return false;
        }
        fill(f, iface, ts, capLen, origLen, body + 20, at);
        return true;
    }

    private boolean readSimple(Frame f, int body, int bodyLen, long at) {
        if (section.isEmpty()) {
            stop(ReadProblem.Kind.CORRUPT, at, "simple packet block without an interface");
            return false;
        }
        if (bodyLen < 4) {
            stop(ReadProblem.Kind.CORRUPT, at, "simple packet block too short");
            return false;
        }
        Iface iface = section.get(0);
        int origLen = i32(body);
        long cap = Integer.toUnsignedLong(origLen);
        long snap = iface.info().snaplen();
        if (snap != 0 && cap > snap) cap = snap;
        if (cap > bodyLen - 4) cap = bodyLen - 4;
        if (cap > iface.maxRecord()) {
            stop(ReadProblem.Kind.CORRUPT, at, "record of " + cap + " bytes, bigger than the maximum of " + iface.maxRecord());
            return false;
        }
        // A simple packet block has no timestamp: Wireshark shows it at time 0.
        fill(f, iface, -1, (int) cap, origLen, body + 4, at);
        return true;
    }

    private void fill(Frame f, Iface iface, long ts, int capLen, int origLen, int dataOff, long at) {
        f.number = ++frames;
        setTime(f, ts, iface.unitsPerSec(), iface.bigUnits(), iface.info().tsOffsetSec());
        f.capLen = capLen;
        f.origLen = origLen;
        if (origLen >= 0 && origLen < capLen) anomalies.add(Anomaly.CAPTURE_CAPLEN_GT_ORIGLEN, f.number);
        f.linkType = iface.info().linkType();
        f.iface = iface.globalIndex();
        f.data = in.buf;
        f.offset = dataOff;
        f.fileOffset = at;
    }

    /**
     * Sets {@code f}'s time from a packet block's timestamp: {@code ts} ticks of {@code unitsPerSec} (an interface's
     * if_tsresol; when too many for a long, {@code bigUnits} instead) plus its if_tsoffset seconds; {@code ts} -1
     * is a simple packet block's missing timestamp (time 0, as Wireshark shows it). Shared with {@link CaptureEnd}.
     */
    static void setTime(Frame f, long ts, long unitsPerSec, BigInteger bigUnits, long tsOffsetSec) {
        if (ts == -1) {
            f.tsSec = 0;
            f.tsNanos = 0;
        } else if (unitsPerSec > 0) {
            long u = unitsPerSec;
            long sec = Long.divideUnsigned(ts, u);
            long rem = Long.remainderUnsigned(ts, u);
            long ns = u <= 9_223_372_036L ? rem * 1_000_000_000L / u
                    : BigInteger.valueOf(rem).multiply(BigInteger.valueOf(1_000_000_000L)).divide(BigInteger.valueOf(u)).longValue();
            f.tsSec = sec + tsOffsetSec;
            f.tsNanos = (int) ns;
        } else {
            BigInteger t = new BigInteger(Long.toUnsignedString(ts));
            BigInteger[] qr = t.divideAndRemainder(bigUnits);
            f.tsSec = qr[0].longValue() + tsOffsetSec;
            f.tsNanos = qr[1].multiply(BigInteger.valueOf(1_000_000_000L)).divide(bigUnits).intValue();
        }
    }

    private int i32(int off) {
        return Bytes.i32(in.buf, off, bigEndian);
    }

    private static String text(byte[] b, int off, int len) {
        int n = len;
        while (n > 0 && b[off + n - 1] == 0) n--;
        return new String(b, off, n, StandardCharsets.UTF_8);
    }

    private void stop(ReadProblem.Kind kind, long offset, String message) {
        done = true;
        problem = new ReadProblem(kind, offset, frames, message);
        anomalies.add(kind == ReadProblem.Kind.TRUNCATED ? Anomaly.CAPTURE_TRUNCATED : Anomaly.CAPTURE_BAD_BLOCK, frames + 1);
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

    /** pcapng has no file-wide snapshot length, only one per interface: 0 ("not set", as capinfos says). */
    @Override
    public long snaplen() {
        return 0;
    }

    @Override
    public int tsPrecisionDigits() {
        if (allInterfaces.isEmpty()) return 6;
        long u = allInterfaces.get(0).tsUnitsPerSecond();
        int d = 0;
        while (u > 1) {
            u /= 10;
            d++;
        }
        return d;
    }

    @Override
    public void close() {
        closer.run();
    }
}
