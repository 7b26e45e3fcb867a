package org.nta.detect.c2;

import java.util.Locale;

import org.nta.event.X509Certificate;

/** Whether a certificate names the server a client asked for (RFC 6125: one left-most wildcard label at most). */
final class CertificateNames {
    private CertificateNames() {}

    /**
     * Whether {@code leaf} covers {@code name}: a subjectAltName dNSName matches, or, when the leaf has no dNSName,
     * its common name does; an address is matched against the iPAddress names.
     */
    static boolean matches(X509Certificate leaf, String name) {
        String n = normal(name);
        if (n.isEmpty()) return true;
        if (Hosts.bareAddress(n)) {
            for (String ip : leaf.ipAddresses()) if (ip.equalsIgnoreCase(n)) return true;
            return false;
        }
        if (!leaf.dnsNames().isEmpty()) {
            for (String d : leaf.dnsNames()) if (pattern(normal(d), n)) return true;
            return false;
        }
        return pattern(normal(leaf.subject().cn()), n);
    }

    /** "*.lab.local" matches "www.lab.local" but not "lab.local" nor "a.b.lab.local". */
    static boolean pattern(String p, String n) {
        if (p.isEmpty()) return false;
        if (!p.startsWith("*.")) return p.equals(n);
        int dot = n.indexOf('.');
        return dot > 0 && n.substring(dot).equals(p.substring(1)) && p.indexOf('*', 1) < 0;
    }

    /** Whether the leaf names no host at all, only addresses (or nothing). */
    static boolean addressesOnly(X509Certificate leaf) {
        for (String d : leaf.dnsNames()) if (!Hosts.bareAddress(d)) return false;
        String cn = leaf.subject().cn().trim();
        return cn.isEmpty() || Hosts.bareAddress(cn);
    }

    private static String normal(String s) {
        String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
