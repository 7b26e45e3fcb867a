package org.nta.app.dhcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.Dhcpv6Message;

/**
 * DHCPv6 over UDP 546/547 (RFC 8415): the message header, relay headers and the relayed message (option 9, at most
 * {@link #MAX_RELAY_DEPTH} deep), and the options that name a client: client and server identifiers (DUIDs, with the
 * link-layer address of a DUID-LLT or DUID-LL) and the client FQDN (option 39, RFC 4704, DNS wire format without
 * compression, possibly partial). Option lengths are checked against the enclosing message ({@code dhcpv6.malformed});
 * what was read before a problem is kept.
 */
public final class Dhcpv6Decoder {
    /** RFC 8415's HOP_COUNT_LIMIT: relays deeper than this are not followed. */
    static final int MAX_RELAY_DEPTH = 8;
    private static final int MAX_OPTIONS = 256, RELAY_FORW = 12, RELAY_REPL = 13, RELAY_HEADER = 34;
    private final AnomalyCounter anomalies;

    public Dhcpv6Decoder(AnomalyCounter anomalies) {
        this.anomalies = anomalies;
    }

    /** What is read so far. */
    private static final class Parts {
        final List<Integer> types = new ArrayList<>();
        final List<Dhcpv6Message.Duid> duids = new ArrayList<>();
        int xid = -1, fqdnFlags = -1, options;
        String fqdn;
        boolean malformed;
    }

    public Dhcpv6Message decode(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        Parts p = new Parts();
        message(b, off, off + len, 0, p);
        if (p.malformed) anomalies.add(Anomaly.DHCPV6_MALFORMED, frame);
        return p.types.isEmpty() ? null : new Dhcpv6Message(frame, timeNs, conn, p.types, p.xid, p.duids, p.fqdn, p.fqdnFlags);
    }

    private static void message(byte[] b, int off, int end, int depth, Parts p) {
        if (off >= end) {
            p.malformed = true;
            return;
        }
        int type = b[off] & 0xff;
        boolean relay = type == RELAY_FORW || type == RELAY_REPL;
        if (off + (relay ? RELAY_HEADER : 4) > end) {
            p.malformed = true;
            return;
        }
        p.types.add(type);
        if (!relay) p.xid = Bytes.u24(b, off + 1);
        for (int q = off + (relay ? RELAY_HEADER : 4); q < end; ) {
            if (q + 4 > end || q + 4 + Bytes.u16(b, q + 2) > end || ++p.options > MAX_OPTIONS) {
                p.malformed = true;
                return;
            }
            int code = Bytes.u16(b, q), n = Bytes.u16(b, q + 2), v = q + 4;
            switch (code) {
                case 1, 2 -> duid(b, v, n, code, p);
                case 9 -> {
                    if (relay && depth < MAX_RELAY_DEPTH) message(b, v, v + n, depth + 1, p);
                }
                case 39 -> fqdn(b, v, n, p);
                default -> {
                }
            }
            q = v + n;
        }
    }

    private static void duid(byte[] b, int v, int n, int option, Parts p) {
        if (n < 2) {
            p.malformed = true;
            return;
        }
        int type = Bytes.u16(b, v), ll = type == 1 ? 8 : type == 3 ? 4 : -1; // where the link-layer address starts
        String lladdr = ll > 0 && n > ll ? punct(b, v + ll, n - ll) : null;
        p.duids.add(new Dhcpv6Message.Duid(option, type, HexFormat.of().formatHex(b, v, v + n), lladdr));
    }

    /** Flags, then labels up to a zero (fully qualified: "host.example.") or the option's end (partial: "host"). */
    private static void fqdn(byte[] b, int v, int n, Parts p) {
        if (n < 1) {
            p.malformed = true;
            return;
        }
        p.fqdnFlags = b[v] & 0xff;
        StringBuilder sb = new StringBuilder();
        int q = v + 1, end = v + n;
        while (q < end) {
            int l = b[q] & 0xff;
            if (l == 0) { // the root label: fully qualified, written with its final dot as Wireshark does
                if (sb.length() > 0) sb.append('.');
                break;
            }
            if (l > 63 || q + 1 + l > end) {
                p.malformed = true;
                break;
            }
            if (sb.length() > 0) sb.append('.');
            sb.append(new String(b, q + 1, l, StandardCharsets.ISO_8859_1));
            q += 1 + l;
        }
        p.fqdn = sb.toString();
    }

    private static String punct(byte[] b, int off, int n) {
        StringBuilder sb = new StringBuilder(3 * n);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((b[off + i] >> 4) & 15, 16)).append(Character.forDigit(b[off + i] & 15, 16));
        }
        return sb.toString();
    }
}
