package org.nta.bytes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 for the files every parser hashes (HTTP bodies, FTP, mail and SMB files) and the detectors that hash. */
public final class Digests {
    private Digests() {}

    /** A fresh SHA-256 digest (every Java platform has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Lower-case hex SHA-256 of {@code b}. */
    public static String sha256Hex(byte[] b) {
        return HexFormat.of().formatHex(sha256().digest(b));
    }
}
