package org.nta.detect;

import org.nta.detect.scan.ScanConfig;
import org.nta.detect.shell.ShellConfig;
import org.nta.detect.web.WebConfig;

/** Every detector threshold, grouped by detector family; defaults are what an analyst would expect. */
public record DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells) {
    public static final DetectionConfig DEFAULTS = new DetectionConfig(ScanConfig.DEFAULTS, WebConfig.DEFAULTS, ShellConfig.DEFAULTS);
}
