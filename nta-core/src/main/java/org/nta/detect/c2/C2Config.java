package org.nta.detect.c2;

/** Thresholds of the command-and-control, exfiltration and delivery detectors, and the analyst's indicators. */
public record C2Config(BeaconConfig beacon, DnsTunnelConfig dns, ExfilConfig exfil, DeliveryConfig delivery, IntelSet intel) {
    public static final C2Config DEFAULTS = new C2Config(BeaconConfig.DEFAULTS, DnsTunnelConfig.DEFAULTS, ExfilConfig.DEFAULTS,
            DeliveryConfig.DEFAULTS, IntelSet.EMPTY);

    /** The same thresholds with the analyst's indicators ({@code --intel}). */
    public C2Config withIntel(IntelSet intel) {
        return new C2Config(beacon, dns, exfil, delivery, intel);
    }
}
