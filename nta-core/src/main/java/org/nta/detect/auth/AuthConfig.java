package org.nta.detect.auth;

import java.util.List;

/**
 * Thresholds and limits of the authentication detectors ({@code detect.auth}). Every cap bounds memory; what a cap
 * drops is counted in the findings' evidence.
 *
 * @param maxUses                 credential uses kept for the whole capture (beyond it they are counted, not kept)
 * @param maxSecretChars          longest secret kept for comparison (longer ones are kept as absent)
 * @param maxFiles                files moved by logged-in sessions kept for {@code post_login_activity}
 * @param maxSamples              samples per evidence list (users, successes, files)
 * @param maxFilterFrames         evidence frames listed one by one in a filter; beyond it the filter names the
 *                                connections, then the hosts and frame range
 * @param maxFilterStreams        connections listed in a filter
 * @param bruteMinAttempts        credential uses by one client against one server and protocol, in one burst,
 *                                before they can be guessing
 * @param bruteMinDistinct        distinct passwords (brute force), users (spraying) or pairs (stuffing) tried
 * @param bruteMinFailures        uses not accepted (rejected or unanswered) among them
 * @param bruteMaxGapSec          seconds without a use that end a burst
 * @param blindMinPerMinute       when the passwords cannot be read (hashes, CRAM-MD5) and one user is tried, the
 *                                uses per minute the burst must reach: a stale saved password retried by a
 *                                service or a mapped drive fails the same way, only slower than a guessing tool
 * @param stuffingMaxRepeats      a burst is credential stuffing when no user is tried with more than this many
 *                                passwords and no password with more than this many users
 * @param sshMinConnections       SSH connections of one shape from one client to one server before they are
 *                                password guessing
 * @param sshMaxGapSec            seconds between two SSH connections that end a burst
 * @param sshMaxAttemptSec        longest a guessing connection lasts
 * @param sshMinKexBytes          payload bytes each way a connection needs to have reached authentication (a
 *                                banner grab or port scan sends less)
 * @param sshShapeTolerance       relative difference in bytes each way within which two connections have the same
 *                                shape (with {@code sshShapeSlackBytes} of absolute slack)
 * @param sshShapeSlackBytes      absolute slack of the shape comparison
 * @param sshSuccessFactor        a connection carrying this many times the usual bytes (either way) or lasting this
 *                                many times longer (and longer than {@code sshMaxAttemptSec}) is a login that
 *                                worked
 * @param showSecrets             findings show passwords and communities instead of {@code ****}
 * @param defaultCredentials      well-known default logins, {@code user:password}; {@code *} as the password
 *                                matches any (anonymous FTP); user names compare without case
 * @param defaultCommunities      well-known default SNMP communities
 */
public record AuthConfig(int maxUses, int maxSecretChars, int maxFiles, int maxSamples, int maxFilterFrames,
                         int maxFilterStreams, int bruteMinAttempts, int bruteMinDistinct, int bruteMinFailures,
                         long bruteMaxGapSec, double blindMinPerMinute, int stuffingMaxRepeats, int sshMinConnections, long sshMaxGapSec,
                         long sshMaxAttemptSec, long sshMinKexBytes, double sshShapeTolerance, long sshShapeSlackBytes,
                         double sshSuccessFactor, boolean showSecrets, List<String> defaultCredentials,
                         List<String> defaultCommunities) {
    /** The documented defaults list (docs/findings-auth.md). */
    public static final List<String> DEFAULT_CREDENTIALS = List.of("anonymous:*", "ftp:*", "admin:admin", "admin:password",
            "admin:", "admin:1234", "admin:12345", "root:root", "root:toor", "root:", "guest:guest", "guest:", "user:user",
            "test:test", "administrator:password", "cisco:cisco", "pi:raspberry", "ubnt:ubnt", "msfadmin:msfadmin",
            "tomcat:tomcat", "postgres:postgres", "sa:");
    public static final List<String> DEFAULT_COMMUNITIES = List.of("public", "private", "community", "manager", "cisco",
            "admin", "snmp", "secret");

    public static final AuthConfig DEFAULTS = new AuthConfig(100_000, 256, 10_000, 20, 400, 300, 6, 5, 5, 300, 20.0, 2,
            10, 60, 30, 500, 0.25, 300, 3.0, false, DEFAULT_CREDENTIALS, DEFAULT_COMMUNITIES);

    public AuthConfig {
        if (maxUses < 1 || maxSecretChars < 1 || maxFiles < 1 || maxSamples < 1 || maxFilterFrames < 1 || maxFilterStreams < 1
                || bruteMinAttempts < 2 || bruteMinDistinct < 2 || sshMinConnections < 2) {
            throw new IllegalArgumentException("auth detector limits must be positive");
        }
        defaultCredentials = List.copyOf(defaultCredentials);
        defaultCommunities = List.copyOf(defaultCommunities);
    }

    /** The same thresholds, showing or masking secrets. */
    public AuthConfig withShowSecrets(boolean show) {
        return new AuthConfig(maxUses, maxSecretChars, maxFiles, maxSamples, maxFilterFrames, maxFilterStreams, bruteMinAttempts,
                bruteMinDistinct, bruteMinFailures, bruteMaxGapSec, blindMinPerMinute, stuffingMaxRepeats, sshMinConnections, sshMaxGapSec,
                sshMaxAttemptSec, sshMinKexBytes, sshShapeTolerance, sshShapeSlackBytes, sshSuccessFactor, show, defaultCredentials,
                defaultCommunities);
    }

    /** The same, with other brute-force thresholds (tests and tuning). */
    public AuthConfig withBrute(int minAttempts, int minDistinct, int minFailures, long maxGapSec) {
        return new AuthConfig(maxUses, maxSecretChars, maxFiles, maxSamples, maxFilterFrames, maxFilterStreams, minAttempts,
                minDistinct, minFailures, maxGapSec, blindMinPerMinute, stuffingMaxRepeats, sshMinConnections, sshMaxGapSec, sshMaxAttemptSec,
                sshMinKexBytes, sshShapeTolerance, sshShapeSlackBytes, sshSuccessFactor, showSecrets, defaultCredentials,
                defaultCommunities);
    }
}
