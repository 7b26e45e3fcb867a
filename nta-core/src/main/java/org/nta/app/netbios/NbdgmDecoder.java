package org.nta.app.netbios;

import java.nio.charset.StandardCharsets;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.NbdgmMessage;

/**
 * NetBIOS datagram service (RFC 1002 4.4) on UDP 138: the header and its source and destination names, and in the
 * user data of a first fragment the SMB1 Transaction (MS-CIFS 2.2.4.33, mailslot write) whose mailslot is
 * {@code \MAILSLOT\BROWSE}, whose data is a browser message (MS-BRWS 2.2): announcements (server name, OS version,
 * server type, comment or master browser), elections, master announcements; or {@code \MAILSLOT\LANMAN}, whose data
 * is a LAN Manager announcement (the older layout Samba's nmbd sends with {@code lm announce}, and OS/2 and Windows 9x),
 * read into the same fields. Every offset and count is checked against the datagram ({@code nbdgm.malformed}); what
 * was read before a problem is kept.
 */
public final class NbdgmDecoder {
    private static final int SMB_HEADER = 32, TRANSACTION = 0x25, MIN_WORDS = 14, ANNOUNCEMENT = 32, LANMAN_NAME = 10;
    private final AnomalyCounter anomalies;

    public NbdgmDecoder(AnomalyCounter anomalies) {
        this.anomalies = anomalies;
    }

    public NbdgmMessage decode(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        int end = off + len, type = len > 0 ? b[off] & 0xff : -1;
        if (len < 11 || type < 0x10 || type > 0x16) return malformed(frame);
        if (type == 0x13) return message(frame, timeNs, conn, type, null, null, null);
        int[] p = {off + (type <= 0x12 ? 14 : 10), 0};
        if (p[0] > end) return malformed(frame);
        String source = null;
        if (type <= 0x12 && (source = NbnsDecoder.name(b, off, p, end)) == null) return malformed(frame);
        String destination = NbnsDecoder.name(b, off, p, end);
        if (destination == null) return malformed(frame);
        NbdgmMessage m = message(frame, timeNs, conn, type, source, destination, null);
        // user data of a datagram's first (or only) piece: an SMB1 Transaction writing to a mailslot
        if (type > 0x12 || Bytes.u16(b, off + 12) != 0 || p[0] + SMB_HEADER + 1 > end || Bytes.i32(b, p[0]) != 0xff534d42
                || (b[p[0] + 4] & 0xff) != TRANSACTION) return m;
        int smb = p[0], words = smb + SMB_HEADER + 1, wc = b[smb + SMB_HEADER] & 0xff, bytes = words + 2 * wc + 2;
        if (wc < MIN_WORDS || bytes > end) return malformed(frame, m);
        boolean unicode = (Bytes.u16le(b, smb + 10) & 0x8000) != 0;
        int dataCount = Bytes.u16le(b, words + 22), data = smb + Bytes.u16le(b, words + 24);
        String mailslot = unicode ? utf16z(b, bytes + ((bytes - smb) & 1), end) : cstr(b, bytes, end);
        m = message(frame, timeNs, conn, type, source, destination, mailslot);
        boolean lanman = mailslot.equalsIgnoreCase("\\MAILSLOT\\LANMAN");
        if (!lanman && !mailslot.equalsIgnoreCase("\\MAILSLOT\\BROWSE")) return m;
        if (data < bytes || data + dataCount > end || dataCount == 0) return malformed(frame, m);
        if (lanman) return lanman(b, data, data + dataCount, m, frame);
        NbdgmMessage browser = browser(b, data, data + dataCount, m);
        return browser != null ? browser : malformed(frame, m);
    }

