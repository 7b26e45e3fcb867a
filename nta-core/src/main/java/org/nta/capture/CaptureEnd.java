package org.nta.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;

import org.nta.bytes.Bytes;

/**
 * When a capture file ends, told from its first and last bytes instead of reading it whole: {@link SensorRuns} needs
 * the end of every file named on the command line but the last to tell whether the next one continues it, and
 * reading rotated files of hundreds of MB whole for that made {@code nta analyze rot/*.pcap} 12% slower than
 * {@code nta analyze rot/}.
 * <p>
 * <b>What "end" is here:</b> the latest frame time (as {@link Frame#epochNanos}) among the file's <i>head</i> (its
 * frames in its first {@value #HEAD_BYTES} bytes, at least one) and its <i>tail</i> (the frames that lie whole in
 * its last {@value #TAIL_BYTES} bytes, at least half of them). That is the latest frame time of a whole read
 * ({@link SensorRuns.Span#lastNs}) except when a frame in between is later than all of those (the clock jumped back
 * in the middle of the file and stayed behind to its end), or the file is damaged in the middle (a whole read stops
 * there; the tail lies after it). Such a file is judged by its head and tail; if that chains it with a file it
 * overlaps, reading the run finds the overlap and flags that file {@link CapturePart#overlapsPrevious()}, so it is
 * not silent.
 * <p>
 * <b>Read from the end:</b> uncompressed pcapng, walking back from the end of the file block by block (a block
 * repeats its total length at its end), its packet blocks' timestamps resolved by the interfaces of the section
 * the head was read in; uncompressed classic pcap in either byte order with the micro- or nanosecond magic, whose
 * records have no trailer: the tail is searched for the chain of plausible record headers (see {@link #pcapTail})
 * that every chain starting in its first part runs into, ending at the end of the file or in a record the file
 * ends inside (a capture cut while being written; that record is no frame, as for a whole read).
 * <p>
 * <b>Falls back</b> (an empty answer: read the file whole) for anything else or any doubt: standard input or what
 * is not a regular local file, a file not bigger than head and tail together (a whole read is as cheap), compressed
 * files, the modified ("Kuznetzov") pcap format, pcap link types whose records may be longer than 256 KiB, a head
 * with a read problem or without frames or over several pcapng sections, a tail with a section header, an interface
 * description, a simple packet block (no time), a packet on an interface the head has not described, a record the
 * whole read would refuse, a time more than {@value #SANE_DAYS} days away from the head's, or too little of the
 * tail understood. Never throws: a file that cannot be read falls back, and the whole read says why.
 */
public final class CaptureEnd {
    static final int HEAD_BYTES = 64 * 1024;
    static final int TAIL_BYTES = 1024 * 1024;
    static final int SANE_DAYS = 400;
    private static final long SANE_SECONDS = SANE_DAYS * 86_400L;
    /** pcap records are searched for only when no record is longer than this (every usual link type). */
    private static final int PCAP_MAX_RECORD = 262_144;
    private static final int IDB = 1, OPB = 2, SPB = 3, EPB = 6;
    /** In a pcap tail's record chain: the file ends inside the record header there. */
    private static final int PARTIAL = -2;

    private final int headBytes;
    private final int tailBytes;

    /** With a smaller head and tail than the defaults, for tests on small files. */
    CaptureEnd(int headBytes, int tailBytes) {
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
    }

    /** The end of the capture file at {@code path} as the class says, or empty when it must be read whole. */
    public static OptionalLong of(String path) {
        return new CaptureEnd(HEAD_BYTES, TAIL_BYTES).end(path);
    }

