package org.nta.detect;

/** Steps of an intrusion, in the order an attacker goes through them (a kill chain folded to six steps). */
public enum Phase {
    RECONNAISSANCE("reconnaissance", "Reconnaissance"),
    ENUMERATION("enumeration", "Enumeration"),
    EXPLOITATION("exploitation", "Exploitation"),
    INSTALLATION("installation", "Installation"),
    COMMAND_AND_CONTROL("command_and_control", "Command and control"),
    ACTIONS_ON_OBJECTIVES("actions_on_objectives", "Actions on objectives");

    private final String id;
    private final String title;

    Phase(String id, String title) {
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
