package org.nta.app.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.nta.bytes.Bytes;

/**
 * JA3 and JA3S (salesforce/ja3, BSD-3-Clause) as Wireshark computes {@code tls.handshake.ja3_full} and
 * {@code tls.handshake.ja3s_full}: decimal values joined with "-", fields with ",", GREASE left out of suites,
 * extensions and groups.
 */
public final class Ja3 {
    private Ja3() {}

    /** SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats */
    public static String client(int version, List<Integer> ciphers, List<Integer> extensions, List<Integer> groups,
                                List<Integer> pointFormats) {
        return version + "," + join(ciphers, true) + "," + join(extensions, true) + "," + join(groups, true) + ","
                + join(pointFormats, false);
    }

    /** SSLVersion,Cipher,Extensions */
    public static String server(int version, int cipher, List<Integer> extensions) {
        return version + "," + cipher + "," + join(extensions, true);
    }

    /** Lower-case hex MD5 of the string's bytes. */
    public static String md5(String s) {
        try {
            return Bytes.hex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String join(List<Integer> values, boolean skipGrease) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            if (skipGrease && Grease.is(v)) continue;
            if (sb.length() > 0) sb.append('-');
            sb.append(v);
        }
        return sb.toString();
    }
}
