package org.nta.detect.c2;

import java.util.List;

import org.nta.detect.Detector;

/** The command-and-control, exfiltration and delivery detectors, in report order. */
public final class C2Detectors {
    private C2Detectors() {}

    public static List<Detector> all(C2Config config) {
        List<Detector> list = new java.util.ArrayList<>(List.of(new BeaconDetector(config.beacon()), new DnsTunnelDetector(config.dns()),
                new ExfiltrationDetector(config.exfil()), new PayloadDeliveryDetector(config.delivery())));
        if (!config.intel().isEmpty()) list.add(new IntelMatchDetector(config.intel()));
        list.add(new SuspiciousCertificateDetector(config.certificate()));
        list.add(new ClientImpersonationDetector(config.impersonation()));
        return list;
    }
}
