package org.nta.detect.c2;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * DNS tunnel tools by the names they ask: iodine (NULL queries, its version and codec probes such as
 * {@code vaaaak…} and {@code …Aaahhh-Drink-mal-ein-Jägermeister…}), dns2tcp (control labels {@code =auth} and
 * {@code =connect}, base64 data in TXT queries), dnscat2 (names that are hex packets, or start with {@code dnscat.}).
 * Also decodes the data the names carry.
 */
final class TunnelTools {
    private TunnelTools() {}

    static final int NULL = 10, TXT = 16, CNAME = 5, MX = 15, ANY = 255;

    /** Notes the marks of each tool that a name (the part before the registered domain) bears. */
    static void mark(DomainTally t, String sub, int qtype) {
        String l = sub.toLowerCase(Locale.ROOT);
        if (l.contains("aaahhh-drink-mal-ein") || l.contains("la-fl") && l.contains("te-na") || l.startsWith("zzj")) t.iodine += 3;
        else if (l.startsWith("vaaaak")) t.iodine += 3;
        else if (qtype == NULL) t.iodine++;
        for (String label : sub.split("\\.")) {
            if (label.equals("=auth") || label.equals("=connect") || label.startsWith("=")) {
                t.dns2tcp++;
                break;
            }
        }
        String flat = (l.startsWith("dnscat.") ? l.substring(7) : l).replace(".", "");
        if (l.startsWith("dnscat.") || flat.length() >= 18 && flat.length() % 2 == 0 && isHex(flat)) t.dnscat++;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    /** The tool a domain's names show, or null. */
    static String tool(DomainTally t) {
        if (t.iodine >= 3) return "iodine";
        if (t.dns2tcp >= 1 && t.qtype(TXT, 25) * 2 >= t.queries) return "dns2tcp";
        if (t.dnscat >= 4 && t.dnscat * 5 >= t.unique * 4 && t.qtype(TXT, CNAME, MX) * 2 >= t.queries) return "dnscat2";
        return null;
    }

    /**
     * The labels every kept name ends with, between the data and the registered domain (the tunnel's own zone, such
     * as {@code tun} of {@code tun.example.com}); "" when they share none.
     */
    static String zone(DomainTally t) {
        String common = null;
        for (String sub : t.chunks) {
            int dot = sub.indexOf('.');
            if (dot < 0) return "";
            String tail = sub.substring(dot + 1);
            if (common == null) common = tail;
            while (!common.isEmpty() && !(tail.equals(common) || tail.endsWith("." + common))) {
                int d = common.indexOf('.');
                common = d < 0 ? "" : common.substring(d + 1);
            }
            if (common.isEmpty()) return "";
        }
        return common == null ? "" : common;
    }

    /** The bytes the kept names carry, decoded in order as the tool writes them (null when nothing decodes). */
    static byte[] decode(DomainTally t, String tool) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("iodine".equals(tool)) return null; // compressed and in its own codecs
        String zone = zone(t);
        for (String sub : t.chunks) {
            StringBuilder data = new StringBuilder();
            String s = sub.startsWith("dnscat.") ? sub.substring(7) : sub;
            if (!zone.isEmpty() && s.endsWith("." + zone)) s = s.substring(0, s.length() - zone.length() - 1);
            if (s.contains(".=") || s.startsWith("=")) continue; // dns2tcp's control messages
            for (String label : s.split("\\.")) data.append(label);
            if (data.length() == 0) continue;
            byte[] b;
            int header = 0;
            if ("dns2tcp".equals(tool)) {
                b = Encodings.base64(data.toString());
                header = 7; // session, sequence, acknowledgement, type
            } else if ("dnscat2".equals(tool)) {
                b = Encodings.hex(data.toString().toLowerCase(Locale.ROOT));
                header = b != null && b.length > 2 && b[2] == 1 ? 9 : b == null ? 0 : b.length; // only MSG packets carry data
            } else {
                b = Encodings.decode(data.toString(), Encodings.classify(data.toString()));
            }
            if (b == null || b.length <= header) continue;
            out.write(b, header, b.length - header);
            if (out.size() > 65536) break;
        }
        return out.size() == 0 ? null : out.toByteArray();
    }
}
