package org.nta.detect.c2;

/**
 * What an address or a Host header says about a party, from the capture alone: inside the network (private, loopback,
 * link-local, unique-local, carrier-grade NAT, multicast) or out on the internet, and whether a name is a bare
 * address.
 */
public final class Hosts {
    private Hosts() {}

    /** True for addresses that do not route on the internet (RFC 1918, RFC 6598, loopback, link-local, ULA, multicast). */
    public static boolean internal(String addr) {
        if (addr == null || addr.isEmpty()) return false;
        if (addr.indexOf(':') >= 0) {
            String a = addr.toLowerCase(java.util.Locale.ROOT);
            return a.equals("::1") || a.startsWith("fe8") || a.startsWith("fe9") || a.startsWith("fea") || a.startsWith("feb")
                    || a.startsWith("fc") || a.startsWith("fd") || a.startsWith("ff") || a.equals("::");
        }
        int[] o = octets(addr);
        if (o == null) return false;
        return o[0] == 10 || o[0] == 127 || o[0] == 0 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
                || (o[0] == 192 && o[1] == 168) || (o[0] == 169 && o[1] == 254) || (o[0] == 100 && o[1] >= 64 && o[1] <= 127)
                || o[0] >= 224;
    }

    /** The four octets of a dotted IPv4 address, or null. */
    static int[] octets(String a) {
        int[] o = new int[4];
        int part = 0, v = 0, digits = 0;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 3) return null;
                o[part++] = v;
                v = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                v = v * 10 + (c - '0');
                digits++;
                if (v > 255) return null;
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 3) return null;
        o[3] = v;
        return o;
    }

    /** The host part of a Host header or URL authority, lower case, without port or brackets. */
    public static String hostOnly(String host) {
        if (host == null) return null;
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h.substring(1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) h = h.substring(0, colon);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    /** A host given as an IP address literal rather than a name. */
    public static boolean bareAddress(String host) {
        String h = hostOnly(host);
        if (h == null || h.isEmpty()) return false;
        if (h.indexOf(':') >= 0) return true;
        return octets(h) != null;
    }
}
