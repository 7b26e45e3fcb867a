package org.nta.app.tls;

/**
 * Limits of the TLS hello and certificate parser.
 *
 * @param maxHandshakeBytes   largest hello message buffered (its 24-bit length says how much is coming); a larger
 *                            one is counted ({@code tls.handshake_too_large}) and the direction is given up. Hellos
 *                            are a few hundred bytes, a few kB with post-quantum key shares.
 * @param maxCertificateBytes largest Certificate message buffered (TLS 1.2 and earlier); a larger one is counted
 *                            ({@code tls.certificate_too_large}) and not read. Chains are 1-6 kB, rarely above 16 kB;
 *                            0 reads no certificates at all.
 */
public record TlsConfig(int maxHandshakeBytes, int maxCertificateBytes) {
    public static final TlsConfig DEFAULTS = new TlsConfig(64 * 1024, 64 * 1024);

    public TlsConfig {
        if (maxHandshakeBytes < 64) throw new IllegalArgumentException("maxHandshakeBytes must be at least 64");
        if (maxCertificateBytes < 0) throw new IllegalArgumentException("maxCertificateBytes must not be negative");
    }

    /** Hellos limited to {@code maxHandshakeBytes}, certificates to the default. */
    public TlsConfig(int maxHandshakeBytes) {
        this(maxHandshakeBytes, 64 * 1024);
    }
}
