package org.nta.detect.ad;

/**
 * Thresholds and limits of the Active Directory detectors ({@code detect.ad}). Every cap bounds memory.
 *
 * @param maxClients          clients (and client-server pairs) tracked per detector; beyond it new ones are ignored
 * @param maxConversations    Kerberos conversations (a request waiting for its answer) remembered
 * @param maxSamples          names, SPNs, files and frames listed per finding
 * @param maxFilterFrames     evidence frames listed one by one in a filter; beyond it the filter names the hosts and
 *                            the frame range
 * @param windowSec           seconds without a new name that end a burst (roasting, enumeration, SPN requests)
 * @param asrepMinNames       distinct names asked for without pre-authentication (and never retried with it) by one
 *                            client in one burst before it is AS-REP roasting; an AS-REP given without
 *                            pre-authentication is reported whatever the count
 * @param enumMinUnknown      distinct names answered KDC_ERR_C_PRINCIPAL_UNKNOWN for one client in one burst
 * @param kerberoastMinSpns   distinct service principals asked for by one client in one burst that make a
 *                            Kerberoasting sweep even when it asks for AES
 * @param showSecrets         findings show the crackable hashes instead of {@code ****}
 */
public record AdConfig(int maxClients, int maxConversations, int maxSamples, int maxFilterFrames, long windowSec,
                       int asrepMinNames, int enumMinUnknown, int kerberoastMinSpns, boolean showSecrets) {
    public static final AdConfig DEFAULTS = new AdConfig(10_000, 10_000, 20, 200, 300, 3, 3, 5, false);

    public AdConfig {
        if (maxClients < 1 || maxConversations < 1 || maxSamples < 1 || maxFilterFrames < 1 || windowSec < 1
                || asrepMinNames < 1 || enumMinUnknown < 1 || kerberoastMinSpns < 1) {
            throw new IllegalArgumentException("ad detector limits must be positive");
        }
    }

    public AdConfig withShowSecrets(boolean show) {
        return new AdConfig(maxClients, maxConversations, maxSamples, maxFilterFrames, windowSec, asrepMinNames,
                enumMinUnknown, kerberoastMinSpns, show);
    }

    /** The same, with other burst thresholds (tests and tuning). */
    public AdConfig withThresholds(int asrepMinNames, int enumMinUnknown, int kerberoastMinSpns) {
        return new AdConfig(maxClients, maxConversations, maxSamples, maxFilterFrames, windowSec, asrepMinNames,
                enumMinUnknown, kerberoastMinSpns, showSecrets);
    }

    /** The secret as findings show it. */
    String shown(String secret) {
        return secret == null ? null : showSecrets ? secret : org.nta.event.Credential.MASK;
    }
}
