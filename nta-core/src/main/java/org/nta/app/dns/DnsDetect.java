package org.nta.app.dns;

import org.nta.bytes.Bytes;

/**
 * Cheap, strict checks that bytes are DNS, for a dispatcher that meets UDP or TCP traffic on a port no parser is
 * registered for. Nothing is allocated and no name is expanded: the check walks the message's structure once and
 * wants it to end exactly where the data ends.
 */
public final class DnsDetect {
    /** Records walked at most; a real message on an unusual port has few. */
    private static final int MAX_WALK = 256;

    private DnsDetect() {}

    /** Whether b[off, off + len) is one whole, well-formed DNS message (a UDP payload). */
    public static boolean looksLikeDns(byte[] b, int off, int len) {
        if (!plausibleHeader(b, off, len)) return false;
        int end = off + len;
        int qd = Bytes.u16(b, off + 4), an = Bytes.u16(b, off + 6), ns = Bytes.u16(b, off + 8),
                ar = Bytes.u16(b, off + 10);
        if (qd + an + ns + ar > MAX_WALK) return false;
        int p = off + DnsDecoder.HEADER;
        for (int i = 0; i < qd; i++) {
            p = skipName(b, off, p, end);
            if (p < 0 || p + 4 > end) return false;
            int qclass = Bytes.u16(b, p + 2) & 0x7fff;
            if (Bytes.u16(b, p) == 0 || !knownClass(qclass)) return false;
            p += 4;
        }
        for (int i = 0; i < an + ns + ar; i++) {
            p = skipName(b, off, p, end);
            if (p < 0 || p + 10 > end) return false;
            int rdLen = Bytes.u16(b, p + 8);
            p += 10 + rdLen;
            if (p > end) return false;
        }
        return p == end;
    }

    /**
     * Whether the first bytes of a TCP direction look like DNS over TCP: a 2-byte length of at least 12, then a
     * plausible header; when the whole first message is there it must pass {@link #looksLikeDns}.
     */
    public static boolean looksLikeDnsOverTcp(byte[] b, int off, int len) {
        if (len < 2 + DnsDecoder.HEADER) return false;
        int msgLen = Bytes.u16(b, off);
        if (msgLen < DnsDecoder.HEADER) return false;
        if (len - 2 >= msgLen) return looksLikeDns(b, off + 2, msgLen);
        return plausibleHeader(b, off + 2, len - 2) && plausibleFirstQuestion(b, off + 2, off + len);
    }

    /** The first question, as far as it was delivered: valid labels, then a known class. */
    private static boolean plausibleFirstQuestion(byte[] b, int base, int end) {
        if (Bytes.u16(b, base + 4) == 0) return true;
        int p = base + DnsDecoder.HEADER, wire = 0;
        while (p < end) {
            int c = b[p] & 0xff;
            if (c == 0) {
                p++;
                if (p + 4 > end) return true;
                return Bytes.u16(b, p) != 0 && knownClass(Bytes.u16(b, p + 2) & 0x7fff);
            }
            if ((c & 0xc0) != 0) return false; // nothing precedes the first name to point at
            wire += c + 1;
            if (wire >= 255) return false;
            p += 1 + c;
        }
        return true;
    }

    /**
     * Header rules: a known opcode, the Z bit clear, exactly one question (zone, for UPDATE) unless it is an error
     * response, and a query without answers or rcode.
     */
    static boolean plausibleHeader(byte[] b, int off, int len) {
        if (len < DnsDecoder.HEADER) return false;
        int flags = Bytes.u16(b, off + 2);
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xf, rcode = flags & 0xf;
        if (opcode == 3 || opcode > 6) return false;
        if ((flags & 0x0040) != 0) return false;
        int qd = Bytes.u16(b, off + 4), an = Bytes.u16(b, off + 6), ns = Bytes.u16(b, off + 8);
        if (qd != 1 && !(qd == 0 && response && rcode != 0)) return false;
        if (!response) {
            if (rcode != 0) return false;
            if (opcode == 0 && (qd != 1 || an != 0 || ns != 0)) return false;
        }
        return true;
    }

    private static boolean knownClass(int c) {
        return c == 1 || c == 3 || c == 4 || c == 254 || c == 255;
    }

    /** Skips a name without following pointers; a pointer must point back into the message past the header. */
    private static int skipName(byte[] b, int base, int p, int end) {
        int wire = 0;
        while (p < end) {
            int c = b[p] & 0xff;
            if (c == 0) return p + 1;
            if ((c & 0xc0) == 0xc0) {
                if (p + 1 >= end) return -1;
                int target = base + (((c & 0x3f) << 8) | (b[p + 1] & 0xff));
                return target >= base + DnsDecoder.HEADER && target < p ? p + 2 : -1;
            }
            if ((c & 0xc0) != 0) return -1;
            wire += c + 1;
            if (wire >= 255) return -1;
            p += 1 + c;
        }
        return -1;
    }
}
