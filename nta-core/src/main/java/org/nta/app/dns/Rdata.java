package org.nta.app.dns;

import java.util.Base64;

import org.nta.app.WireText;
import org.nta.bytes.Bytes;
import org.nta.decode.Addresses;

/**
 * Text of one record's RDATA, as tshark prints the record's main field (see
 * {@link org.nta.event.DnsMessage.Record#data()}). Reads only inside the message; RDATA that does not match its
 * type's layout is shown as hex and reported as malformed.
 *
 * @param data      main value
 * @param details   the other fields, or ""
 * @param malformed the RDATA did not fit its type's layout
 */
record Rdata(String data, String details, boolean malformed) {

    static Rdata of(int type, int dnsClass, long ttl, byte[] m, int off, int len, NameReader names) {
        if (len == 0 && type != DnsTypes.OPT) return new Rdata("", "", false);
        int end = off + len;
        return switch (type) {
            case DnsTypes.A -> len == 4 ? ok(Addresses.ipv4(Bytes.i32(m, off))) : bad(m, off, len);
            case DnsTypes.AAAA -> len == 16 ? ok(Addresses.ipv6(Bytes.i64(m, off), Bytes.i64(m, off + 8)))
                    : bad(m, off, len);
            case DnsTypes.NS, DnsTypes.MD, DnsTypes.MF, DnsTypes.CNAME, DnsTypes.MB, DnsTypes.MG, DnsTypes.MR,
                    DnsTypes.PTR, DnsTypes.DNAME -> name(m, off, end, names);
            case DnsTypes.SOA -> soa(m, off, end, names);
            case DnsTypes.MX -> mx(m, off, end, names);
            case DnsTypes.TXT, DnsTypes.SPF -> txt(m, off, end);
            case DnsTypes.SRV -> srv(m, off, end, names);
            case DnsTypes.OPT -> opt(dnsClass, ttl, m, off, end);
            case DnsTypes.SVCB, DnsTypes.HTTPS -> svcb(m, off, end, names);
            case DnsTypes.CAA -> caa(m, off, end);
            default -> ok(Bytes.hex(m, off, len));
        };
    }

    private static Rdata ok(String data) {
        return new Rdata(data, "", false);
    }

    private static Rdata bad(byte[] m, int off, int len) {
        return new Rdata(Bytes.hex(m, off, len), "", true);
    }

    /** Reads a name that must start inside the RDATA and whose uncompressed part must end inside it; null if not. */
    private static String nameIn(byte[] m, int off, int end, NameReader names, int[] next) {
        if (off >= end) return null;
        int after = names.read(off);
        if (after < 0 || after > end) return null;
        next[0] = after;
        return names.text;
    }

    private static Rdata name(byte[] m, int off, int end, NameReader names) {
        int[] next = new int[1];
        String n = nameIn(m, off, end, names, next);
        if (n == null) return bad(m, off, end - off);
        return new Rdata(n, "", next[0] != end);
    }

    private static Rdata soa(byte[] m, int off, int end, NameReader names) {
        int[] next = new int[1];
        String mname = nameIn(m, off, end, names, next);
        if (mname == null) return bad(m, off, end - off);
        String rname = nameIn(m, next[0], end, names, next);
        if (rname == null || next[0] + 20 > end) return new Rdata(mname, "", true);
        int p = next[0];
        String details = "rname=" + rname + " serial=" + Bytes.u32l(m, p) + " refresh=" + Bytes.u32l(m, p + 4)
                + " retry=" + Bytes.u32l(m, p + 8) + " expire=" + Bytes.u32l(m, p + 12) + " minimum="
                + Bytes.u32l(m, p + 16);
        return new Rdata(mname, details, p + 20 != end);
    }

    private static Rdata mx(byte[] m, int off, int end, NameReader names) {
        if (end - off < 3) return bad(m, off, end - off);
        int[] next = new int[1];
        String host = nameIn(m, off + 2, end, names, next);
        if (host == null) return bad(m, off, end - off);
        return new Rdata(host, "preference=" + Bytes.u16(m, off), next[0] != end);
    }

    private static Rdata srv(byte[] m, int off, int end, NameReader names) {
        if (end - off < 7) return bad(m, off, end - off);
        int[] next = new int[1];
        String target = nameIn(m, off + 6, end, names, next);
        if (target == null) return bad(m, off, end - off);
        String details = "priority=" + Bytes.u16(m, off) + " weight=" + Bytes.u16(m, off + 2) + " port="
                + Bytes.u16(m, off + 4);
        return new Rdata(target, details, next[0] != end);
    }

    /**
     * Character-strings, each shown as ASCII (Wireshark's ENC_ASCII), joined with "," as tshark joins fields; with two
     * or more, the details give each one's length as shown ({@code lengths=32,0}) so that a string holding a comma
     * stays one (the display filter's dns.txt has one value per string, as Wireshark's).
     */
    private static Rdata txt(byte[] m, int off, int end) {
        StringBuilder sb = new StringBuilder(end - off), lengths = new StringBuilder();
        int p = off, strings = 0;
        while (p < end) {
            int n = m[p] & 0xff;
            if (p + 1 + n > end) return new Rdata(sb.toString(), strings > 1 ? "lengths=" + lengths : "", true);
            if (p > off) {
                sb.append(',');
                lengths.append(',');
            }
            String s = WireText.ascii(m, p + 1, n);
            sb.append(s);
            lengths.append(s.length());
            strings++;
            p += 1 + n;
        }
        return strings > 1 ? new Rdata(sb.toString(), "lengths=" + lengths, false) : ok(sb.toString());
    }

