package org.nta.hosts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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

    /** key: the prefix's value with its length in bits in the top byte; vendor names are shared between keys. */
    private final Map<Long, String> byPrefix;

    private MacVendors(Map<Long, String> byPrefix) {
        this.byPrefix = byPrefix;
    }

    public static MacVendors standard() {
        return Holder.STANDARD;
    }

    /** The vendor of a 48-bit MAC address (as a long, first octet in bits 47..40), or null when none is known. */
    public String vendor(long mac) {
        if (isLocal(mac) || isGroup(mac)) return null;
        for (int bits : new int[] {36, 28, 24}) {
            String v = byPrefix.get(key(mac >>> (48 - bits), bits));
            if (v != null) return v;
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

    private static long key(long prefix, int bits) {
        return (long) bits << 56 | prefix;
    }

    static MacVendors read(InputStream gz) throws IOException {
        Map<Long, String> map = new HashMap<>(65536);
        Map<String, String> names = new HashMap<>(32768);
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(gz), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            int tab = line.indexOf('\t');
            if (tab != 6 && tab != 7 && tab != 9) continue;
            long prefix;
            try {
                prefix = Long.parseLong(line, 0, tab, 16);
            } catch (NumberFormatException e) {
                continue;
            }
            String name = line.substring(tab + 1);
            map.put(key(prefix, tab * 4), names.computeIfAbsent(name, n -> n));
        }
        return new MacVendors(map);
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
