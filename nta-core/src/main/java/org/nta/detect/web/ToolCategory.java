package org.nta.detect.web;

import java.util.List;

import org.nta.detect.Phase;
import org.nta.detect.Severity;

/**
 * What kind of tool a User-Agent (or behaviour) names, and what that means for a finding: the phase of the
 * intrusion it belongs to, how serious its use is, and the ATT&CK technique.
 */
public enum ToolCategory {
    CONTENT_DISCOVERY("content_discovery", Phase.ENUMERATION, Severity.MEDIUM, List.of("T1595.003")),
    VULN_SCANNER("vuln_scanner", Phase.ENUMERATION, Severity.MEDIUM, List.of("T1595.002")),
    PORT_SCANNER("port_scanner", Phase.RECONNAISSANCE, Severity.MEDIUM, List.of("T1046")),
    PROXY("proxy", Phase.ENUMERATION, Severity.MEDIUM, List.of("T1595.002")),
    SQL_INJECTION("sql_injection", Phase.EXPLOITATION, Severity.HIGH, List.of("T1190")),
    BRUTEFORCE("bruteforce", Phase.EXPLOITATION, Severity.HIGH, List.of("T1110")),
    EXPLOIT_FRAMEWORK("exploit_framework", Phase.EXPLOITATION, Severity.HIGH, List.of("T1190")),
    /** curl, wget, python-requests …: ordinary automation, context only. */
    SCRIPT("script", Phase.RECONNAISSANCE, Severity.INFO, List.of());

    private final String id;
    private final Phase phase;
    private final Severity severity;
    private final List<String> techniques;

    ToolCategory(String id, Phase phase, Severity severity, List<String> techniques) {
        this.id = id;
        this.phase = phase;
        this.severity = severity;
        this.techniques = techniques;
    }

    public String id() {
        return id;
    }

    public Phase phase() {
        return phase;
    }

    public Severity severity() {
        return severity;
    }

    public List<String> techniques() {
        return techniques;
    }

    public boolean offensive() {
        return this != SCRIPT;
    }

    public static ToolCategory byId(String id) {
        for (ToolCategory c : values()) if (c.id.equals(id)) return c;
        throw new IllegalArgumentException("unknown tool category: " + id);
    }
}