    OptionalLong end(String path) {
        try {
            if (path.equals("-")) return OptionalLong.empty();
            Path p = Path.of(path);
            if (!Files.isRegularFile(p)) return OptionalLong.empty();
            long size = Files.size(p);
            if (size <= (long) headBytes + tailBytes) return OptionalLong.empty();
            Head head;
            try (CaptureSource s = CaptureSource.open(path, false)) {
                head = Head.read(s, headBytes);
            }
            if (head == null) return OptionalLong.empty();
            byte[] start, tail;
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                start = read(ch, 0, 24);
                tail = read(ch, size - tailBytes, tailBytes);
            }
            OptionalLong t = head.format() == CaptureFormat.PCAP ? pcapTail(start, tail, head) : pcapngTail(start, tail, head);
            return t.isPresent() ? OptionalLong.of(Math.max(t.getAsLong(), head.maxNs())) : t;
        } catch (IOException | CaptureException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** What the normal reader saw in the first bytes: its latest frame, its frames' seconds, its interfaces. */
    private record Head(CaptureFormat format, long maxNs, long minSec, long maxSec, List<InterfaceInfo> interfaces) {
        static Head read(CaptureSource s, int headBytes) {
            if (!s.compression().equals("none")) return null;
            CaptureReader r = s.reader();
            Frame f = new Frame();
            long max = Long.MIN_VALUE, minSec = Long.MAX_VALUE, maxSec = Long.MIN_VALUE;
            boolean any = false;
            while (r.next(f)) {
                any = true;
                max = Math.max(max, f.epochNanos());
                minSec = Math.min(minSec, f.tsSec);
                maxSec = Math.max(maxSec, f.tsSec);
                if (r.position() >= headBytes) break;
            }
            if (!any || r.problem() != null) return null;
            List<InterfaceInfo> all = List.copyOf(r.interfaces());
            if (all.isEmpty() || all.stream().anyMatch(i -> i.section() != all.get(0).section())) return null;
            return new Head(r.format(), max, minSec, maxSec, all);
        }

        boolean sane(long sec) {
            return sec >= minSec - SANE_SECONDS && sec <= maxSec + SANE_SECONDS;
        }
    }

    /**
     * The latest frame of a pcap file's tail. Every offset of the tail that could start a record (a plausible header:
     * fraction below a second, original length 1 byte to 64 MiB, captured length at most that, the snapshot length
     * and a quarter of the tail ({@code R}, 256 KiB by default: what the usual link types allow), time near the
     * head's) leads to the next one; a chain of them is good when it ends at the end of the file, in a record the
     * file ends inside, or in a header the file ends inside. A real record starts in the first {@code R + 16} bytes of
     * the tail, and the real records from there on make a good chain (unless one of them is implausible: then it is
     * rare for any chain to be good), so the offset every good chain starting there passes through is a real record,
     * and so is every record after it: their frames are the answer. Chains that never meet, or meet only at their
     * end, are doubt. No single record can lead from there past the end of the file: a chain that ends in a cut
     * record has taken several plausible steps.
     */
    private static OptionalLong pcapTail(byte[] start, byte[] buf, Head head) {
        int be = Bytes.i32(start, 0), le = Bytes.i32le(start, 0);
        boolean big = be == PcapReader.MAGIC_US || be == PcapReader.MAGIC_NS;
        if (!big && le != PcapReader.MAGIC_US && le != PcapReader.MAGIC_NS) return OptionalLong.empty();
        boolean nanos = (big ? be : le) == PcapReader.MAGIC_NS;
        long snaplen = Bytes.i32(start, 16, big) & 0xffffffffL;
        if (LinkTypes.maxRecordLength(Bytes.i32(start, 20, big) & 0x03ffffff) > PCAP_MAX_RECORD) return OptionalLong.empty();
        int n = buf.length;
        int maxRecord = Math.min(PCAP_MAX_RECORD, n / 4);
        // next[o]: where the record at o ends; -1 no record starts there; PARTIAL the file ends inside a header at o
        int[] next = new int[n];
        boolean[] good = new boolean[n + 1];
        good[n] = true;
        for (int o = n - 1; o >= 0; o--) {
            if (n - o < 16) {
                next[o] = PARTIAL;
                good[o] = true;
                continue;
            }
            long sec = u32(buf, o, big), frac = u32(buf, o + 4, big), incl = u32(buf, o + 8, big), orig = u32(buf, o + 12, big);
            boolean plausible = frac < (nanos ? 1_000_000_000L : 1_000_000L) && orig >= 1 && orig < (1 << 26) && incl <= orig
                    && incl <= maxRecord && (snaplen == 0 || incl <= snaplen) && head.sane(sec);
            next[o] = plausible ? o + 16 + (int) incl : -1;
            good[o] = plausible && (next[o] >= n || good[next[o]]);
        }
        int meet = -1;
        for (int s = 0, firstPart = maxRecord + 16; s < firstPart; s++) {
            if (!good[s]) continue;
            if (meet < 0) {
                meet = s;
                continue;
            }
            int x = s, y = meet;
            while (x != y && x >= 0 && y >= 0) {
                if (x < y) x = step(next, x, n);
                else y = step(next, y, n);
            }
            if (x != y) return OptionalLong.empty();
            meet = x;
        }
        if (meet < 0) return OptionalLong.empty();
        Frame f = new Frame();
        long max = Long.MIN_VALUE;
        for (int o = meet; o < n && next[o] >= 0 && next[o] <= n; o = next[o]) {
            PcapReader.setTime(f, u32(buf, o, big), u32(buf, o + 4, big), nanos);
            max = Math.max(max, f.epochNanos());
        }
        return max == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /** The record after the one at {@code o}, or -1 when the chain ends there (end of file, or cut). */
    private static int step(int[] next, int o, int n) {
        if (o >= n || next[o] < 0 || next[o] > n) return -1;
        return next[o];
    }

    /**
     * The latest frame of a pcapng file's tail, walking back from its end: each block's trailing length must lead to
     * a block that starts with the same length; the walk ends where the tail does (or a length does not match), and
     * must have covered at least half of the tail, which a walk that started inside a block of a file cut while
     * being written cannot (it never lands on a real block, whose length would not match).
     */
    private static OptionalLong pcapngTail(byte[] start, byte[] buf, Head head) {
        boolean big = Bytes.i32(start, 8) == PcapngReader.BYTE_ORDER_MAGIC;
        if (!big && Bytes.i32le(start, 8) != PcapngReader.BYTE_ORDER_MAGIC) return OptionalLong.empty();
        int n = buf.length;
        int p = n;
        Frame f = new Frame();
        long max = Long.MIN_VALUE;
        while (p >= 12) {
            long len = u32(buf, p - 4, big);
            if (len < 12 || (len & 3) != 0 || len > p) break;
            int b = p - (int) len;
            if (u32(buf, b + 4, big) != len) break;
            int type = Bytes.i32(buf, b, big);
            if (type == PcapngReader.SHB || type == IDB || type == SPB) return OptionalLong.empty();
            if (type == EPB || type == OPB) {
                int body = b + 8, bodyLen = (int) len - 12;
                if (bodyLen < 20) return OptionalLong.empty();
                long ifId = type == OPB ? Bytes.u16(buf, body, big) : u32(buf, body, big);
                if (ifId >= head.interfaces().size()) return OptionalLong.empty();
                InterfaceInfo iface = head.interfaces().get((int) ifId);
                long capLen = u32(buf, body + 12, big);
                if (capLen > bodyLen - 20 || capLen > LinkTypes.maxRecordLength(iface.linkType())) return OptionalLong.empty();
                if (iface.tsUnitsPerSecond() == Long.MAX_VALUE) return OptionalLong.empty(); // finer than a long counts
                long ts = (u32(buf, body + 4, big) << 32) | u32(buf, body + 8, big);
                PcapngReader.setTime(f, ts, iface.tsUnitsPerSecond(), null, iface.tsOffsetSec());
                if (!head.sane(f.tsSec)) return OptionalLong.empty();
                max = Math.max(max, f.epochNanos());
            }
            p = b;
        }
        if (max == Long.MIN_VALUE || n - p < n / 2) return OptionalLong.empty();
        return OptionalLong.of(max);
    }

    private static long u32(byte[] b, int off, boolean big) {
        return Bytes.i32(b, off, big) & 0xffffffffL;
    }

    private static byte[] read(FileChannel ch, long at, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(len);
        while (bb.hasRemaining()) {
            if (ch.read(bb, at + bb.position()) < 0) throw new EOFException();
        }
        return bb.array();
    }
}
