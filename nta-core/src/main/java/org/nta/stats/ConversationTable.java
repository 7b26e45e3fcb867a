package org.nta.stats;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

import org.nta.decode.Addresses;

/**
 * The TCP or UDP rows of the Conversations table, one per stream, kept as columns of primitives until they are
 * printed. A capture of many short connections has a row for each (619,015 in the benchmark's "short" shape): as
 * {@link ConversationRow} objects in a map they took about 350 bytes each and every young collection copied the new
 * ones (1.3 s of a 4.2 s run went to the collector); here a row is 88 bytes in blocks of long arrays (a row's
 * fields side by side), and the addresses, states and histories, which repeat, are stored once. A row is made an object only when asked for.
 */
final class ConversationTable {
    /** Longs of a row, one after the other (a row is read whole: its fields share two cache lines). */
    private static final int STRIDE = 11;
    private static final int FRAMES_AB = 0, BYTES_AB = 1, FRAMES_BA = 2, BYTES_BA = 3, START = 4, END = 5, FIRST = 6,
            LAST = 7, ADDRS = 8, PORTS_STREAM = 9, STATE_HISTORY = 10;

    /** Rows a block holds: the table grows a block at a time, never copying what it has. */
    private static final int BLOCK_ROWS = 4096;

    private final String type;
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIds = new HashMap<>();
    /** Row + 1 of each stream, 0 for none. */
    private int[] rowOfStream = new int[256];
    private int size;
    private long[][] blocks = new long[16][];
    private final long[] cacheHi = new long[256], cacheLo = new long[256];
    private final int[] cacheVersion = new int[256], cacheId = new int[256];
    private final boolean[] cacheSet = new boolean[256];

    ConversationTable(String type) {
        this.type = type;
        strings.add(null);
    }

    int size() {
        return size;
    }

