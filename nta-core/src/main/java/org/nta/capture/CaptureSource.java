package org.nta.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.nta.bytes.Bytes;
import org.tukaani.xz.XZInputStream;

import io.airlift.compress.zstd.ZstdInputStream;

/**
 * Opens a capture from a path or standard input ("-"): detects compression (gzip, zstd, xz) and the
 * container format (pcap, pcapng) by content, never by file name, and hands out the matching reader.
 */
public final class CaptureSource implements Closeable {
    private static final int MAX_RECORD_BUFFER = 128 * 1024 * 1024 + 262_144;

    private final String name;
    private final String compression;
    private final long fileSize;
    private final CountingDigestStream raw;
    private final InputStream decoded;
    private final CaptureReader reader;
    /** Set when this source reads several files one after another; raw and decoded are then null. */
    private final CaptureChain chain;

    private CaptureSource(String name, String compression, long fileSize, CountingDigestStream raw, InputStream decoded,
                          InputBuffer buffer) throws CaptureException {
        this.name = name;
        this.compression = compression;
        this.fileSize = fileSize;
        this.raw = raw;
        this.decoded = decoded;
        this.reader = selectReader(buffer, compression);
        this.chain = null;
    }

    private CaptureSource(String name, long fileSize, CaptureChain chain) {
        this.name = name;
        this.compression = "mixed";
        this.fileSize = fileSize;
        this.raw = null;
        this.decoded = null;
        this.reader = chain;
        this.chain = chain;
    }

    /**
     * Opens several files as one capture read one after another, ordered by the time of their first frame (a file
     * without frames last; equal times keep the order given): a sensor's rotated files. One path is
     * {@link #open(String, boolean)}.
     *
     * @param name what messages call the whole (the directory, or "N files")
     * @throws CaptureException when one of them cannot be read as a capture at all; the message names it
     */
    public static CaptureSource openAll(List<String> paths, String name, boolean hash) throws CaptureException {
        return openAll(paths, name, hash, CaptureSource::open);
    }

    /** How {@link #openAll(List, String, boolean, Opener)} opens one of the files: a local path, a Hadoop file system's. */
    @FunctionalInterface
    public interface Opener {
        CaptureSource open(String path, boolean hash) throws CaptureException;
    }

    /** {@link #openAll(List, String, boolean)} with the files opened by {@code opener} (each one twice: to order them, to read). */
    public static CaptureSource openAll(List<String> paths, String name, boolean hash, Opener opener) throws CaptureException {
        if (paths.isEmpty()) throw new CaptureException(name + ": no capture file");
        if (paths.size() == 1) return opener.open(paths.get(0), hash);
        record Start(String path, long ns) {
        }
        List<Start> starts = new ArrayList<>();
        long size = 0;
        for (String p : paths) {
            if (p.equals("-")) throw new CaptureException("standard input (-) cannot be read with other files");
            try (CaptureSource s = opener.open(p, false)) {
                Frame f = new Frame();
                starts.add(new Start(p, s.reader().next(f) ? f.epochNanos() : Long.MAX_VALUE));
                size += Math.max(0, s.fileSize());
            }
        }
        starts.sort(java.util.Comparator.comparingLong(Start::ns));
        List<String> ordered = starts.stream().map(Start::path).toList();
        CaptureSource first = opener.open(ordered.get(0), hash);
        return new CaptureSource(name, size, new CaptureChain(first, ordered, hash, opener));
    }

    /**
     * Opens one sensor's run of files ({@link SensorRuns}) as one capture, read in the order given, its frames
     * numbered on after {@code frameOffset} frames of the runs before it; always with {@link #parts()}, even for one
     * file. Its size is unknown (-1): each part says its own.
     */
    public static CaptureSource openRun(List<String> ordered, String name, boolean hash, Opener opener, long frameOffset,
                                        int sensor) throws CaptureException {
        if (ordered.isEmpty()) throw new CaptureException(name + ": no capture file");
        CaptureSource first = opener.open(ordered.get(0), hash);
        return new CaptureSource(name, -1, new CaptureChain(first, ordered, hash, opener, frameOffset, sensor));
    }

