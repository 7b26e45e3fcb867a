package org.nta.app.netbios;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.NbnsMessage;

/**
 * NetBIOS name service (RFC 1002 4.2) on UDP 137: DNS-like header, names in first-level encoding (32 letters 'A'-'P',
 * two per byte of the 16-byte NetBIOS name), an optional scope, and compression pointers in records. Counts, lengths
 * and pointers are checked against the datagram ({@code nbns.malformed}).
 */
public final class NbnsDecoder {
    private static final int MAX_RECORDS = 64, MAX_HOPS = 8;
    private static final Map<Integer, String> ROLES = Map.of(0x00, "Workstation/Redirector", 0x01, "Browser", 0x03,
            "Messenger service/Main name", 0x1b, "Domain Master Browser", 0x1c, "Domain Controllers", 0x1d,
            "Local Master Browser", 0x1e, "Browser Election Service", 0x20, "Server service");

    private final AnomalyCounter anomalies;

    public NbnsDecoder(AnomalyCounter anomalies) {
        this.anomalies = anomalies;
    }

    public NbnsMessage decode(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        if (len < 12) {
            anomalies.add(Anomaly.NBNS_MALFORMED, frame);
            return null;
        }
        int end = off + len, flags = Bytes.u16(b, off + 2);
        int qd = Bytes.u16(b, off + 4), an = Bytes.u16(b, off + 6), ns = Bytes.u16(b, off + 8), ar = Bytes.u16(b, off + 10);
        List<String> names = new ArrayList<>(), labels = new ArrayList<>(), addrs = new ArrayList<>(), groups = new ArrayList<>();
        int id = Bytes.u16(b, off);
        java.util.function.Supplier<NbnsMessage> done = () -> new NbnsMessage(frame, timeNs, conn, id, (flags & 0x8000) != 0,
                (flags >> 11) & 0xf, flags & 0xf, names, labels, addrs, groups, flags);
        if (qd + an + ns + ar > MAX_RECORDS) return malformed(frame, done);
        int[] p = {off + 12, 0}; // position, and the suffix of the last name read
        for (int i = 0; i < qd; i++) {
            String n = name(b, off, p, end);
            if (n == null || p[0] + 4 > end) return malformed(frame, done);
            p[0] += 4;
            names.add(n);
            labels.add(n);
        }
        for (int i = 0; i < an + ns + ar; i++) {
            String n = name(b, off, p, end);
            if (n == null || p[0] + 10 > end) return malformed(frame, done);
            int type = Bytes.u16(b, p[0]), rdlen = Bytes.u16(b, p[0] + 8);
            int rd = p[0] + 10;
            if (rd + rdlen > end) return malformed(frame, done);
            names.add(n);
            String role = ROLES.get(p[1]);
            labels.add(role == null ? n : n + " (" + role + ")");
            if (type == 0x20 && rdlen >= 6 && (b[rd] & 0x80) != 0 && !groups.contains(n)) groups.add(n); // NB_FLAGS G
            if (type == 0x20) for (int q = rd; q + 6 <= rd + rdlen; q += 6) addrs.add((b[q + 2] & 0xff) + "." + (b[q + 3] & 0xff) + "." + (b[q + 4] & 0xff) + "." + (b[q + 5] & 0xff));
            p[0] = rd + rdlen;
        }
        return done.get();
    }

    /** Counts a message that does not parse as its header says, and keeps what was read before the problem. */
    private NbnsMessage malformed(long frame, java.util.function.Supplier<NbnsMessage> soFar) {
        anomalies.add(Anomaly.NBNS_MALFORMED, frame);
        return soFar.get();
    }

    /** The name at p[0] (advancing it past the name; its suffix into p[1]), or null. */
    static String name(byte[] b, int msg, int[] p, int end) {
        int q = p[0], hops = 0;
        boolean jumped = false;
        StringBuilder scope = new StringBuilder();
        String nb = null;
        while (true) {
            if (q >= end) return null;
            int l = b[q] & 0xff;
            if ((l & 0xc0) == 0xc0) {
                if (q + 1 >= end || ++hops > MAX_HOPS) return null;
                if (!jumped) p[0] = q + 2;
                jumped = true;
                q = msg + (((l & 0x3f) << 8) | (b[q + 1] & 0xff));
                continue;
            }
            if (l == 0) {
                if (!jumped) p[0] = q + 1;
                break;
            }
            if (l > 63 || q + 1 + l > end) return null;
            if (nb == null) {
                if (l != 32) return null;
                byte[] raw = new byte[16];
                for (int i = 0; i < 16; i++) {
                    int hi = b[q + 1 + 2 * i] - 'A', lo = b[q + 2 + 2 * i] - 'A';
                    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return null;
                    raw[i] = (byte) (hi << 4 | lo);
                }
                int n = 15;
                while (n > 0 && raw[n - 1] == ' ') n--;
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    int c = raw[i] & 0xff;
                    if (c < 0x20 || c >= 0x7f) sb.append(String.format("<%02x>", c));
                    else sb.append((char) c);
                }
                nb = sb + String.format("<%02x>", raw[15] & 0xff);
                p[1] = raw[15] & 0xff;
            } else {
                scope.append('.').append(new String(b, q + 1, l, StandardCharsets.ISO_8859_1));
            }
            q += 1 + l;
        }
        return nb == null ? null : nb + scope;
    }
}
