package org.nta.app.ftp;

import org.nta.decode.Addresses;

/**
 * The data-connection addresses FTP announces: {@code PORT h1,h2,h3,h4,p1,p2} and the 227 reply's six numbers
 * (RFC 959), {@code EPRT |1|addr|port|} / {@code |2|addr|port|} and the 229 reply's {@code (|||port|)} (RFC 2428).
 * Addresses come back formatted as {@link Addresses} formats them, so they compare with connections' addresses.
 */
public final class FtpAddresses {
    /** An announced address (null when the announcement gives only a port) and port. */
    public record HostPort(String addr, int port) {
    }

    private FtpAddresses() {}

    /** {@code h1,h2,h3,h4,p1,p2} somewhere in {@code s} (PORT's argument, or the text of a 227 reply), or null. */
    public static HostPort sixNumbers(String s) {
        int n = s.length();
        for (int start = 0; start < n; start++) {
            if (!isDigit(s.charAt(start)) || start > 0 && isDigit(s.charAt(start - 1))) continue;
            int[] v = new int[6];
            int i = start, k = 0;
            while (k < 6) {
                int j = i, x = 0;
                while (j < n && isDigit(s.charAt(j)) && j - i < 3) x = x * 10 + (s.charAt(j++) - '0');
                if (j == i || x > 255 || j < n && isDigit(s.charAt(j))) break;
                v[k++] = x;
                i = j;
                if (k < 6) {
                    if (i >= n || s.charAt(i) != ',') break;
                    i++;
                }
            }
            if (k == 6) {
                int addr = v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
                int port = v[4] << 8 | v[5];
                return port == 0 ? null : new HostPort(Addresses.ipv4(addr), port);
            }
        }
        return null;
    }

    /** {@code <d>proto<d>addr<d>port<d>} (EPRT's argument, the delimiter is its first character), or null. */
    public static HostPort eprt(String s) {
        String t = s.strip();
        if (t.length() < 6) return null;
        char d = t.charAt(0);
        if (d < 33 || d > 126) return null;
        String[] f = t.substring(1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        if (f.length < 4) return null;
        int port = number(f[2]);
        if (port <= 0 || port > 65535) return null;
        String addr = switch (f[0]) {
            case "1" -> ipv4(f[1]);
            case "2" -> ipv6(f[1]);
            default -> null;
        };
        return addr == null ? null : new HostPort(addr, port);
    }

    /** The port of a 229 reply's {@code (<d><d><d>port<d>)}, or -1. */
    public static int epsvPort(String s) {
        int open = s.indexOf('(');
        if (open < 0 || open + 5 >= s.length()) return -1;
        char d = s.charAt(open + 1);
        if (s.charAt(open + 2) != d || s.charAt(open + 3) != d) return -1;
        int end = s.indexOf(d, open + 4);
        if (end < 0) return -1;
        int port = number(s.substring(open + 4, end));
        return port > 0 && port <= 65535 ? port : -1;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 5) return -1;
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) return -1;
            x = x * 10 + s.charAt(i) - '0';
        }
        return x;
    }

    static String ipv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return null;
        int v = 0;
        for (String x : p) {
            int n = number(x);
            if (n < 0 || n > 255 || x.length() > 3) return null;
            v = v << 8 | n;
        }
        return Addresses.ipv4(v);
    }

    /** An IPv6 literal (RFC 4291 text forms, a trailing dotted IPv4 allowed) in Wireshark's form, or null. */
    static String ipv6(String s) {
        if (s.isEmpty() || s.length() > 45) return null;
        int[] g = new int[8];
        String head = s, tail = "";
        int dbl = s.indexOf("::");
        if (dbl >= 0) {
            if (s.indexOf("::", dbl + 1) >= 0) return null;
            head = s.substring(0, dbl);
            tail = s.substring(dbl + 2);
        }
        int[] h = groups(head), t = groups(tail);
        if (h == null || t == null) return null;
        if (dbl < 0 ? h.length != 8 : h.length + t.length > 7) return null;
        System.arraycopy(h, 0, g, 0, h.length);
        System.arraycopy(t, 0, g, 8 - t.length, t.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) hi = hi << 16 | g[i];
        for (int i = 4; i < 8; i++) lo = lo << 16 | g[i];
        return Addresses.ipv6(hi, lo);
    }

    private static int[] groups(String s) {
        if (s.isEmpty()) return new int[0];
        String[] p = s.split(":", -1);
        int extra = p[p.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] out = new int[p.length + extra];
        for (int i = 0; i < p.length; i++) {
            String x = p[i];
            if (i == p.length - 1 && extra == 1) {
                String v4 = ipv4(x);
                if (v4 == null) return null;
                String[] q = v4.split("\\.");
                out[i] = Integer.parseInt(q[0]) << 8 | Integer.parseInt(q[1]);
                out[i + 1] = Integer.parseInt(q[2]) << 8 | Integer.parseInt(q[3]);
                continue;
            }
            if (x.isEmpty() || x.length() > 4) return null;
            int v = 0;
            for (int j = 0; j < x.length(); j++) {
                int d = Character.digit(x.charAt(j), 16);
                if (d < 0) return null;
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