    /** The file being read: its name, or the current one's when this source reads several (the last at the end). */
    public String currentFile() {
        return chain == null ? name : chain.currentFile();
    }

    /** The files read when this source reads several, in reading order (complete once read), else empty. */
    public List<CapturePart> parts() {
        return chain == null ? List.of() : chain.parts();
    }

    /**
     * Opens {@code path} ("-" for standard input).
     *
     * @param hash compute the SHA-256 of the bytes as stored (what sha256sum and capinfos print)
     * @throws CaptureException when the input cannot be read as a capture at all; the message says why
     */
    public static CaptureSource open(String path, boolean hash) throws CaptureException {
        InputStream in;
        long size = -1;
        if (path.equals("-")) {
            in = System.in;
        } else {
            Path p = Path.of(path);
            if (Files.isDirectory(p)) throw new CaptureException(path + ": is a directory, not a capture file");
            try {
                size = Files.size(p);
                in = Files.newInputStream(p);
            } catch (NoSuchFileException e) {
                throw new CaptureException(path + ": no such file");
            } catch (AccessDeniedException e) {
                throw new CaptureException(path + ": permission denied");
            } catch (IOException e) {
                throw new CaptureException(path + ": cannot open (" + e.getMessage() + ")");
            }
        }
        return open(in, path, size, hash);
    }

