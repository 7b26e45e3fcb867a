package org.nta.detect;

import org.nta.detect.auth.AuthConfig;
import org.nta.detect.c2.C2Config;
import org.nta.detect.scan.ScanConfig;
import org.nta.detect.shell.ShellConfig;
import org.nta.detect.web.WebConfig;

/** Every detector threshold, grouped by detector family; defaults are what an analyst would expect. */
public record DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells, AuthConfig auth) {
    public static final DetectionConfig DEFAULTS = new DetectionConfig(ScanConfig.DEFAULTS, WebConfig.DEFAULTS, ShellConfig.DEFAULTS,
            AuthConfig.DEFAULTS);

    /** The families of before the auth detectors, with the auth defaults. */
    public DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells) {
        this(scans, web, shells, AuthConfig.DEFAULTS);
    }

    /**
     * The same thresholds, with findings showing passwords, communities and found credentials ({@code analyze
     * --show-secrets}) or masking them (the default).
     */
    public DetectionConfig withShowSecrets(boolean show) {
        return new DetectionConfig(scans, web.withRevealPasswords(show), shells, auth.withShowSecrets(show));
    }

    /** Whether findings show secrets. */
    public boolean showSecrets() {
        return auth.showSecrets();
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