    /** The browser message in {@code [d, end)} added to {@code m}, or null when it is cut short. */
    private static NbdgmMessage browser(byte[] b, int d, int end, NbdgmMessage m) {
        int cmd = b[d] & 0xff;
        switch (cmd) {
            case NbdgmMessage.HOST_ANNOUNCEMENT, NbdgmMessage.LOCAL_MASTER_ANNOUNCEMENT, NbdgmMessage.DOMAIN_ANNOUNCEMENT -> {
                // command, update count, periodicity (4), server name (16, NUL-padded), OS major, minor, server type
                // (4), browser version and signature (4; unused in a domain announcement), then a NUL-ended string
                if (d + 28 > end) return null;
                String text = d + ANNOUNCEMENT <= end ? cstr(b, d + ANNOUNCEMENT, end) : null;
                boolean domain = cmd == NbdgmMessage.DOMAIN_ANNOUNCEMENT;
                return with(m, cmd, cstr(b, d + 6, d + 22), b[d + 22] & 0xff, b[d + 23] & 0xff, Bytes.u32lle(b, d + 24),
                        domain ? null : text, domain ? text : null);
            }
            case 0x08 -> { // election: version, criteria (4), uptime (4), unused (4), server name
                return d + 14 > end ? null : with(m, cmd, cstr(b, d + 14, end), -1, -1, -1, null, null);
            }
            case 0x0d -> { // master announcement: the master browser's name
                return with(m, cmd, null, -1, -1, -1, null, cstr(b, d + 1, end));
            }
            default -> {
                return with(m, cmd, null, -1, -1, -1, null, null);
            }
        }
    }

    /**
     * The LAN Manager announcement in {@code [d, end)} added to {@code m}, read as Wireshark's {@code
     * dissect_mailslot_lanman} (packet-smb-browse.c) reads it: command (1), update count (1), server type (4, little
     * endian), OS major (1), OS minor (1), periodicity in seconds (2), then the server name and the comment (for a
     * domain announcement the master browser), each NUL-ended. Other commands keep only the command. As in Wireshark,
     * a message cut short keeps the fields before the cut (a server name or comment without its NUL is left out), and
     * is counted.
     */
    private NbdgmMessage lanman(byte[] b, int d, int end, NbdgmMessage m, long frame) {
        int cmd = b[d] & 0xff;
        if (cmd != NbdgmMessage.HOST_ANNOUNCEMENT && cmd != NbdgmMessage.LOCAL_MASTER_ANNOUNCEMENT
                && cmd != NbdgmMessage.DOMAIN_ANNOUNCEMENT) return with(m, cmd, null, -1, -1, -1, null, null);
        long type = d + 6 <= end ? Bytes.u32lle(b, d + 2) : -1;
        int major = d + 7 <= end ? b[d + 6] & 0xff : -1, minor = d + 8 <= end ? b[d + 7] & 0xff : -1;
        int name = d + LANMAN_NAME, nameNul = nul(b, name, end), textNul = nameNul < 0 ? -1 : nul(b, nameNul + 1, end);
        String server = nameNul < 0 ? null : cstr(b, name, nameNul), text = textNul < 0 ? null : cstr(b, nameNul + 1, textNul);
        boolean domain = cmd == NbdgmMessage.DOMAIN_ANNOUNCEMENT;
        NbdgmMessage r = with(m, cmd, server, major, minor, type, domain ? null : text, domain ? text : null);
        return textNul >= 0 ? r : malformed(frame, r);
    }

    /** The index of the first NUL in {@code [p, end)}, or -1. */
    private static int nul(byte[] b, int p, int end) {
        for (int q = p; q < end; q++) if (b[q] == 0) return q;
        return -1;
    }

    private static NbdgmMessage message(long frame, long timeNs, ConnInfo conn, int type, String source, String dest, String mailslot) {
        return new NbdgmMessage(frame, timeNs, conn, type, source, dest, mailslot, -1, null, -1, -1, -1, null, null);
    }

    private static NbdgmMessage with(NbdgmMessage m, int cmd, String server, int major, int minor, long type, String comment, String master) {
        return new NbdgmMessage(m.frame(), m.timeNs(), m.conn(), m.type(), m.sourceName(), m.destinationName(), m.mailslot(),
                cmd, server, major, minor, type, comment, master);
    }

    private NbdgmMessage malformed(long frame) {
        anomalies.add(Anomaly.NBDGM_MALFORMED, frame);
        return null;
    }

    private NbdgmMessage malformed(long frame, NbdgmMessage soFar) {
        anomalies.add(Anomaly.NBDGM_MALFORMED, frame);
        return soFar;
    }

    /** The string at {@code p} up to its NUL or {@code end}, whichever comes first. */
    static String cstr(byte[] b, int p, int end) {
        int q = p;
        while (q < end && b[q] != 0) q++;
        return new String(b, p, q - p, StandardCharsets.ISO_8859_1);
    }

    private static String utf16z(byte[] b, int p, int end) {
        if (p >= end) return "";
        int q = p;
        while (q + 1 < end && (b[q] != 0 || b[q + 1] != 0)) q += 2;
        return new String(b, p, Math.min(q, end) - p & ~1, StandardCharsets.UTF_16LE);
    }
}
