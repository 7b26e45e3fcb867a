package org.nta.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The body of an HTTP message.
 *
 * @param length          bytes of the entity as sent, after removing chunked framing and before content decoding
 *                        (what a Content-Length header would say); bytes lost in capture gaps are not counted
 * @param decodedLength   bytes after content decoding (equal to {@code length} without Content-Encoding)
 * @param sha256          lower-case hex SHA-256 over all {@code decodedLength} decoded bytes, kept or not; empty when
 *                        the run does not hash this direction's bodies (HttpConfig)
 * @param bytes           the first decoded bytes, up to the configured keep limit (accessor returns a copy)
 * @param truncated       fewer bytes were kept than were decoded
 * @param contentEncoding the Content-Encoding header as sent, or null
 * @param decoding        how content decoding went
 * @param incomplete      bytes of the body are missing (capture gap, connection closed before its end)
 */
public record HttpBody(long length, long decodedLength, String sha256, byte[] bytes, boolean truncated,
                       String contentEncoding, Decoding decoding, boolean incomplete) {
    /** SHA-256 of no bytes. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final HttpBody EMPTY = new HttpBody(0, 0, EMPTY_SHA256, new byte[0], false, null,
            Decoding.IDENTITY, false);

    /** Outcome of content decoding. */
    public enum Decoding {
        /** No Content-Encoding: decoded bytes are the bytes sent. */
        IDENTITY,
        /** Decoded completely. */
        DECODED,
        /** An encoding NTA does not decode: decoded bytes are the bytes sent. */
        UNSUPPORTED,
        /** Corrupt encoded data: decoded bytes are what came out before the error. */
        ERROR,
        /** Decoding stopped at the decompressed-size limit. */
        LIMIT,
        /** A capture gap made further decoding impossible. */
        GAP
    }

    public HttpBody {
        Objects.requireNonNull(sha256);
        Objects.requireNonNull(bytes);
        Objects.requireNonNull(decoding);
    }

    /** A copy of the kept bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * A 64-bit fingerprint of the first {@code n} kept bytes and the length (not cryptographic: for recognising a
     * body seen before, e.g. the same page served again).
     */
    public long contentHash(int n) {
        int len = Math.min(n, bytes.length);
        // four independent lanes, so the multiplications overlap instead of waiting for each other
        long h0 = 0x9E3779B97F4A7C15L ^ decodedLength, h1 = 0xC2B2AE3D27D4EB4FL, h2 = 0x165667B19E3779F9L, h3 = 0x27D4EB2F165667C5L;
        int i = 0;
        for (; i + 32 <= len; i += 32) {
            h0 = lane(h0, (long) LONGS.get(bytes, i));
            h1 = lane(h1, (long) LONGS.get(bytes, i + 8));
            h2 = lane(h2, (long) LONGS.get(bytes, i + 16));
            h3 = lane(h3, (long) LONGS.get(bytes, i + 24));
        }
        for (; i + 8 <= len; i += 8) h0 = lane(h0, (long) LONGS.get(bytes, i));
        long h = h0 ^ Long.rotateLeft(h1, 17) ^ Long.rotateLeft(h2, 31) ^ Long.rotateLeft(h3, 47) ^ len;
        for (; i < len; i++) {
            h ^= bytes[i] & 0xff;
            h *= 0x94D049BB133111EBL;
        }
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    private static long lane(long h, long v) {
        h ^= v;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    /** Whether {@code o} has the same decoded length and the same first {@code n} kept bytes. */
    public boolean samePrefix(HttpBody o, int n) {
        if (decodedLength != o.decodedLength) return false;
        int a = Math.min(n, bytes.length), b = Math.min(n, o.bytes.length);
        return a == b && java.util.Arrays.equals(bytes, 0, a, o.bytes, 0, b);
    }

    /**
     * A cheap fingerprint of the first {@code n} kept bytes: the lengths and sixteen words sampled across them. For
     * bucketing bodies before comparing them with {@link #samePrefix}; unlike {@link #contentHash} it does not read
     * every byte.
     */
    public long sampleHash(int n) {
        int len = Math.min(n, bytes.length);
        long h = lane(0x9E3779B97F4A7C15L ^ decodedLength, len);
        if (len < 8) {
            for (int i = 0; i < len; i++) h = lane(h, bytes[i]);
            return h;
        }
        int step = Math.max(1, (len - 8) / 15);
        for (int i = 0; i <= len - 8; i += step) h = lane(h, (long) LONGS.get(bytes, i));
        return lane(h, (long) LONGS.get(bytes, len - 8));
    }

    /** A copy of the first {@code n} kept bytes (fewer if fewer were kept): cheaper than {@link #bytes()} for a peek. */
    public byte[] prefix(int n) {
        return java.util.Arrays.copyOf(bytes, Math.min(n, bytes.length));
    }

    public int keptLength() {
        return bytes.length;
    }

    /** Index of the first {@code value} among the kept bytes {@code [from, to)}, or -1; without a copy. */
    public int indexOf(byte value, int from, int to) {
        return org.nta.bytes.Bytes.indexOf(bytes, from, Math.min(to, bytes.length), value);
    }

    /** The kept byte at {@code i} (0 ≤ i < {@link #keptLength()}), without a copy: for a look at a few bytes. */
    public byte byteAt(int i) {
        return bytes[i];
    }

    public boolean isEmpty() {
        return decodedLength == 0;
    }

    /** The kept bytes as text (UTF-8, malformed sequences replaced). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpBody b && length == b.length && decodedLength == b.decodedLength
                && sha256.equals(b.sha256) && Arrays.equals(bytes, b.bytes) && truncated == b.truncated
                && Objects.equals(contentEncoding, b.contentEncoding) && decoding == b.decoding
                && incomplete == b.incomplete;
    }

    @Override
    public int hashCode() {
        return Objects.hash(length, decodedLength, sha256, Arrays.hashCode(bytes), truncated, decoding, incomplete);
    }

    @Override
    public String toString() {
        return "HttpBody[length=" + length + ", decodedLength=" + decodedLength + ", sha256=" + sha256 + ", kept="
                + bytes.length + ", truncated=" + truncated + ", contentEncoding=" + contentEncoding + ", decoding="
                + decoding + ", incomplete=" + incomplete + "]";
    }
}
