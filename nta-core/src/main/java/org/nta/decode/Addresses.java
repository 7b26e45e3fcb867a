package org.nta.decode;

/** Formatting of addresses the way Wireshark prints them (RFC 5952 for IPv6). */
public final class Addresses {
    private Addresses() {}

    public static String format(int version, long hi, long lo) {
        return version == 6 ? ipv6(hi, lo) : ipv4((int) lo);
    }

    public static String ipv4(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    public static String ipv6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[4 + i] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        // longest run of zero groups (length >= 2), first one wins
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        // IPv4-mapped and IPv4-compatible forms as Wireshark prints them
        if (bestStart == 0 && bestLen == 5 && g[5] == 0xffff) {
            return "::ffff:" + ipv4((int) lo);
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    public static String mac(long m) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (m >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            if (i > 0) sb.append(':');
        }
        return sb.toString();
    }
    /**
     * The inverse of {@link #format}: a dotted IPv4 or an IPv6 literal (with "::" and an embedded IPv4 tail) as
     * {version, hi, lo}, IPv4 in the low 32 bits of lo; null when the text is not such a literal.
     */
    public static long[] parse(String s) {
        if (s == null || s.isEmpty()) return null;
        if (s.indexOf(':') < 0) {
            long v = ipv4Value(s, 0, s.length());
            return v < 0 ? null : new long[] {4, 0, v};
        }
        int[] g = new int[8];
        int n = 0, gap = -1, i = 0, len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < len) {
            int j = i;
            while (j < len && s.charAt(j) != ':') j++;
            if (j == i || n >= 8) return null;
            if (j == len && s.indexOf('.', i) >= 0) { // embedded IPv4 tail
                long v = ipv4Value(s, i, j);
                if (v < 0 || n > 6) return null;
                g[n++] = (int) (v >>> 16);
                g[n++] = (int) (v & 0xffff);
                i = j;
                break;
            }
            if (j - i > 4) return null;
            int v = 0;
            for (int k = i; k < j; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0) return null;
                v = v << 4 | d;
            }
            g[n++] = v;
            i = j;
            if (i < len) {
                i++;
                if (i < len && s.charAt(i) == ':') {
                    if (gap >= 0) return null;
                    gap = n;
                    i++;
                } else if (i == len) {
                    return null;
                }
            }
        }
        if (gap < 0 ? n != 8 : n > 7) return null;
        int[] full = new int[8];
        if (gap < 0) {
            full = g;
        } else {
            for (int k = 0; k < gap; k++) full[k] = g[k];
            int tail = n - gap;
            for (int k = 0; k < tail; k++) full[8 - tail + k] = g[gap + k];
        }
        long hi = 0, lo = 0;
        for (int k = 0; k < 4; k++) hi = hi << 16 | full[k];
        for (int k = 4; k < 8; k++) lo = lo << 16 | full[k];
        return new long[] {6, hi, lo};
    }

    /** A dotted quad in s[from, to) as an unsigned value, or -1. */
    private static long ipv4Value(String s, int from, int to) {
        long v = 0;
        int parts = 0, i = from;
        while (i <= to) {
            int j = i, octet = 0;
            while (j < to && s.charAt(j) != '.') {
                char c = s.charAt(j);
                if (c < '0' || c > '9' || j - i >= 3) return -1;
                octet = octet * 10 + (c - '0');
                j++;
            }
            if (j == i || octet > 255) return -1;
            v = v << 8 | octet;
            parts++;
            i = j + 1;
        }
        return parts == 4 ? v : -1;
    }
}