    /**
     * Reads a capture from a stream someone else opened (a Hadoop file system's, an archive entry's), named
     * {@code name} in messages; the stream is closed with this source.
     *
     * @param size the stored size when known (for progress), else -1
     */
    public static CaptureSource open(InputStream in, String name, long size, boolean hash) throws CaptureException {
        String path = name;
        CountingDigestStream raw = new CountingDigestStream(in, hash);
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(16);
            byte[] head = buffered.readNBytes(6);
            buffered.reset();
            String compression = compressionOf(head);
            InputStream decoded = switch (compression) {
                case "gzip" -> new GZIPInputStream(buffered, 1 << 16);
                case "zstd" -> Streams.guarded(new ZstdInputStream(buffered));
                case "xz" -> Streams.guarded(new XZInputStream(buffered));
                default -> buffered;
            };
            InputBuffer buffer = new InputBuffer(decoded, InputBuffer.DEFAULT_SIZE, MAX_RECORD_BUFFER);
            try {
                return new CaptureSource(path, compression, size, raw, decoded, buffer);
            } catch (CaptureException e) {
                throw new CaptureException(path + ": " + e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw new CaptureException(path + ": cannot read (" + (e instanceof IOException io ? Streams.describe(io) : e.toString()) + ")");
        } catch (CaptureException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static String compressionOf(byte[] h) {
        if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) return "gzip";
        if (h.length >= 4 && Bytes.i32(h, 0) == 0x28b52ffd) return "zstd";
        if (h.length >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0) return "xz";
        return "none";
    }

    private static CaptureReader selectReader(InputBuffer buffer, String compression) throws CaptureException {
        try {
            buffer.ensure(24);
        } catch (IOException e) {
            throw new CaptureException("cannot read (" + Streams.describe(e) + ")");
        }
        int n = buffer.available();
        byte[] b = buffer.buf;
        int p = buffer.pos;
        Runnable noop = () -> { };
        if (n >= 4) {
            int be = Bytes.i32(b, p);
            int le = Bytes.i32le(b, p);
            if (isPcapMagic(be) || isPcapMagic(le)) {
                if (n < 24) throw new CaptureException("a pcap file cut off inside its header (" + n + " of its 24 bytes)");
                return new PcapReader(buffer, noop);
            }
            if (be == PcapngReader.SHB) return pcapng(buffer);
        }
        byte[] head = copyHead(buffer);
        String what = ContentSniffer.describe(head, head.length);
        String prefix = compression.equals("none") ? "" : compression + "-compressed ";
        throw new CaptureException("not a capture file (pcap or pcapng): it looks like " + prefix + what);
    }

    /** Checks that the first section header block is there whole before handing out the reader. */
    private static CaptureReader pcapng(InputBuffer buffer) throws CaptureException {
        int n = buffer.available();
        byte[] b = buffer.buf;
        int p = buffer.pos;
        if (n < 12) throw new CaptureException("a pcapng file cut off inside its header (" + n + " bytes of its section header block)");
        boolean big = Bytes.i32(b, p + 8) == PcapngReader.BYTE_ORDER_MAGIC;
        if (!big && Bytes.i32le(b, p + 8) != PcapngReader.BYTE_ORDER_MAGIC) {
            throw new CaptureException("a pcapng file with a damaged section header");
        }
        long len = Bytes.i32(b, p + 4, big) & 0xffffffffL;
        if (len >= 28 && len <= PcapngReader.MAX_BLOCK) {
            boolean whole;
            try {
                whole = buffer.ensure((int) len);
            } catch (IOException e) {
                throw new CaptureException("cannot read (" + Streams.describe(e) + ")");
            }
            if (!whole) {
                throw new CaptureException("a pcapng file cut off inside its header (" + buffer.available() + " of the "
                        + len + " bytes of its section header block)");
            }
        }
        return new PcapngReader(buffer, () -> { });
    }

    private static byte[] copyHead(InputBuffer buffer) {
        try {
            buffer.ensure(512);
        } catch (IOException e) {
            // use what is there
        }
        int n = Math.min(512, buffer.available());
        byte[] h = new byte[n];
        System.arraycopy(buffer.buf, buffer.pos, h, 0, n);
        return h;
    }

    private static boolean isPcapMagic(int m) {
        return m == PcapReader.MAGIC_US || m == PcapReader.MAGIC_NS || m == PcapReader.MAGIC_MODIFIED;
    }

    public CaptureReader reader() {
        return reader;
    }

    public String name() {
        return name;
    }

    /** "none", "gzip", "zstd" or "xz"; "mixed" for several files (each part says its own). */
    public String compression() {
        return compression;
    }

    /** Size of the file as stored, or -1 for standard input. */
    public long fileSize() {
        return fileSize;
    }

    /** Bytes read from the stored file so far. */
    public long rawBytesRead() {
        return chain != null ? chain.rawBytesRead() : raw.count();
    }

    /**
     * SHA-256 of the whole stored input, reading what the capture reader did not (after a corrupt point);
     * null if hashing was not requested.
     */
    public String sha256() {
        if (chain != null || !raw.hashing()) return null;
        try {
            raw.drain();
        } catch (IOException e) {
            return null;
        }
        return raw.hexDigest();
    }

    @Override
    public void close() {
        if (chain != null) {
            chain.close();
            return;
        }
        closeQuietly(decoded);
        closeQuietly(raw);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do: the capture has been read
        }
    }

    /** Counts, and optionally hashes, the bytes as stored. */
    private static final class CountingDigestStream extends FilterInputStream {
        private final Sha256 digest;
        private long count;
        private String hex;

        CountingDigestStream(InputStream in, boolean hash) {
            super(in);
            this.digest = hash ? new Sha256() : null;
        }

        boolean hashing() {
            return digest != null;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
                if (digest != null) digest.update(new byte[] {(byte) c}, 0, 1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
                if (digest != null) digest.update(b, off, r);
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] tmp = new byte[(int) Math.min(n, 8192)];
            int r = read(tmp, 0, tmp.length);
            return Math.max(r, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        void drain() throws IOException {
            if (hex != null) return;
            byte[] tmp = new byte[1 << 16];
            while (read(tmp, 0, tmp.length) >= 0) {
                // hashing as we go
            }
            hex = digest.hex();
        }

        String hexDigest() {
            return hex;
        }

        @Override
        public void close() throws IOException {
            if (digest != null) digest.close();
            super.close();
        }
    }
}
