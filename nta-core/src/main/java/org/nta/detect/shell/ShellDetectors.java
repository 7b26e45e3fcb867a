package org.nta.detect.shell;

import java.util.List;

import org.nta.detect.Detector;

/** The upload, web shell and shell detectors, in report order. */
public final class ShellDetectors {
    private ShellDetectors() {}

    public static List<Detector> all(ShellConfig config) {
        return List.of(new ScriptUploadDetector(config), new WebShellCommandDetector(config), new ReverseShellDetector(config),
                new ShellFileReadDetector(config));
    }
}
