package org.nta.detect;

/** How bad a finding is, lowest first. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase();
    }

    public boolean atLeast(Severity s) {
        return compareTo(s) >= 0;
    }
}
