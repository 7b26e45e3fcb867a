package org.nta.app.dhcp;

import java.nio.charset.StandardCharsets;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.DhcpMessage;

/**
 * DHCPv4 over UDP 67/68: the BOOTP header (RFC 951) and, after the magic cookie, the options that name a host
 * (RFC 2132: 12 host name, 50 requested address, 51 lease, 53 message type, 54 server, 60 vendor class; RFC 4702:
 * 81 client FQDN). Option lengths are checked against the datagram; option overload is not followed.
 */
public final class DhcpDecoder {
    private static final int COOKIE = 0x63825363, HEADER = 236;
    private final AnomalyCounter anomalies;

    public DhcpDecoder(AnomalyCounter anomalies) {
        this.anomalies = anomalies;
    }

    /** A BOOTP header (op 1 or 2, Ethernet-sized fields), with or without the DHCP magic cookie. */
    public static boolean looksLikeDhcp(byte[] b, int off, int len) {
        return len >= HEADER && (b[off] == 1 || b[off] == 2) && (b[off + 2] & 0xff) <= 16;
    }

    public DhcpMessage decode(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        if (!looksLikeDhcp(b, off, len)) return null;
        int op = b[off], htype = b[off + 1] & 0xff, hlen = b[off + 2] & 0xff;
        long xid = Bytes.u32l(b, off + 4);
        String mac = htype == 1 && hlen == 6 ? mac(b, off + 28) : null;
        int type = 0;
        long lease = -1;
        String requested = null, server = null, host = null, fqdn = null, vendor = null, idMac = null;
        int p = off + HEADER + 4, end = off + len;
        if (len < HEADER + 4 || Bytes.i32(b, off + HEADER) != COOKIE) p = end; // plain BOOTP: no options
        while (p < end) {
            int code = b[p] & 0xff;
            if (code == 255) break;
            if (code == 0) {
                p++;
                continue;
            }
            if (p + 2 > end || p + 2 + (b[p + 1] & 0xff) > end) {
                anomalies.add(Anomaly.DHCP_MALFORMED, frame);
                break;
            }
            int n = b[p + 1] & 0xff, v = p + 2;
            switch (code) {
                case 12 -> host = text(b, v, n);
                case 50 -> requested = n == 4 ? ip(b, v) : requested;
                case 51 -> lease = n == 4 ? Bytes.u32l(b, v) : lease;
                case 53 -> type = n >= 1 ? b[v] & 0xff : type;
                case 54 -> server = n == 4 ? ip(b, v) : server;
                case 60 -> vendor = text(b, v, n);
                case 61 -> idMac = n == 7 && b[v] == 1 ? mac(b, v + 1) : idMac;
                case 81 -> fqdn = n >= 3 ? fqdn(b, v + 3, n - 3, (b[v] & 0x04) != 0) : fqdn;
                default -> {
                }
            }
            p = v + n;
        }
        return new DhcpMessage(frame, timeNs, conn, op, xid, type, mac, ip(b, off + 12), ip(b, off + 16), requested, server,
                lease, host, fqdn, vendor, idMac);
    }

    private static String text(byte[] b, int off, int n) {
        while (n > 0 && b[off + n - 1] == 0) n--; // some clients count a terminating NUL
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    /** Option 81's name: ASCII, or DNS wire format when the E flag is set. */
    private static String fqdn(byte[] b, int off, int n, boolean wire) {
        if (!wire) return text(b, off, n);
        StringBuilder sb = new StringBuilder();
        int p = off, end = off + n;
        while (p < end) {
            int l = b[p] & 0xff;
            if (l == 0 || l > 63 || p + 1 + l > end) break;
            if (sb.length() > 0) sb.append('.');
            sb.append(new String(b, p + 1, l, StandardCharsets.ISO_8859_1));
            p += 1 + l;
        }
        return sb.toString();
    }

    static String ip(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    static String mac(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((b[off + i] >> 4) & 15, 16)).append(Character.forDigit(b[off + i] & 15, 16));
        }
        return sb.toString();
    }
}
