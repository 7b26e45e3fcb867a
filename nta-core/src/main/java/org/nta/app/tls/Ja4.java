package org.nta.app.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.nta.bytes.Bytes;

/**
 * JA4, the TLS client fingerprint of FoxIO's JA4+ suite (BSD-3-Clause; technical_details/JA4.md), e.g.
 * {@code t13d1516h2_8daaf6152771_e5627efa2ab1}: protocol, version, SNI d/i, cipher and extension counts, first and
 * last characters of the first ALPN value; then the truncated SHA-256 of the sorted cipher list; then that of the
 * sorted extension list without SNI and ALPN, followed by the signature algorithms in wire order. GREASE is ignored
 * everywhere. (The other JA4+ fingerprints, JA4S included, are under the FoxIO License 1.1 and not implemented.)
 */
public final class Ja4 {
    static final String EMPTY_HASH = "000000000000";
    private static final int SNI = 0x0000, ALPN = 0x0010;

    private Ja4() {}

    /**
     * @param protocol      't' (TLS over TCP), 'q' (QUIC) or 'd' (DTLS)
     * @param version       handshake legacy_version, used when there is no supported_versions extension
     * @param supported     the supported_versions extension's list (empty when absent)
     * @param ciphers       cipher suites in wire order
     * @param extensions    extension types in wire order
     * @param firstAlpn     raw bytes of the first ALPN protocol, or null
     * @param sigAlgs       signature_algorithms in wire order
     */
    public static String fingerprint(char protocol, int version, List<Integer> supported, List<Integer> ciphers,
                                     List<Integer> extensions, byte[] firstAlpn, List<Integer> sigAlgs) {
        List<Integer> cs = noGrease(ciphers), ext = noGrease(extensions), sig = noGrease(sigAlgs);
        int v = version;
        List<Integer> sv = noGrease(supported);
        if (!sv.isEmpty()) v = sv.stream().mapToInt(Integer::intValue).max().getAsInt();
        String a = "" + protocol + versionCode(v) + (extensions.contains(SNI) ? 'd' : 'i') + count(cs.size())
                + count(ext.size()) + alpnCode(firstAlpn);
        String b = cs.isEmpty() ? EMPTY_HASH : hash12(hexList(sorted(cs)));
        List<Integer> sortedExt = new ArrayList<>(sorted(ext));
        sortedExt.removeIf(e -> e == SNI || e == ALPN);
        String c;
        if (sortedExt.isEmpty()) c = EMPTY_HASH;
        else c = hash12(hexList(sortedExt) + (sig.isEmpty() ? "" : "_" + hexList(sig)));
        return a + "_" + b + "_" + c;
    }

    static String versionCode(int v) {
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    /** First and last characters of the first ALPN value; hex digits when either end is not alphanumeric. */
    static String alpnCode(byte[] alpn) {
        if (alpn == null || alpn.length == 0) return "00";
        int first = alpn[0] & 0xff, last = alpn[alpn.length - 1] & 0xff;
        if (alnum(first) && alnum(last)) return "" + (char) first + (char) last;
        String hex = Bytes.hex(alpn);
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String count(int n) {
        int c = Math.min(n, 99);
        return "" + (char) ('0' + c / 10) + (char) ('0' + c % 10);
    }

    private static List<Integer> noGrease(List<Integer> values) {
        List<Integer> out = new ArrayList<>(values.size());
        for (int v : values) if (!Grease.is(v)) out.add(v);
        return out;
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }

    private static String hexList(List<Integer> values) {
        StringBuilder sb = new StringBuilder(values.size() * 5);
        for (int v : values) {
            if (sb.length() > 0) sb.append(',');
            for (int shift = 12; shift >= 0; shift -= 4) sb.append(Character.forDigit((v >> shift) & 0xf, 16));
        }
        return sb.toString();
    }

    static String hash12(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
            return Bytes.hex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
