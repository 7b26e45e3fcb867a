package org.nta.detect;

/** The kinds of finding, with their JSON names (a contract: add, never rename). */
public enum FindingType {
    PORT_SCAN("port_scan"),
    HOST_SWEEP("host_sweep"),
    CONTENT_DISCOVERY("content_discovery"),
    ATTACK_TOOL("attack_tool"),
    WEB_ATTACK("web_attack"),
    LOGIN_BRUTEFORCE("login_bruteforce"),
    FILE_UPLOAD("file_upload"),
    WEBSHELL_COMMAND("webshell_command"),
    REVERSE_SHELL("reverse_shell"),
    INFO_DISCLOSURE("info_disclosure"),
    CLEARTEXT_CREDENTIALS("cleartext_credentials"),
    CREDENTIAL_REUSE("credential_reuse"),
    POST_LOGIN_ACTIVITY("post_login_activity"),
    BEACON("beacon"),
    DNS_TUNNEL("dns_tunnel"),
    EXFILTRATION("exfiltration"),
    PAYLOAD_DELIVERY("payload_delivery"),
    INTEL_MATCH("intel_match"),
    KERBEROASTING("kerberoasting"),
    ASREP_ROASTING("asrep_roasting"),
    USER_ENUMERATION("user_enumeration"),
    LATERAL_MOVEMENT("lateral_movement"),
    SUSPICIOUS_CERTIFICATE("suspicious_certificate"),
    CLIENT_IMPERSONATION("client_impersonation"),
    DCSYNC("dcsync"),
    ZEROLOGON("zerologon"),
    NAME_POISONING("name_poisoning");

    private final String id;

    FindingType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
