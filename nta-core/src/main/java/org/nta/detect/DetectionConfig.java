package org.nta.detect;

import org.nta.detect.ad.AdConfig;
import org.nta.detect.auth.AuthConfig;
import org.nta.detect.c2.C2Config;
import org.nta.detect.scan.ScanConfig;
import org.nta.detect.shell.ShellConfig;
import org.nta.detect.web.WebConfig;

/** Every detector threshold, grouped by detector family; defaults are what an analyst would expect. */
public record DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells, AuthConfig auth, C2Config c2,
                              AdConfig ad) {
    public static final DetectionConfig DEFAULTS = new DetectionConfig(ScanConfig.DEFAULTS, WebConfig.DEFAULTS, ShellConfig.DEFAULTS,
            AuthConfig.DEFAULTS, C2Config.DEFAULTS, AdConfig.DEFAULTS);

    /** The families of before the auth and command-and-control detectors, with their defaults. */
    public DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells) {
        this(scans, web, shells, AuthConfig.DEFAULTS, C2Config.DEFAULTS, AdConfig.DEFAULTS);
    }

    /** With the auth detectors' thresholds given, command and control at its defaults. */
    public DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells, AuthConfig auth) {
        this(scans, web, shells, auth, C2Config.DEFAULTS, AdConfig.DEFAULTS);
    }

    /** The families of before the Active Directory detectors, those at their defaults. */
    public DetectionConfig(ScanConfig scans, WebConfig web, ShellConfig shells, AuthConfig auth, C2Config c2) {
        this(scans, web, shells, auth, c2, AdConfig.DEFAULTS.withShowSecrets(auth.showSecrets()));
    }

    /**
     * The same thresholds, with findings showing passwords, communities and found credentials ({@code analyze
     * --show-secrets}) or masking them (the default).
     */
    public DetectionConfig withShowSecrets(boolean show) {
        return new DetectionConfig(scans, web.withRevealPasswords(show), shells, auth.withShowSecrets(show), c2,
                ad.withShowSecrets(show));
    }

    /** Whether findings show secrets. */
    public boolean showSecrets() {
        return auth.showSecrets();
    }

    public DetectionConfig withC2(C2Config c2) {
        return new DetectionConfig(scans, web, shells, auth, c2, ad);
    }

    public DetectionConfig withAd(AdConfig ad) {
        return new DetectionConfig(scans, web, shells, auth, c2, ad);
    }
}
