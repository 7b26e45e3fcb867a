package org.nta.detect.web;

/** Thresholds of the web detectors. */
public record WebConfig() {
    public static final WebConfig DEFAULTS = new WebConfig();
}
