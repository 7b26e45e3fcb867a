package org.nta.app.tls;

/**
 * Limits of the TLS hello parser.
 *
 * @param maxHandshakeBytes largest hello message buffered (its 24-bit length says how much is coming); a larger
 *                          one is counted ({@code tls.handshake_too_large}) and the direction is given up. Hellos
 *                          are a few hundred bytes, a few kB with post-quantum key shares.
 */
public record TlsConfig(int maxHandshakeBytes) {
    public static final TlsConfig DEFAULTS = new TlsConfig(64 * 1024);

    public TlsConfig {
        if (maxHandshakeBytes < 64) throw new IllegalArgumentException("maxHandshakeBytes must be at least 64");
    }
}
