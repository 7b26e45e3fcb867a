package org.nta.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.nta.detect.Finding;
import org.nta.detect.Severity;

/**
 * Which accounts a finding put in an attacker's hands, and which accounts a finding's actor logged on as: the thread
 * that ties a roasted or sprayed account to the host it is used from next. Names are compared without their domain
 * and case ({@code LAB\svc_sql}, {@code svc_sql@LAB.LOCAL} and {@code SVC_SQL} are one account).
 */
final class AccountTrail {
    private AccountTrail() {}

    /** The accounts whose secret the finding's attacker obtained (or can crack offline), empty when none. */
    static TreeSet<String> obtained(Finding f) {
        TreeSet<String> out = new TreeSet<>();
        if (!Boolean.TRUE.equals(f.succeeded()) || f.attacker() == null) return out;
        Map<String, Object> ev = f.evidence();
        switch (f.type()) {
            case KERBEROASTING -> addAll(out, ev.get("roasted_accounts"));
            case ASREP_ROASTING -> addFromMaps(out, ev.get("roasted"), "user");
            case LOGIN_BRUTEFORCE -> add(out, ev.get("username"));
            case NAME_POISONING -> addFromMaps(out, ev.get("credentials"), "user");
            default -> { }
        }
        return out;
    }

    /** The accounts the finding's actor authenticated as, when the finding is worth following (medium or above). */
    static TreeSet<String> used(Finding f) {
        TreeSet<String> out = new TreeSet<>();
        if (f.attacker() == null || !f.severity().atLeast(Severity.MEDIUM)) return out;
        Map<String, Object> ev = f.evidence();
        switch (f.type()) {
            case LATERAL_MOVEMENT -> addAll(out, ev.get("users"));
            case CREDENTIAL_REUSE, POST_LOGIN_ACTIVITY -> add(out, ev.get("username"));
            default -> { }
        }
        return out;
    }

    /** "LAB\svc_sql", "svc_sql@LAB.LOCAL", "SVC_SQL" → "svc_sql"; null for empty names and anonymous logons. */
    static String account(String name) {
        if (name == null) return null;
        String n = name.trim();
        int bs = n.lastIndexOf('\\');
        if (bs >= 0) n = n.substring(bs + 1);
        int at = n.indexOf('@');
        if (at > 0) n = n.substring(0, at);
        n = n.toLowerCase(Locale.ROOT);
        return n.isEmpty() || n.equals("anonymous") ? null : n;
    }

    private static void add(Collection<String> out, Object name) {
        if (name instanceof String s) {
            String a = account(s);
            if (a != null) out.add(a);
        }
    }

    private static void addAll(Collection<String> out, Object names) {
        if (names instanceof Collection<?> c) for (Object o : c) add(out, o);
    }

    private static void addFromMaps(Collection<String> out, Object maps, String key) {
        if (!(maps instanceof Collection<?> c)) return;
        for (Object o : new ArrayList<>(c)) if (o instanceof Map<?, ?> m) add(out, m.get(key));
    }
}
