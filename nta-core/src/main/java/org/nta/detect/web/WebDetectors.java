package org.nta.detect.web;

import java.util.List;

import org.nta.detect.Detector;

/** The web detectors, in report order. */
public final class WebDetectors {
    private WebDetectors() {}

    public static List<Detector> all(WebConfig config) {
        return List.of();
    }
}
