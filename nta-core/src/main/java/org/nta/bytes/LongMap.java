package org.nta.bytes;

import java.util.Arrays;

/**
 * A map from long keys (MAC addresses, packed ports) to values, with open addressing: a lookup on a packet's path
 * neither boxes its key nor follows a chain of nodes, as a {@code HashMap<Long, V>} does. No removal; values are
 * never null.
 */
public final class LongMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;

    public LongMap() {
        keys = new long[16];
        values = new Object[16];
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (keys[i] == key) return (V) v;
        }
    }

    /** Sets the value of {@code key} (not null). */
    public void put(long key, V value) {
        if (value == null) throw new IllegalArgumentException("null value");
        if ((size + 1) * 4 > keys.length * 3) grow();
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    public int size() {
        return size;
    }

    /** The values, in no particular order. */
    @SuppressWarnings("unchecked")
    public java.util.List<V> values() {
        java.util.List<V> out = new java.util.ArrayList<>(size);
        for (Object v : values) if (v != null) out.add((V) v);
        return out;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] == null) continue;
            int i = slot(oldKeys[j], mask);
            while (values[i] != null) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
        Arrays.fill(oldValues, null);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }
}