    /**
     * One released flow's row; a stream met before (its flow released twice, a late packet after its grace period) is
     * merged into its row: counts summed, the span widened, the later state and the first history kept.
     * Addresses are ids from {@link #address}.
     */
    void add(int a, int aPort, int b, int bPort, long fAB, long bAB, long fBA, long bBA, long startNs,
             long endNs, int streamId, String st, String hist, long first, long last) {
        int row = streamId >= 0 && streamId < rowOfStream.length ? rowOfStream[streamId] - 1 : -1;
        if (row >= 0) {
            long[] d = blocks[row / BLOCK_ROWS];
            int o = row % BLOCK_ROWS * STRIDE;
            d[o + FRAMES_AB] += fAB;
            d[o + BYTES_AB] += bAB;
            d[o + FRAMES_BA] += fBA;
            d[o + BYTES_BA] += bBA;
            d[o + START] = Math.min(d[o + START], startNs);
            d[o + END] = Math.max(d[o + END], endNs);
            d[o + FIRST] = Math.min(d[o + FIRST], first);
            d[o + LAST] = Math.max(d[o + LAST], last);
            d[o + STATE_HISTORY] = (long) id(st) << 32 | d[o + STATE_HISTORY] & 0xffffffffL;
            return;
        }
        int i = size++;
        int bi = i / BLOCK_ROWS;
        if (bi == blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
        if (blocks[bi] == null) blocks[bi] = new long[BLOCK_ROWS * STRIDE];
        long[] d = blocks[bi];
        int o = i % BLOCK_ROWS * STRIDE;
        d[o + FRAMES_AB] = fAB;
        d[o + BYTES_AB] = bAB;
        d[o + FRAMES_BA] = fBA;
        d[o + BYTES_BA] = bBA;
        d[o + START] = startNs;
        d[o + END] = endNs;
        d[o + FIRST] = first;
        d[o + LAST] = last;
        d[o + ADDRS] = (long) a << 32 | b;
        d[o + PORTS_STREAM] = (long) (aPort << 16 | bPort & 0xffff) << 32 | streamId & 0xffffffffL;
        d[o + STATE_HISTORY] = (long) id(st) << 32 | id(hist);
        if (streamId >= 0) {
            if (streamId >= rowOfStream.length) rowOfStream = Arrays.copyOf(rowOfStream, Math.max(streamId + 1, rowOfStream.length * 2));
            rowOfStream[streamId] = i + 1;
        }
    }

    private long get(int row, int field) {
        return blocks[row / BLOCK_ROWS][row % BLOCK_ROWS * STRIDE + field];
    }

    /** The row at index {@code i} as an object; relative start from {@code captureStartNs}. */
    ConversationRow row(int i, long captureStartNs) {
        long[] d = blocks[i / BLOCK_ROWS];
        int o = i % BLOCK_ROWS * STRIDE;
        long start = d[o + START];
        int ports = (int) (d[o + PORTS_STREAM] >>> 32);
        return new ConversationRow(type, strings.get((int) (d[o + ADDRS] >>> 32)), ports >>> 16,
                strings.get((int) d[o + ADDRS]), ports & 0xffff, d[o + FRAMES_AB], d[o + BYTES_AB], d[o + FRAMES_BA],
                d[o + BYTES_BA], start, start - captureStartNs, d[o + END] - start, (int) d[o + PORTS_STREAM],
                strings.get((int) (d[o + STATE_HISTORY] >>> 32)), strings.get((int) d[o + STATE_HISTORY]), d[o + FIRST],
                d[o + LAST]);
    }

    /**
     * The rows in the order of a Conversations sort column ({@code by}: frames, bytes, start, duration, stream,
     * address; null: none), ties by first frame then stream, as a list that makes each row when it is read.
     */
    List<ConversationRow> sorted(String by, long captureStartNs) {
        int n = size;
        // rows by first frame then stream: streams are numbered in order of first packet, so stream order is that
        // order but for the odd stream a quoted ICMP error numbered before its first counted packet
        int[] order = new int[n];
        int k = 0;
        for (int r : rowOfStream) if (r > 0) order[k++] = r - 1;
        for (int i = 0; i < n; i++) if ((int) get(i, PORTS_STREAM) < 0) order[k++] = i;
        mergeSort(order, (x, y) -> {
            int c = Long.compare(get(x, FIRST), get(y, FIRST));
            return c != 0 ? c : Integer.compare((int) get(x, PORTS_STREAM), (int) get(y, PORTS_STREAM));
        });
        if (by == null) return new Rows(order, captureStartNs);
        if (by.equals("address")) {
            mergeSort(order, (x, y) -> {
                long ax = get(x, ADDRS), ay = get(y, ADDRS), px = get(x, PORTS_STREAM), py = get(y, PORTS_STREAM);
                int c = strings.get((int) (ax >>> 32)).compareTo(strings.get((int) (ay >>> 32)));
                if (c == 0) c = strings.get((int) ax).compareTo(strings.get((int) ay));
                if (c == 0) c = Integer.compare((int) (px >>> 48), (int) (py >>> 48));
                if (c == 0) c = Integer.compare((int) (px >>> 32) & 0xffff, (int) (py >>> 32) & 0xffff);
                return c;
            });
        } else {
            // the column as one long a row, largest first where the table puts the largest first; the sort is stable,
            // so equal values stay in first-frame order
            long[] key = new long[n];
            for (int i = 0; i < n; i++) {
                long[] d = blocks[i / BLOCK_ROWS];
                int o = i % BLOCK_ROWS * STRIDE;
                key[i] = switch (by) {
                    case "frames" -> -(d[o + FRAMES_AB] + d[o + FRAMES_BA]);
                    case "bytes" -> -(d[o + BYTES_AB] + d[o + BYTES_BA]);
                    case "start" -> d[o + START];
                    case "duration" -> -(d[o + END] - d[o + START]);
                    case "stream" -> (int) d[o + PORTS_STREAM];
                    default -> throw new IllegalArgumentException("unknown sort column '" + by + "'");
                };
            }
            mergeSort(order, (x, y) -> Long.compare(key[x], key[y]));
        }
        return new Rows(order, captureStartNs);
    }

    /** Stable sort of row numbers (a merge sort: runs already in order cost one comparison a row). */
    static void mergeSort(int[] a, java.util.function.IntBinaryOperator cmp) {
        int[] tmp = new int[a.length];
        for (int width = 1; width < a.length; width *= 2) {
            for (int lo = 0; lo < a.length - width; lo += 2 * width) {
                int mid = lo + width, hi = Math.min(lo + 2 * width, a.length);
                if (cmp.applyAsInt(a[mid - 1], a[mid]) <= 0) continue; // the two halves are in order already
                System.arraycopy(a, lo, tmp, lo, hi - lo);
                int i = lo, j = mid, o = lo;
                while (i < mid && j < hi) a[o++] = cmp.applyAsInt(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
                while (i < mid) a[o++] = tmp[i++];
                while (j < hi) a[o++] = tmp[j++];
            }
        }
    }

    /** The id of an address, for {@link #add}: formatted once while it stays in a small cache of recent ones. */
    int address(int version, long hi, long lo) {
        int slot = (int) ((hi * 31 + lo) * 0x9E3779B97F4A7C15L >>> 56) ^ version;
        if (cacheSet[slot] && cacheHi[slot] == hi && cacheLo[slot] == lo && cacheVersion[slot] == version) return cacheId[slot];
        int id = id(Addresses.format(version, hi, lo));
        cacheSet[slot] = true;
        cacheHi[slot] = hi;
        cacheLo[slot] = lo;
        cacheVersion[slot] = version;
        cacheId[slot] = id;
        return id;
    }

    /** The id of a string (null is id 0). */
    private int id(String s) {
        if (s == null) return 0;
        Integer id = stringIds.get(s);
        if (id == null) {
            id = strings.size();
            strings.add(s);
            stringIds.put(s, id);
        }
        return id;
    }

    /** Rows in a given order, each made when read (nothing is kept but the order). */
    private final class Rows extends AbstractList<ConversationRow> implements RandomAccess {
        private final int[] order;
        private final long captureStartNs;

        Rows(int[] order, long captureStartNs) {
            this.order = order;
            this.captureStartNs = captureStartNs;
        }

        @Override
        public ConversationRow get(int index) {
            return row(order[index], captureStartNs);
        }

        @Override
        public int size() {
            return order.length;
        }
    }
}
