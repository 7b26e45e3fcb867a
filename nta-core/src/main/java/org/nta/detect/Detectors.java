package org.nta.detect;

import java.util.ArrayList;
import java.util.List;

import org.nta.detect.scan.PortScanDetector;

/** The detectors of one analysis, in a fixed order (so reports are reproducible). */
public final class Detectors {
    private Detectors() {}

    public static List<Detector> all(DetectionConfig config) {
        List<Detector> list = new ArrayList<>();
        list.add(new PortScanDetector(config.scans()));
        // web detectors (content discovery, attack tools, web attacks, login brute force, disclosure, credentials)
        list.addAll(org.nta.detect.web.WebDetectors.all(config.web()));
        // upload, web shell and shell detectors
        list.addAll(org.nta.detect.shell.ShellDetectors.all(config.shells()));
        // authentication detectors (brute force, spraying, stuffing on any protocol and SSH; credentials, reuse)
        list.addAll(org.nta.detect.auth.AuthDetectors.all(config.auth()));
        // command and control, exfiltration, payload delivery, indicators from the user
        list.addAll(org.nta.detect.c2.C2Detectors.all(config.c2()));
        // Active Directory: Kerberoasting, AS-REP roasting, account enumeration, lateral movement over SMB
        list.addAll(org.nta.detect.ad.AdDetectors.all(config.ad()));
        // name-resolution poisoning (LLMNR, NBNS) and the logons it lures
        list.add(new org.nta.detect.names.NamePoisoningDetector(org.nta.detect.names.NamesConfig.DEFAULTS));
        return list;
    }
}
