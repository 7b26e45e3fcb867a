package org.nta.app.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.nta.event.HttpHeader;

/**
 * The header lines seen last, by their bytes: most lines of a capture repeat (the same Host, User-Agent, Accept,
 * Server, Content-Type on every message), so a repeated line gives back the {@link HttpHeader} made the first time
 * instead of decoding its name and value again. The strings are then shared, so their hash codes are computed once
 * for every detector that looks them up. Direct-mapped, {@link #SLOTS} lines of at most {@link #MAX_LINE} bytes: a
 * line evicts the one in its slot, so memory stays bounded whatever the capture holds. One per thread (the parsers
 * of an analysis run on one thread).
 */
final class HeaderLineCache {
    static final int SLOTS = 1024;
    static final int MAX_LINE = 256;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<HeaderLineCache> CACHES = ThreadLocal.withInitial(HeaderLineCache::new);

    private final byte[][] lines = new byte[SLOTS][];
    private final HttpHeader[] headers = new HttpHeader[SLOTS];

    static HeaderLineCache get() {
        return CACHES.get();
    }

    /** The header made from exactly these bytes before, or null. */
    HttpHeader find(byte[] b, int off, int end) {
        int len = end - off;
        if (len > MAX_LINE) return null;
        int slot = slot(b, off, len);
        byte[] k = lines[slot];
        return k != null && k.length == len && Arrays.equals(k, 0, len, b, off, end) ? headers[slot] : null;
    }

    /** Remembers the header these bytes made (a well-formed line only). */
    void put(byte[] b, int off, int end, HttpHeader h) {
        int len = end - off;
        if (len > MAX_LINE) return;
        int slot = slot(b, off, len);
        lines[slot] = Arrays.copyOfRange(b, off, end);
        headers[slot] = h;
    }

    private static int slot(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h ^= (long) LONGS.get(b, off + i);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        for (; i < len; i++) {
            h ^= b[off + i] & 0xff;
            h *= 0x94D049BB133111EBL;
        }
        h ^= h >>> 29;
        return (int) h & (SLOTS - 1);
    }
}
