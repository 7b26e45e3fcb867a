package org.nta.app.smb;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.nta.bytes.Bytes;

/**
 * One file rebuilt from the pieces SMB READs or WRITEs carried at their offsets, in whatever order they came. The
 * SHA-256 runs over the bytes in file order: a piece at the next expected offset is hashed at once, a piece further
 * on is held (up to {@code maxAheadBytes}) until the bytes before it arrive; a piece that repeats bytes already seen
 * only adds what is new. The first {@code keepBytes} bytes are kept at their offsets.
 */
final class FileRebuild {
    private final int keepBytes, maxAheadBytes;
    private final MessageDigest sha;
    private final TreeMap<Long, byte[]> ahead = new TreeMap<>();
    private long aheadBytes;
    private byte[] kept = new byte[0];
    private int keptLen;
    /** Bytes hashed so far: the file is complete from 0 to here. */
    private long next;
    /** One past the highest byte seen. */
    private long size;
    private boolean broken;
    long firstFrame = -1, lastFrame = -1, lastTimeNs;

    FileRebuild(int keepBytes, int maxAheadBytes) {
        this.keepBytes = keepBytes;
        this.maxAheadBytes = maxAheadBytes;
        sha = org.nta.bytes.Digests.sha256();
    }

    /** Bytes b[off, off + len) of the file at {@code offset}; returns false when the ahead limit was reached. */
    boolean add(long offset, byte[] b, int off, int len, long frame, long timeNs) {
        if (len <= 0 || offset < 0) return true;
        if (firstFrame < 0) firstFrame = frame;
        lastFrame = frame;
        lastTimeNs = timeNs;
        size = Math.max(size, offset + len);
        keep(offset, b, off, len);
        if (broken) return true;
        if (offset > next) {
            if (aheadBytes + len > maxAheadBytes) {
                broken = true;
                ahead.clear();
                return false;
            }
            byte[] piece = Arrays.copyOfRange(b, off, off + len);
            byte[] old = ahead.put(offset, piece);
            if (old != null && old.length > piece.length) ahead.put(offset, old);
            else aheadBytes += len - (old == null ? 0 : old.length);
            return true;
        }
        hash(offset, b, off, len);
        while (!ahead.isEmpty() && ahead.firstKey() <= next) {
            Map.Entry<Long, byte[]> e = ahead.pollFirstEntry();
            aheadBytes -= e.getValue().length;
            hash(e.getKey(), e.getValue(), 0, e.getValue().length);
        }
        return true;
    }

    private void hash(long offset, byte[] b, int off, int len) {
        long skip = next - offset;
        if (skip >= len) return;
        sha.update(b, off + (int) skip, len - (int) skip);
        next = offset + len;
    }

    private void keep(long offset, byte[] b, int off, int len) {
        if (offset >= keepBytes) return;
        int n = (int) Math.min(len, keepBytes - offset);
        int end = (int) offset + n;
        if (kept.length < end) kept = Arrays.copyOf(kept, Math.min(keepBytes, Math.max(end, kept.length * 2)));
        System.arraycopy(b, off, kept, (int) offset, n);
        keptLen = Math.max(keptLen, end);
    }

    boolean seen() {
        return firstFrame >= 0;
    }

    long size() {
        return size;
    }

    /** Some byte between 0 and the highest seen never came (or the ahead limit was reached). */
    boolean incomplete() {
        return broken || next < size;
    }

    /** The first bytes kept (holes are zeros). */
    byte[] kept() {
        return Arrays.copyOf(kept, keptLen);
    }

    /** Lower-case hex SHA-256 of the whole file, or null when it is incomplete. */
    String sha256() {
        if (incomplete()) return null;
        return Bytes.hex(sha.digest());
    }
}
