package org.nta.detect.c2;

/**
 * Limits of the client-impersonation detector.
 *
 * @param maxPairs  client and destination pairs remembered at most (for claims and for hellos each)
 * @param maxFrames hello frames listed per pair at most
 */
public record ImpersonationConfig(int maxPairs, int maxFrames) {
    public static final ImpersonationConfig DEFAULTS = new ImpersonationConfig(20_000, 32);

    public ImpersonationConfig {
        if (maxPairs < 1 || maxFrames < 1) throw new IllegalArgumentException("limits must be positive");
    }
}