    private static Rdata caa(byte[] m, int off, int end) {
        if (end - off < 2) return bad(m, off, end - off);
        int flags = m[off] & 0xff, tagLen = m[off + 1] & 0xff;
        if (off + 2 + tagLen > end) return bad(m, off, end - off);
        String tag = WireText.ascii(m, off + 2, tagLen);
        String value = WireText.ascii(m, off + 2 + tagLen, end - off - 2 - tagLen);
        return new Rdata(value, "flags=" + flags + " tag=" + tag, false);
    }

    /** EDNS (RFC 6891): the class is the UDP payload size, the TTL holds extended rcode, version and DO. */
    private static Rdata opt(int dnsClass, long ttl, byte[] m, int off, int end) {
        String data = "udp_payload_size=" + dnsClass + " ext_rcode=" + ((ttl >>> 24) & 0xff) + " version="
                + ((ttl >>> 16) & 0xff) + " do=" + ((ttl >>> 15) & 1);
        StringBuilder opts = new StringBuilder();
        int p = off;
        while (p < end) {
            if (p + 4 > end) return new Rdata(data, opts.toString(), true);
            int code = Bytes.u16(m, p), len = Bytes.u16(m, p + 2);
            if (p + 4 + len > end) return new Rdata(data, opts.toString(), true);
            if (opts.length() > 0) opts.append(' ');
            opts.append(optionName(code)).append('=');
            if (code == 12) opts.append(len).append(" bytes"); // padding: its length is what matters
            else opts.append(Bytes.hex(m, p + 4, len));
            p += 4 + len;
        }
        return new Rdata(data, opts.toString(), false);
    }

    private static String optionName(int code) {
        return switch (code) {
            case 3 -> "NSID";
            case 8 -> "ECS";
            case 9 -> "EXPIRE";
            case 10 -> "COOKIE";
            case 11 -> "KEEPALIVE";
            case 12 -> "PADDING";
            case 13 -> "CHAIN";
            case 14 -> "KEYTAG";
            case 15 -> "EDE";
            default -> "OPT" + code;
        };
    }

    /** SVCB and HTTPS (RFC 9460): "priority target key=value ...", values as Wireshark's item text shows them. */
    private static Rdata svcb(byte[] m, int off, int end, NameReader names) {
        if (end - off < 3) return bad(m, off, end - off);
        int[] next = new int[1];
        String target = nameIn(m, off + 2, end, names, next);
        if (target == null) return bad(m, off, end - off);
        StringBuilder sb = new StringBuilder().append(Bytes.u16(m, off)).append(' ').append(target);
        int p = next[0];
        while (p < end) {
            if (p + 4 > end) return new Rdata(sb.toString(), "", true);
            int key = Bytes.u16(m, p), len = Bytes.u16(m, p + 2);
            int v = p + 4, vEnd = v + len;
            if (vEnd > end) return new Rdata(sb.toString(), "", true);
            sb.append(' ').append(svcKey(key));
            if (!svcValue(sb, key, m, v, vEnd)) return new Rdata(sb.toString(), "", true);
            p = vEnd;
        }
        return ok(sb.toString());
    }

    private static String svcKey(int key) {
        return switch (key) {
            case 0 -> "mandatory";
            case 1 -> "alpn";
            case 2 -> "no-default-alpn";
            case 3 -> "port";
            case 4 -> "ipv4hint";
            case 5 -> "ech";
            case 6 -> "ipv6hint";
            case 32769 -> "odohconfig";
            default -> "key" + key;
        };
    }

    private static boolean svcValue(StringBuilder sb, int key, byte[] m, int v, int vEnd) {
        int len = vEnd - v;
        switch (key) {
            case 0 -> {
                if (len % 2 != 0) return false;
                for (int q = v; q < vEnd; q += 2) sb.append(q == v ? '=' : ',').append(svcKey(Bytes.u16(m, q)));
            }
            case 1 -> {
                int q = v;
                while (q < vEnd) {
                    int n = m[q] & 0xff;
                    if (q + 1 + n > vEnd) return false;
                    sb.append(q == v ? '=' : ',').append(WireText.ascii(m, q + 1, n));
                    q += 1 + n;
                }
            }
            case 2 -> {
                return len == 0;
            }
            case 3 -> {
                if (len != 2) return false;
                sb.append('=').append(Bytes.u16(m, v));
            }
            case 4 -> {
                if (len % 4 != 0) return false;
                for (int q = v; q < vEnd; q += 4) sb.append(q == v ? '=' : ',').append(Addresses.ipv4(Bytes.i32(m, q)));
            }
            case 6 -> {
                if (len % 16 != 0) return false;
                for (int q = v; q < vEnd; q += 16) {
                    sb.append(q == v ? '=' : ',').append(Addresses.ipv6(Bytes.i64(m, q), Bytes.i64(m, q + 8)));
                }
            }
            case 5, 32769 -> {
                byte[] raw = java.util.Arrays.copyOfRange(m, v, vEnd);
                sb.append('=').append(Base64.getEncoder().encodeToString(raw));
            }
            default -> {
                if (len > 0) sb.append('=').append(WireText.format(m, v, len));
            }
        }
        return true;
    }
}
