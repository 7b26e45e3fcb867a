package org.nta.report.eve;

import org.nta.detect.FindingType;
import org.nta.detect.Severity;

/**
 * What an EVE {@code alert} says for each kind of finding: a signature id that never changes (1,700,001 and up, in
 * the range Suricata leaves to local rules), a title, and a Suricata classtype description as the category. A new
 * {@link FindingType} does not compile here until it is given the next free id.
 */
public final class EveSignatures {
    /** The ids start above this. */
    public static final int BASE = 1_700_000;

    public record Signature(int sid, String title, String category) {}

    private EveSignatures() {}

    public static Signature of(FindingType t) {
        return switch (t) {
            case PORT_SCAN -> sig(1, "NTA SCAN port scan", "Detection of a Network Scan");
            case HOST_SWEEP -> sig(2, "NTA SCAN host sweep", "Detection of a Network Scan");
            case CONTENT_DISCOVERY -> sig(3, "NTA WEB content discovery", "Attempted Information Leak");
            case ATTACK_TOOL -> sig(4, "NTA WEB attack tool", "Web Application Attack");
            case WEB_ATTACK -> sig(5, "NTA WEB web attack", "Web Application Attack");
            case LOGIN_BRUTEFORCE -> sig(6, "NTA AUTH login brute force", "Attempted User Privilege Gain");
            case FILE_UPLOAD -> sig(7, "NTA WEB file upload", "Web Application Attack");
            case WEBSHELL_COMMAND -> sig(8, "NTA WEB web shell command", "Web Application Attack");
            case REVERSE_SHELL -> sig(9, "NTA SHELL reverse shell", "A Network Trojan was detected");
            case INFO_DISCLOSURE -> sig(10, "NTA INFO information disclosure", "Attempted Information Leak");
            case CLEARTEXT_CREDENTIALS -> sig(11, "NTA AUTH clear-text credentials", "Potential Corporate Privacy Violation");
            case CREDENTIAL_REUSE -> sig(12, "NTA AUTH credential reuse", "Attempted User Privilege Gain");
            case POST_LOGIN_ACTIVITY -> sig(13, "NTA AUTH activity after login", "Successful User Privilege Gain");
            case BEACON -> sig(14, "NTA C2 beacon", "A Network Trojan was detected");
            case DNS_TUNNEL -> sig(15, "NTA C2 DNS tunnel", "A Network Trojan was detected");
            case EXFILTRATION -> sig(16, "NTA C2 exfiltration", "Large Scale Information Leak");
            case PAYLOAD_DELIVERY -> sig(17, "NTA C2 payload delivery", "Potentially Bad Traffic");
            case INTEL_MATCH -> sig(18, "NTA INTEL indicator match", "Potentially Bad Traffic");
            case KERBEROASTING -> sig(19, "NTA AD Kerberoasting", "Attempted User Privilege Gain");
            case ASREP_ROASTING -> sig(20, "NTA AD AS-REP roasting", "Attempted User Privilege Gain");
            case USER_ENUMERATION -> sig(21, "NTA AD user enumeration", "Attempted Information Leak");
            case LATERAL_MOVEMENT -> sig(22, "NTA AD lateral movement", "Attempted Administrator Privilege Gain");
            case SUSPICIOUS_CERTIFICATE -> sig(23, "NTA TLS suspicious certificate", "Potentially Bad Traffic");
            case CLIENT_IMPERSONATION -> sig(24, "NTA TLS client impersonation", "Potentially Bad Traffic");
            case DCSYNC -> sig(25, "NTA AD DCSync", "Attempted Administrator Privilege Gain");
            case ZEROLOGON -> sig(26, "NTA AD Zerologon", "Attempted Administrator Privilege Gain");
            case NAME_POISONING -> sig(27, "NTA AD LLMNR/NBNS poisoning", "Attempted User Privilege Gain");
        };
    }

    /** Suricata's severity: 1 is the highest (critical and high), 2 medium, 3 low and informational. */
    public static int severity(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> 1;
            case MEDIUM -> 2;
            case LOW, INFO -> 3;
        };
    }

    private static Signature sig(int n, String title, String category) {
        return new Signature(BASE + n, title, category);
    }
}
