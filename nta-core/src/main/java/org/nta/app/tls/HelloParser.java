package org.nta.app.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.nta.app.WireText;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.TlsHello;

/**
 * Parses the body of a ClientHello or ServerHello handshake message (RFC 8446 4.1.2, 4.1.3; RFC 5246 7.4.1) and of
 * an SSL 2.0 CLIENT-HELLO. A hello whose vectors do not add up is counted as {@code tls.malformed} and yields
 * nothing; a bad extension body is counted but the hello is still reported.
 */
final class HelloParser {
    static final int EXT_SERVER_NAME = 0, EXT_SUPPORTED_GROUPS = 10, EXT_EC_POINT_FORMATS = 11,
            EXT_SIGNATURE_ALGORITHMS = 13, EXT_ALPN = 16, EXT_SUPPORTED_VERSIONS = 43;

    /** SHA-256("HelloRetryRequest"): the random of a ServerHello that is a HelloRetryRequest. */
    private static final byte[] HRR_RANDOM = java.util.HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private final AnomalyCounter anomalies;

    HelloParser(AnomalyCounter anomalies) {
        this.anomalies = anomalies;
    }

    /** What the extensions of a hello said. */
    private static final class Ext {
        final List<Integer> types = new ArrayList<>();
        final List<Integer> supportedVersions = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        final List<Integer> pointFormats = new ArrayList<>();
        final List<Integer> sigAlgs = new ArrayList<>();
        final List<String> alpn = new ArrayList<>();
        byte[] firstAlpn;
        String sni = "";
        boolean bad;
    }

    Optional<TlsHello> clientHello(byte[] b, int off, int len, int recordVersion, ConnInfo conn, long frame,
                                   long timeNs) {
        int end = off + len, p = off;
        if (len < 2 + 32 + 1) return malformed(frame);
        int version = Bytes.u16(b, p);
        p += 34;
        int sid = b[p] & 0xff;
        p += 1 + sid;
        if (sid > 32 || p + 2 > end) return malformed(frame);
        int csLen = Bytes.u16(b, p);
        p += 2;
        if (csLen % 2 != 0 || p + csLen + 1 > end) return malformed(frame);
        List<Integer> ciphers = new ArrayList<>(csLen / 2);
        for (int i = 0; i < csLen; i += 2) ciphers.add(Bytes.u16(b, p + i));
        p += csLen;
        int compLen = b[p] & 0xff;
        p += 1 + compLen;
        if (p > end) return malformed(frame);
        Ext ext = new Ext();
        if (p < end && !extensions(b, p, end, true, ext)) return malformed(frame);
        if (ext.bad) anomalies.add(Anomaly.TLS_MALFORMED, frame);
        String ja3 = Ja3.client(version, ciphers, ext.types, ext.groups, ext.pointFormats);
        String ja4 = Ja4.fingerprint(conn.transport().equals("udp") ? 'q' : 't', version, ext.supportedVersions,
                ciphers, ext.types, ext.firstAlpn, ext.sigAlgs);
        int effective = highest(ext.supportedVersions, version);
        return Optional.of(new TlsHello(frame, timeNs, conn, true, false, false, recordVersion, version,
                ext.supportedVersions, effective, ciphers, ext.types, ext.sni, ext.alpn, ext.groups, ext.pointFormats,
                ext.sigAlgs, ja3, Ja3.md5(ja3), ja4));
    }

    Optional<TlsHello> serverHello(byte[] b, int off, int len, int recordVersion, ConnInfo conn, long frame,
                                   long timeNs) {
        int end = off + len, p = off;
        if (len < 2 + 32 + 1) return malformed(frame);
        int version = Bytes.u16(b, p);
        boolean hrr = Arrays.equals(b, p + 2, p + 34, HRR_RANDOM, 0, 32);
        p += 34;
        int sid = b[p] & 0xff;
        p += 1 + sid;
        if (sid > 32 || p + 3 > end) return malformed(frame);
        int cipher = Bytes.u16(b, p);
        p += 3; // cipher suite and compression method
        Ext ext = new Ext();
        if (p < end && !extensions(b, p, end, false, ext)) return malformed(frame);
        if (ext.bad) anomalies.add(Anomaly.TLS_MALFORMED, frame);
        String ja3s = Ja3.server(version, cipher, ext.types);
        int effective = ext.supportedVersions.isEmpty() ? version : ext.supportedVersions.get(0);
        return Optional.of(new TlsHello(frame, timeNs, conn, false, false, hrr, recordVersion, version,
                ext.supportedVersions, effective, List.of(cipher), ext.types, ext.sni, ext.alpn, ext.groups,
                ext.pointFormats, ext.sigAlgs, ja3s, Ja3.md5(ja3s), null));
    }

