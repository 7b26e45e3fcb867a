package org.nta.app.mail;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of one message as they arrive: kept up to a limit, all of them counted and hashed.
 */
final class MessageBuffer {
    private final int keep;
    private final MessageDigest sha;
    private byte[] buf = new byte[1024];
    private int kept;
    private long size;
    /** The frame of the first byte (0 until one arrives, for buffers opened before it). */
    long firstFrame;
    boolean incomplete;

    MessageBuffer(int keep, long firstFrame) {
        this.keep = keep;
        this.firstFrame = firstFrame;
        sha = org.nta.bytes.Digests.sha256();
    }

    void append(byte[] b, int off, int len, long frame) {
        if (firstFrame == 0) firstFrame = frame;
        if (len <= 0) return;
        sha.update(b, off, len);
        size += len;
        int k = Math.min(len, keep - kept);
        if (k <= 0) return;
        if (kept + k > buf.length) buf = Arrays.copyOf(buf, (int) Math.min(keep, Math.max((long) kept + k, buf.length * 2L)));
        System.arraycopy(b, off, buf, kept, k);
        kept += k;
    }

    long size() {
        return size;
    }

    int kept() {
        return kept;
    }

    boolean truncated() {
        return kept < size;
    }

    byte[] array() {
        return buf;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, kept);
    }

    String sha256() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
