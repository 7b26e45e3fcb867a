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
 * and case ({@code LAB\svc_sql}, {@code svc_sql@LAB.LOCAL} and {@code SVC_SQL} are one account). A domain's account
 * (Kerberos, NTLM over SMB or LDAP) is one account everywhere; an account of a server's own login (FTP, mail,
 * Telnet, HTTP, SSH) is that server's only: "webadmin" guessed on one FTP server is not "webadmin" elsewhere. Keys
 * are the name for the first and {@code name@server} for the second.
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
            case LOGIN_BRUTEFORCE -> addScoped(out, ev.get("username"), ev.get("protocol"), f.victim());
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
            case POST_LOGIN_ACTIVITY -> addScoped(out, ev.get("username"), ev.get("protocol"), f.victim());
            case CREDENTIAL_REUSE -> { // the same password: the account where it was found, and where it was used
                if (ev.get("origin") instanceof Map<?, ?> o) addScoped(out, ev.get("username"), o.get("protocol"), (String) o.get("server"));
                if (ev.get("used") instanceof Map<?, ?> u) addScoped(out, ev.get("username"), u.get("protocol"), f.victim());
            }
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

    /** Protocols whose logons are a domain's accounts; every other protocol's are the server's own. */
    private static final java.util.Set<String> DOMAIN = java.util.Set.of("kerberos", "smb", "smb2", "ldap", "ldaps", "dcerpc",
            "ntlm", "ntlmssp");

    private static void addScoped(Collection<String> out, Object name, Object protocol, String server) {
        if (!(name instanceof String s)) return;
        String a = account(s);
        if (a == null) return;
        boolean domain = protocol instanceof String p && DOMAIN.contains(p.toLowerCase(Locale.ROOT));
        out.add(domain || server == null ? a : a + "@" + server);
    }

    /** The account name of a key ("webadmin@10.0.0.5" → "webadmin"). */
    static String name(String key) {
        int at = key.lastIndexOf('@');
        return at < 0 ? key : key.substring(0, at);
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
