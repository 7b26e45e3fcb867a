package org.nta.detect.ad;

import java.util.List;

import org.nta.detect.Detector;

/** The Active Directory detectors (Kerberos roasting, account enumeration, lateral movement over SMB), in report order. */
public final class AdDetectors {
    private AdDetectors() {}

    public static List<Detector> all(AdConfig config) {
        return List.of(
                new UserEnumerationDetector(config),
                new DirectoryEnumerationDetector(config, RpcAttackConfig.DEFAULTS),
                new AsrepRoastingDetector(config),
                new KerberoastingDetector(config),
                new LateralMovementDetector(config),
                new DcSyncDetector(config, RpcAttackConfig.DEFAULTS),
                new ZerologonDetector(config, RpcAttackConfig.DEFAULTS));
    }
}
