package org.nta.app.dcerpc;

import java.nio.charset.StandardCharsets;

import org.nta.bytes.Bytes;

/**
 * Reads NDR 2.0 little-endian stub data (C706 chapter 14): primitives aligned to their size from the stub's start,
 * unique pointers (a referent id, the pointee following for top-level parameters), conformant varying strings,
 * 20-byte context handles. Reading past the end or a string whose counts do not fit sets {@link #bad} and returns
 * zero or null; the caller counts it.
 */
final class NdrReader {
    private final byte[] b;
    private final int start, end, maxChars;
    private int p;
    boolean bad;

    NdrReader(byte[] b, int off, int len, int maxChars) {
        this.b = b;
        this.start = off;
        this.p = off;
        this.end = off + len;
        this.maxChars = maxChars;
    }

    private boolean need(int n) {
        if (bad || n < 0 || p + n > end) {
            bad = true;
            return false;
        }
        return true;
    }

    /** Bytes left to read. */
    int remaining() {
        return end - p;
    }

    void align(int n) {
        p = start + (p - start + n - 1) / n * n;
    }

    long u32() {
        align(4);
        if (!need(4)) return 0;
        long v = Bytes.u32lle(b, p);
        p += 4;
        return v;
    }

    int u16() {
        align(2);
        if (!need(2)) return 0;
        int v = Bytes.u16le(b, p);
        p += 2;
        return v;
    }

    int u8() {
        if (!need(1)) return 0;
        return b[p++] & 0xff;
    }

    /** {@code n} bytes as lower-case hex, or null. */
    String hex(int n) {
        if (!need(n)) return null;
        String s = Bytes.hex(b, p, n);
        p += n;
        return s;
    }

    /** {@code n} raw bytes (a copy), or null. */
    byte[] bytes(int n) {
        if (!need(n)) return null;
        byte[] out = java.util.Arrays.copyOfRange(b, p, p + n);
        p += n;
        return out;
    }

    /** A context handle (20 bytes, 4-aligned) as hex. */
    String handle() {
        align(4);
        return hex(20);
    }

    /** A conformant varying UTF-16 string (max_count, offset, actual_count, characters), without its final NUL. */
    String string() {
        long max = u32(), offset = u32(), actual = u32();
        if (bad) return null;
        if (offset > max || actual > max - offset || actual * 2 > end - p) {
            bad = true;
            return null;
        }
        int keep = (int) Math.min(actual, maxChars);
        String s = new String(b, p, keep * 2, StandardCharsets.UTF_16LE);
        p += (int) actual * 2;
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** A unique pointer to a string: null when the referent id is 0. */
    String uniqueString() {
        return u32() == 0 ? null : string();
    }

    /** A unique pointer to a 32-bit integer: -1 when null. */
    long uniqueU32() {
        return u32() == 0 ? -1 : u32();
    }

    /** An RPC_UNICODE_STRING (Length, MaximumLength, a unique pointer to the characters), its pointee following. */
    String unicodeString() {
        u16();
        u16();
        return u32() == 0 ? null : string();
    }

    /**
     * A conformant varying 8-bit string (an RPC_STRING's characters: max_count, offset, actual_count, bytes) read as
     * ISO-8859-1, without a final NUL, at most {@code maxChars} kept.
     */
    String ascii() {
        long max = u32(), offset = u32(), actual = u32();
        if (bad) return null;
        if (offset > max || actual > max - offset || actual > end - p) {
            bad = true;
            return null;
        }
        int keep = (int) Math.min(actual, maxChars);
        String s = new String(b, p, keep, StandardCharsets.ISO_8859_1);
        p += (int) actual;
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /**
     * An RPC_SID as a pointee ([MS-DTYP] 2.4.2.3: the conformant SubAuthorityCount, Revision, SubAuthorityCount,
     * the 48-bit big-endian IdentifierAuthority, the sub-authorities) in its {@code S-1-5-21-…} form, or null.
     */
    String sid() {
        long conformance = u32();
        int revision = u8(), n = u8();
        if (bad || n != conformance || n > 15) {
            bad = true;
            return null;
        }
        byte[] auth = bytes(6);
        if (auth == null) return null;
        long a = 0;
        for (byte x : auth) a = a << 8 | (x & 0xff);
        StringBuilder sb = new StringBuilder("S-").append(revision).append('-').append(a);
        for (int i = 0; i < n; i++) {
            long sub = u32();
            if (bad) return null;
            sb.append('-').append(sub);
        }
        return sb.toString();
    }

    /** A conformant byte array (max_count, then the bytes), or null. */
    byte[] conformantBytes() {
        long n = u32();
        if (bad || n > end - p) {
            bad = true;
            return null;
        }
        return bytes((int) n);
    }
}