    /**
     * SSL 2.0 CLIENT-HELLO body after the message type: version, cipher-specs length, session-id length,
     * challenge length, then the three.
     */
    Optional<TlsHello> sslv2ClientHello(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        if (len < 8) return malformed(frame);
        int version = Bytes.u16(b, off), csLen = Bytes.u16(b, off + 2), sidLen = Bytes.u16(b, off + 4),
                chLen = Bytes.u16(b, off + 6);
        if (csLen % 3 != 0 || 8 + csLen + sidLen + chLen != len) return malformed(frame);
        List<Integer> specs = new ArrayList<>(csLen / 3);
        for (int i = 0; i < csLen; i += 3) specs.add(Bytes.u24(b, off + 8 + i));
        return Optional.of(new TlsHello(frame, timeNs, conn, true, true, false, 0x0002, version, List.of(), version,
                specs, List.of(), "", List.of(), List.of(), List.of(), List.of(), null, null, null));
    }

    private static int highest(List<Integer> versions, int fallback) {
        int best = -1;
        for (int v : versions) if (!Grease.is(v) && v > best) best = v;
        return best < 0 ? fallback : best;
    }

    /** Reads the extensions block b[p, end); false when its framing is broken. */
    private static boolean extensions(byte[] b, int p, int end, boolean client, Ext ext) {
        if (p + 2 > end) return false;
        int total = Bytes.u16(b, p);
        p += 2;
        if (p + total != end) return false;
        while (p < end) {
            if (p + 4 > end) return false;
            int type = Bytes.u16(b, p), len = Bytes.u16(b, p + 2);
            int d = p + 4, dEnd = d + len;
            if (dEnd > end) return false;
            ext.types.add(type);
            if (!extension(b, d, dEnd, type, client, ext)) ext.bad = true;
            p = dEnd;
        }
        return true;
    }

    private static boolean extension(byte[] b, int p, int end, int type, boolean client, Ext ext) {
        int len = end - p;
        switch (type) {
            case EXT_SERVER_NAME -> {
                if (len == 0) return true; // a server acknowledging SNI
                if (len < 2 || Bytes.u16(b, p) != len - 2) return false;
                for (int q = p + 2; q < end; ) {
                    if (q + 3 > end) return false;
                    int nameType = b[q] & 0xff, n = Bytes.u16(b, q + 1);
                    if (q + 3 + n > end) return false;
                    if (nameType == 0 && ext.sni.isEmpty()) ext.sni = WireText.ascii(b, q + 3, n);
                    q += 3 + n;
                }
            }
            case EXT_ALPN -> {
                if (len < 2 || Bytes.u16(b, p) != len - 2) return false;
                for (int q = p + 2; q < end; ) {
                    int n = b[q] & 0xff;
                    if (q + 1 + n > end) return false;
                    if (ext.firstAlpn == null) ext.firstAlpn = Arrays.copyOfRange(b, q + 1, q + 1 + n);
                    ext.alpn.add(WireText.format(b, q + 1, n));
                    q += 1 + n;
                }
            }
            case EXT_SUPPORTED_GROUPS, EXT_SIGNATURE_ALGORITHMS -> {
                if (len < 2 || Bytes.u16(b, p) != len - 2 || len % 2 != 0) return false;
                List<Integer> into = type == EXT_SUPPORTED_GROUPS ? ext.groups : ext.sigAlgs;
                for (int q = p + 2; q < end; q += 2) into.add(Bytes.u16(b, q));
            }
            case EXT_EC_POINT_FORMATS -> {
                if (len < 1 || (b[p] & 0xff) != len - 1) return false;
                for (int q = p + 1; q < end; q++) ext.pointFormats.add(b[q] & 0xff);
            }
            case EXT_SUPPORTED_VERSIONS -> {
                if (client) {
                    if (len < 1 || (b[p] & 0xff) != len - 1 || len % 2 != 1) return false;
                    for (int q = p + 1; q < end; q += 2) ext.supportedVersions.add(Bytes.u16(b, q));
                } else {
                    if (len != 2) return false;
                    ext.supportedVersions.add(Bytes.u16(b, p));
                }
            }
            default -> {
                return true;
            }
        }
        return true;
    }

    private Optional<TlsHello> malformed(long frame) {
        anomalies.add(Anomaly.TLS_MALFORMED, frame);
        return Optional.empty();
    }
}
