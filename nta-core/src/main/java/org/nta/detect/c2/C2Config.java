package org.nta.detect.c2;

/** Thresholds of the command-and-control, exfiltration and delivery detectors. */
public record C2Config(BeaconConfig beacon, DnsTunnelConfig dns, ExfilConfig exfil, DeliveryConfig delivery) {
    public static final C2Config DEFAULTS = new C2Config(BeaconConfig.DEFAULTS, DnsTunnelConfig.DEFAULTS, ExfilConfig.DEFAULTS,
            DeliveryConfig.DEFAULTS);
}
