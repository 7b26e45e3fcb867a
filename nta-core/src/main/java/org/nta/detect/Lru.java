package org.nta.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded maps for detector state: the least recently used entry leaves when one more than {@code cap} is put. */
public final class Lru {
    private Lru() {}

    public static <K, V> LinkedHashMap<K, V> of(int cap) {
        return new LinkedHashMap<>(Math.min(256, Math.max(16, cap)), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > cap;
            }
        };
    }
}
