package org.nta.detect.shell;

import org.nta.decode.Addresses;

/**
 * IP address literals found in text (payloads), put in the form the flow layer prints (dotted IPv4, RFC 5952 IPv6),
 * so a payload's address compares with a connection's. Never resolves names.
 */
final class IpText {
    private IpText() {}

    /** The canonical form of an IPv4 or IPv6 literal (brackets and zone allowed), or null if it is not one. */
    static String canonical(String s) {
        if (s == null) return null;
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        int zone = t.indexOf('%');
        if (zone >= 0) t = t.substring(0, zone);
        if (t.indexOf(':') < 0) {
            long v = ipv4(t);
            return v < 0 ? null : Addresses.ipv4((int) v);
        }
        long[] v6 = ipv6(t);
        if (v6 == null) return null;
        if (v6[0] == 0 && (v6[1] >>> 32) == 0xffffL) return Addresses.ipv4((int) v6[1]); // IPv4-mapped
        return Addresses.ipv6(v6[0], v6[1]);
    }

    /** True when both are literals of the same address. */
    static boolean same(String a, String b) {
        String x = canonical(a);
        return x != null && x.equals(canonical(b));
    }

    static long ipv4(String t) {
        String[] p = t.split("\\.", -1);
        if (p.length != 4) return -1;
        long v = 0;
        for (String q : p) {
            if (q.isEmpty() || q.length() > 3) return -1;
            int n = 0;
            for (int i = 0; i < q.length(); i++) {
                char c = q.charAt(i);
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            if (n > 255) return -1;
            v = (v << 8) | n;
        }
        return v;
    }

    private static long[] ipv6(String t) {
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl >= 0 ? t.substring(0, dbl) : t;
        String tail = dbl >= 0 ? t.substring(dbl + 2) : "";
        int[] hg = groups(head);
        int[] tg = groups(tail);
        if (hg == null || tg == null) return null;
        int n = hg.length + tg.length;
        if (dbl < 0 && n != 8 || dbl >= 0 && n > 7) return null;
        int[] g = new int[8];
        System.arraycopy(hg, 0, g, 0, hg.length);
        System.arraycopy(tg, 0, g, 8 - tg.length, tg.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) hi = (hi << 16) | g[i];
        for (int i = 4; i < 8; i++) lo = (lo << 16) | g[i];
        return new long[] {hi, lo};
    }

    /** Hex groups separated by ':', the last one may be a dotted IPv4 (two groups); null if malformed. */
    private static int[] groups(String s) {
        if (s.isEmpty()) return new int[0];
        String[] p = s.split(":", -1);
        int extra = p[p.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] out = new int[p.length + extra];
        for (int i = 0; i < p.length; i++) {
            String q = p[i];
            if (i == p.length - 1 && extra == 1) {
                long v4 = ipv4(q);
                if (v4 < 0) return null;
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
                continue;
            }
            if (q.isEmpty() || q.length() > 4) return null;
            int v = 0;
            for (int k = 0; k < q.length(); k++) {
                int d = Character.digit(q.charAt(k), 16);
                if (d < 0) return null;
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        return out;
    }
}
