package org.nta.detect.web;

/** Classes of web attack payload, with their JSON names (a contract: add, never rename). */
public enum AttackKind {
    SQLI("sqli", "SQL injection"),
    XSS("xss", "cross-site scripting"),
    PATH_TRAVERSAL("path_traversal", "path traversal / file inclusion"),
    CMD_INJECTION("cmd_injection", "OS command injection"),
    TEMPLATE_INJECTION("template_injection", "template injection"),
    JNDI("jndi", "JNDI lookup (Log4Shell)");

    private final String id;
    private final String title;

    AttackKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
