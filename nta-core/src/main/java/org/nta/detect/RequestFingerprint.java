package org.nta.detect;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nta.event.HttpHeader;
import org.nta.event.HttpRequest;

/**
 * A 64-bit fingerprint of everything a request carries from the client (method, target, headers, body), and a
 * small cache keyed by it: most captures repeat the same requests many times, and what a detector reads from a
 * request depends on that content alone, so each distinct request is read once. Not cryptographic.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {}

    public static long of(HttpRequest r) {
        long h = mix(0x243F6A8885A308D3L, r.method().hashCode());
        h = mix(h, r.uri().hashCode());
        h = mix(h, r.uri().length());
        for (HttpHeader hd : r.headers().list()) {
            h = mix(h, hd.name().hashCode());
            h = mix(h, hd.value().hashCode());
        }
        h = mix(h, r.body().decodedLength());
        if (r.body().keptLength() > 0) h = mix(h, r.body().contentHash(Integer.MAX_VALUE));
        return h;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** A bounded least-recently-used map from fingerprints to results. */
    public static final class Cache<V> {
        private final LinkedHashMap<Long, V> map;

        public Cache(int capacity) {
            this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, V> e) {
                    return size() > capacity;
                }
            };
        }

        public V get(long key) {
            return map.get(key);
        }

        public void put(long key, V value) {
            map.put(key, value);
        }
    }
}
