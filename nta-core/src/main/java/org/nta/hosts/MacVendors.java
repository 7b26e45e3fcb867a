package org.nta.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The organisation a MAC address was assigned to, from the IEEE Registration Authority's listings (MA-L, MA-M,
 * MA-S and IAB) as Debian's {@code ieee-data} has them, shipped in the jar ({@code oui.tsv.gz}, made by
 * {@code scripts/make-oui.py}): never fetched at run time. The longest assignment wins (a 36-bit block inside a
 * 24-bit one registered to the IEEE itself). Locally administered addresses (randomised by phones and laptops, or
 * set by virtual machines and containers) and group addresses belong to nobody and have no vendor.
 */
public final class MacVendors {
    public static final String RESOURCE = "/org/nta/hosts/oui.tsv.gz";

    /** Loaded on first use: only the commands that show hosts pay for it. */
    private static final class Holder {
        static final MacVendors STANDARD = load();
    }

    /**
     * The registry as read: its text, and per prefix length (24, 28 and 36 bits) the prefixes in ascending order
     * with where each vendor name lies in the text. The file lists prefixes as sorted hex strings, so each length's
     * are in numeric order already: no map is built, and a name is decoded only when asked for. Reading it this way
     * takes a few milliseconds instead of the ~70 ms of a map of 46,000 strings, which every report with hosts paid.
     */
    private final byte[] text;
    private final long[][] prefixes = new long[3][];
    private final int[][] starts = new int[3][], ends = new int[3][];
    private final java.util.concurrent.ConcurrentHashMap<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int[] BITS = {36, 28, 24};

    private MacVendors(byte[] text, long[][] prefixes, int[][] starts, int[][] ends) {
        this.text = text;
        for (int i = 0; i < 3; i++) {
            this.prefixes[i] = prefixes[i];
            this.starts[i] = starts[i];
            this.ends[i] = ends[i];
        }
    }

    public static MacVendors standard() {
        return Holder.STANDARD;
    }

    /** The vendor of a 48-bit MAC address (as a long, first octet in bits 47..40), or null when none is known. */
    public String vendor(long mac) {
        if (isLocal(mac) || isGroup(mac)) return null;
        for (int i = 0; i < 3; i++) { // the longest assignment first
            long prefix = mac >>> (48 - BITS[i]);
            int at = java.util.Arrays.binarySearch(prefixes[i], prefix);
            if (at >= 0) {
                int k = i, a = at;
                return names.computeIfAbsent((long) i << 32 | at,
                        x -> new String(text, starts[k][a], ends[k][a] - starts[k][a], StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    /** The U/L bit: an address set by software, not burnt in by a manufacturer. */
    public static boolean isLocal(long mac) {
        return (mac >>> 40 & 0x02) != 0;
    }

    /** The I/G bit: multicast or broadcast. */
    public static boolean isGroup(long mac) {
        return (mac >>> 40 & 0x01) != 0;
    }

    /** Reads "PREFIX\tVENDOR" lines; lines of another shape, or out of order for their length, are skipped. */
    static MacVendors read(InputStream gz) throws IOException {
        byte[] b;
        try (GZIPInputStream in = new GZIPInputStream(gz)) {
            b = in.readAllBytes();
        }
        long[][] pre = {new long[1024], new long[1024], new long[1024]};
        int[][] st = {new int[1024], new int[1024], new int[1024]}, en = {new int[1024], new int[1024], new int[1024]};
        int[] n = new int[3];
        int p = 0;
        while (p < b.length) {
            int eol = p;
            while (eol < b.length && b[eol] != '\n') eol++;
            int q = p;
            long v = 0;
            while (q < eol && b[q] != '\t') {
                int d = Character.digit(b[q], 16);
                if (d < 0) break;
                v = v << 4 | d;
                q++;
            }
            int digits = q - p, i = digits == 9 ? 0 : digits == 7 ? 1 : digits == 6 ? 2 : -1;
            int nameEnd = eol > q && b[eol - 1] == '\r' ? eol - 1 : eol;
            if (i >= 0 && q < eol && b[q] == '\t' && nameEnd > q + 1 && (n[i] == 0 || pre[i][n[i] - 1] < v)) {
                if (n[i] == pre[i].length) {
                    pre[i] = java.util.Arrays.copyOf(pre[i], n[i] * 2);
                    st[i] = java.util.Arrays.copyOf(st[i], n[i] * 2);
                    en[i] = java.util.Arrays.copyOf(en[i], n[i] * 2);
                }
                pre[i][n[i]] = v;
                st[i][n[i]] = q + 1;
                en[i][n[i]] = nameEnd;
                n[i]++;
            }
            p = eol + 1;
        }
        for (int i = 0; i < 3; i++) {
            pre[i] = java.util.Arrays.copyOf(pre[i], n[i]);
            st[i] = java.util.Arrays.copyOf(st[i], n[i]);
            en[i] = java.util.Arrays.copyOf(en[i], n[i]);
        }
        return new MacVendors(b, pre, st, en);
    }

    private static MacVendors load() {
        try (InputStream in = MacVendors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
