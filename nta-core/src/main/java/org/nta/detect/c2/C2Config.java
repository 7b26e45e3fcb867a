package org.nta.detect.c2;

/** Thresholds of the command-and-control, exfiltration and delivery detectors, and the analyst's indicators. */
public record C2Config(BeaconConfig beacon, DnsTunnelConfig dns, ExfilConfig exfil, DeliveryConfig delivery, IntelSet intel,
                       CertificateConfig certificate, ImpersonationConfig impersonation) {
    public static final C2Config DEFAULTS = new C2Config(BeaconConfig.DEFAULTS, DnsTunnelConfig.DEFAULTS, ExfilConfig.DEFAULTS,
            DeliveryConfig.DEFAULTS, IntelSet.EMPTY);

    /** The default certificate and impersonation thresholds with these. */
    public C2Config(BeaconConfig beacon, DnsTunnelConfig dns, ExfilConfig exfil, DeliveryConfig delivery, IntelSet intel) {
        this(beacon, dns, exfil, delivery, intel, CertificateConfig.DEFAULTS, ImpersonationConfig.DEFAULTS);
    }

    /** The same thresholds with the analyst's indicators ({@code --intel}). */
    public C2Config withIntel(IntelSet intel) {
        return new C2Config(beacon, dns, exfil, delivery, intel, certificate, impersonation);
    }
}
