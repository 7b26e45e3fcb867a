package org.nta.detect.c2;

/**
 * Thresholds of the suspicious-certificate detector (TLS 1.2 and earlier, where the chain is in clear).
 *
 * @param recentDays        a leaf whose notBefore is less than this many days before the capture is "new" (a
 *                          signal only together with another: public CAs issue fresh certificates every day)
 * @param shortValidityDays a leaf valid for less than this many days is short-lived (public CAs issue 6-day
 *                          certificates at the shortest; attackers' throw-away ones are often 1-2 days)
 * @param maxServers        server certificates (server address, port and leaf fingerprint) tracked at most
 * @param maxFrames         certificate frames listed per server at most
 * @param maxStreams        TLS connections remembered at once (for the name the client asked for)
 */
public record CertificateConfig(int recentDays, int shortValidityDays, int maxServers, int maxFrames, int maxStreams) {
    public static final CertificateConfig DEFAULTS = new CertificateConfig(7, 5, 10_000, 64, 8192);

    public CertificateConfig {
        if (recentDays < 0 || shortValidityDays < 0 || maxServers < 1 || maxFrames < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("certificate thresholds must be positive");
        }
    }
}
