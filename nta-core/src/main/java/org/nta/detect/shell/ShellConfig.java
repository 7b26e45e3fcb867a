package org.nta.detect.shell;

/** Thresholds of the upload, web shell and shell detectors. */
public record ShellConfig() {
    public static final ShellConfig DEFAULTS = new ShellConfig();
}
