package org.nta.detect;

import org.nta.detect.c2.C2Config;
import org.nta.detect.scan.ScanConfig;
import org.nta.detect.shell.ShellConfig;
import org.nta.detect.web.WebConfig;

/** Every detector threshold, grouped by detector family; defaults are what an analyst would expect. */
public record DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells, C2Config c2) {
    public static final DetectionConfig DEFAULTS = new DetectionConfig(ScanConfig.DEFAULTS, WebConfig.DEFAULTS, ShellConfig.DEFAULTS,
            C2Config.DEFAULTS);

    /** The families before command and control, with its defaults. */
    public DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells) {
        this(scans, web, shells, C2Config.DEFAULTS);
    }

    public DetectionConfig withC2(C2Config c2) {
        return new DetectionConfig(scans, web, shells, c2);
    }
}
