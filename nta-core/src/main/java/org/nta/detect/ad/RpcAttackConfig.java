package org.nta.detect.ad;

/**
 * Thresholds of the detectors that judge DCE/RPC calls against a domain controller (DCSync, Zerologon, directory
 * enumeration over samr and lsarpc).
 *
 * @param maxPairs              client-server pairs (and domain controllers) tracked per detector; beyond it new ones
 *                              are ignored
 * @param zerologonMinAttempts  NetrServerAuthenticate calls with an all-zero client credential from one client to
 *                              one server that make the Zerologon brute force high (fewer are medium; a success is
 *                              critical whatever the count)
 * @param dcsyncMinSealedReply  bytes of a sealed DsGetNCChanges answer (no fault) above which replication is taken to
 *                              have delivered data (the return code itself is encrypted)
 * @param ridCyclingMinLookups  SID or RID lookups (lsarpc LookupSids, samr LookupRids) from one client to one server
 *                              that make RID cycling (a Windows client resolves a few SIDs now and then)
 */
public record RpcAttackConfig(int maxPairs, int zerologonMinAttempts, long dcsyncMinSealedReply, int ridCyclingMinLookups) {
    public static final RpcAttackConfig DEFAULTS = new RpcAttackConfig(10_000, 5, 1024, 20);

    public RpcAttackConfig {
        if (maxPairs < 1 || zerologonMinAttempts < 1 || dcsyncMinSealedReply < 0 || ridCyclingMinLookups < 1) {
            throw new IllegalArgumentException("rpc attack thresholds must be positive");
        }
    }
}
