package org.nta.hosts;

import java.util.Locale;

import org.nta.decode.Addresses;

/**
 * Reverse-lookup names (RFC 1035 3.5 {@code w.z.y.x.in-addr.arpa}, RFC 3596 2.5 nibbles of {@code ip6.arpa}) read
 * back into the address they stand for, printed as packets' addresses are, so that a PTR answer can name a host.
 * Anything else (a service PTR such as {@code _http._tcp.local}, a partial or malformed reverse name) is null.
 */
final class ReverseNames {
    private ReverseNames() {}

    private static final String V4 = ".in-addr.arpa", V6 = ".ip6.arpa";

    /** The address {@code name} is the reverse name of, or null. */
    static String address(String name) {
        if (name == null || name.length() > 80) return null;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.endsWith(V4)) return ipv4(n.substring(0, n.length() - V4.length()));
        if (n.endsWith(V6)) return ipv6(n.substring(0, n.length() - V6.length()));
        return null;
    }

    private static String ipv4(String labels) {
        String[] l = labels.split("\\.", -1);
        if (l.length != 4) return null;
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            if (l[i].isEmpty() || l[i].length() > 3 || !l[i].chars().allMatch(c -> c >= '0' && c <= '9')) return null;
            int octet = Integer.parseInt(l[i]);
            if (octet > 255) return null;
            v = v << 8 | octet;
        }
        return Addresses.ipv4(v);
    }

    private static String ipv6(String labels) {
        if (labels.length() != 63) return null; // 32 nibbles and 31 dots
        long hi = 0, lo = 0;
        for (int i = 31; i >= 0; i--) { // the last label is the address's first nibble
            if (i < 31 && labels.charAt(2 * i + 1) != '.') return null;
            int d = Character.digit(labels.charAt(2 * i), 16);
            if (d < 0) return null;
            int nibble = 31 - i;
            if (nibble < 16) hi = hi << 4 | d;
            else lo = lo << 4 | d;
        }
        return Addresses.ipv6(hi, lo);
    }

    /** A PTR record's target as a host name: trailing dot and mDNS's {@code .local} dropped; null when not a name. */
    static String target(String data) {
        if (data == null || data.isEmpty() || data.startsWith("<") || data.length() > 255) return null;
        String n = data.endsWith(".") ? data.substring(0, data.length() - 1) : data;
        if (n.regionMatches(true, Math.max(0, n.length() - 6), ".local", 0, 6)) n = n.substring(0, n.length() - 6);
        for (int i = 0; i < n.length(); i++) if (n.charAt(i) <= ' ' || n.charAt(i) >= 0x7f) return null;
        return n.isEmpty() ? null : n;
    }
}
