package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.KerberosMessage;
import org.nta.event.LdapMessage;
import org.nta.detect.Lru;

/**
 * Kerberoasting (T1558.003): TGS-REQs for service principals (not krbtgt, not the client's own machine account)
 * that offer only RC4 (etype 23) or that are answered with an RC4 ticket, whose enc-part is then a hash to crack
 * offline (hashcat 13100); and sweeps of many SPNs by one client. AES-only requests and answers stay silent unless
 * they sweep.
 */
public final class KerberoastingDetector implements Detector {
    /** One TGS exchange. */
    private static final class Tgs {
        final KdcPairs.Req req;
        String user;
        int ticketEtype = -1;
        int error = -1;
        long answerFrame = -1;
        long answerNs;
        String hash;
        int mode;

        Tgs(KdcPairs.Req req) {
            this.req = req;
        }

        boolean weakAsked() {
            return KdcPairs.weakOnly(req.offered());
        }

        boolean rc4Ticket() {
            return ticketEtype == 23 || ticketEtype == 24 || ticketEtype == 3 || ticketEtype == 1;
        }
    }

    private final AdConfig config;
    private final KdcPairs pairs;
    private final Map<KdcPairs.Req, Tgs> tgs = new LinkedHashMap<>();
    /** Clients that asked the KDC for AES at least once (AS-REQ or TGS-REQ). */
    private final Set<String> aesClients = new HashSet<>();
    /** Each client's last user name seen in an AS-REQ or TGS-REP. */
    private final Map<String, String> lastUser = new HashMap<>();
    /** Service principal name (lower case) → the account holding it, from directory answers seen in the clear. */
    private final Map<String, String> spnOwners;
    private long dropped;

    public KerberoastingDetector(AdConfig config) {
        this.config = config;
        this.pairs = new KdcPairs(config.maxConversations());
        this.spnOwners = Lru.of(config.maxClients());
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(KerberosMessage.class, LdapMessage.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof LdapMessage l) {
            if (l.account() != null) for (String spn : l.spns()) spnOwners.put(spn.toLowerCase(Locale.ROOT), l.account());
            return;
        }
        if (!(e instanceof KerberosMessage k)) return;
        if (k.msgType() == 10 || k.msgType() == 12) {
            KdcPairs.Req r = pairs.request(k);
            for (int t : r.offered()) {
                if (KdcPairs.isAes(t) && aesClients.size() < config.maxClients()) aesClients.add(r.client());
            }
            if (k.msgType() == 10 && r.name() != null) remember(r.client(), r.name());
            if (k.msgType() == 12 && isService(r.spn(), lastUser.get(r.client()))) {
                if (tgs.size() < config.maxConversations()) tgs.put(r, new Tgs(r));
                else dropped++;
            }
        } else if (k.msgType() == 13 || k.msgType() == 30 || k.msgType() == 11) {
            KdcPairs.Req r = pairs.answer(k);
            if (k.msgType() == 13 && k.client() != null && r != null) remember(r.client(), KdcPairs.lower(k.client()));
            Tgs t = r == null ? null : tgs.get(r);
            if (t == null) return;
            t.answerFrame = k.frame();
            t.answerNs = k.timeNs();
            if (k.msgType() == 30) {
                t.error = k.errorCode();
            } else {
                t.ticketEtype = k.ticketEtype();
                t.user = KdcPairs.lower(k.client());
                t.hash = k.hashcat();
                t.mode = k.hashcatMode();
            }
        }
    }

    private void remember(String client, String user) {
        if (lastUser.size() < config.maxClients() || lastUser.containsKey(client)) lastUser.put(client, user);
    }

    /**
     * The account whose key encrypts a ticket for {@code spn}: the sAMAccountName a directory answer gave for it, or
     * the name itself when the ticket was asked for by account name (impacket's GetUserSPNs asks for "svc_sql"), else
     * null.
     */
    private String owner(String spn) {
        if (spn == null) return null;
        String o = spnOwners.get(spn.toLowerCase(Locale.ROOT));
        if (o != null) return o.toLowerCase(Locale.ROOT);
        return spn.indexOf('/') < 0 && !spn.contains("@") ? spn.toLowerCase(Locale.ROOT) : null;
    }

    /** A service principal worth roasting: not the KDC's own (krbtgt, kadmin) nor the client machine's own account. */
    static boolean isService(String spn, String clientUser) {
        if (spn == null || spn.isEmpty()) return false;
        String s = spn.toLowerCase(Locale.ROOT);
        if (s.startsWith("krbtgt/") || s.equals("krbtgt") || s.startsWith("kadmin/")) return false;
        if (clientUser != null && clientUser.endsWith("$")) {
            String machine = clientUser.substring(0, clientUser.length() - 1);
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(slash + 1);
            if (host.equals(machine) || host.startsWith(machine + ".") || host.startsWith(machine + ":")
                    || s.equals(clientUser)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Finding> finish() {
        Map<String, List<Tgs>> byPair = new LinkedHashMap<>();
        for (Tgs t : tgs.values()) byPair.computeIfAbsent(t.req.client() + ' ' + t.req.kdc(), x -> new ArrayList<>()).add(t);
        List<Finding> out = new ArrayList<>();
        for (List<Tgs> all : byPair.values()) {
            List<Tgs> burst = new ArrayList<>();
            for (Tgs t : all) {
                if (!burst.isEmpty()
                        && t.req.timeNs() - burst.get(burst.size() - 1).req.timeNs() > config.windowSec() * 1_000_000_000L) {
                    finding(burst, out);
                    burst = new ArrayList<>();
                }
                burst.add(t);
            }
            finding(burst, out);
        }
        return out;
    }

    private void finding(List<Tgs> burst, List<Finding> out) {
        if (burst.isEmpty()) return;
        TreeSet<String> spns = new TreeSet<>();
        for (Tgs t : burst) spns.add(t.req.spn());
        boolean sweep = spns.size() >= config.kerberoastMinSpns();
        List<Tgs> weak = new ArrayList<>();
        for (Tgs t : burst) if (t.weakAsked() || t.rc4Ticket()) weak.add(t);
        if (weak.isEmpty() && !sweep) return;
        List<Tgs> shown = sweep ? burst : weak;
        String client = burst.get(0).req.client(), kdc = burst.get(0).req.kdc();
        boolean usesAes = aesClients.contains(client);
        TreeSet<Long> frames = new TreeSet<>();
        StreamSet streams = new StreamSet();
        TreeSet<String> users = new TreeSet<>(), shownSpns = new TreeSet<>(), roasted = new TreeSet<>();
        TreeSet<Integer> offered = new TreeSet<>(), answered = new TreeSet<>();
        List<Map<String, Object>> hashes = new ArrayList<>();
        boolean cracked = false, weakAskedAnsweredWeak = false, allRefused = true;
        for (Tgs t : shown) {
            frames.add(t.req.frame());
            if (t.answerFrame >= 0) frames.add(t.answerFrame);
            streams.add(t.req.stream());
            shownSpns.add(t.req.spn());
            offered.addAll(t.req.offered());
            if (t.ticketEtype >= 0) answered.add(t.ticketEtype);
            String user = t.user != null ? t.user : lastUserOf(client);
            if (user != null) users.add(user);
            if (t.error < 0) allRefused = false;
            if (t.rc4Ticket()) {
                cracked = true;
                String owner = owner(t.req.spn());
                if (owner != null) roasted.add(owner);
                if (t.weakAsked()) weakAskedAnsweredWeak = true;
                if (hashes.size() < config.maxSamples()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("spn", t.req.spn());
                    m.put("user", user);
                    if (owner != null) m.put("account", owner);
                    m.put("request_frame", t.req.frame());
                    m.put("frame", t.answerFrame);
                    m.put("ticket_etype", t.ticketEtype);
                    m.put("hashcat_mode", t.mode != 0 ? t.mode : 13100);
                    m.put("hash", config.shown(t.hash));
                    hashes.add(m);
                }
            }
        }
        boolean anyWeakAsk = shown.stream().anyMatch(Tgs::weakAsked);
        Severity sev = weakAskedAnsweredWeak || cracked && sweep ? Severity.HIGH
                : anyWeakAsk || sweep ? Severity.MEDIUM : Severity.LOW;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", client);
        ev.put("kdc", kdc);
        ev.put("users", AdEvidence.sample(users, config.maxSamples()));
        ev.put("spns", AdEvidence.sample(shownSpns, config.maxSamples()));
        ev.put("spn_count", spns.size());
        ev.put("etypes_offered", new ArrayList<>(offered));
        ev.put("etypes_answered", new ArrayList<>(answered));
        ev.put("rc4_requested", anyWeakAsk);
        ev.put("client_uses_aes", usesAes);
        ev.put("sweep", sweep);
        ev.put("request_frames", AdEvidence.sample(shown.stream().map(t -> t.req.frame()).toList(), config.maxSamples()));
        ev.put("crackable_hash", cracked);
        ev.put("hashes", hashes);
        ev.put("roasted_accounts", AdEvidence.sample(roasted, config.maxSamples()));
        if (dropped > 0) ev.put("requests_dropped", dropped);
        if (!hashes.isEmpty() && !config.showSecrets()) ev.put("passwords_masked", true);
        StringBuilder s = new StringBuilder(client);
        s.append(anyWeakAsk ? " asked " + kdc + " for RC4-only service tickets" : " asked " + kdc + " for service tickets");
        s.append(" for ").append(spns.size()).append(" SPN(s) (").append(String.join(", ", AdEvidence.sample(shownSpns, 3)))
                .append(spns.size() > 3 ? ", …" : "").append(')');
        if (anyWeakAsk && usesAes) s.append(" although it uses AES otherwise");
        if (cracked) s.append(" and got RC4 tickets: a crackable hash (hashcat 13100)");
        else if (allRefused) s.append("; the KDC refused them");
        Boolean ok = cracked ? Boolean.TRUE : allRefused ? Boolean.FALSE : null;
        long lastNs = 0;
        for (Tgs t : shown) lastNs = Math.max(lastNs, Math.max(t.req.timeNs(), t.answerNs));
        out.add(new Finding(FindingType.KERBEROASTING, sev, Phase.EXPLOITATION, client, kdc, frames.first(), frames.last(),
                shown.get(0).req.timeNs(), lastNs, streams, AdEvidence.filter(frames, client, kdc, "kerberos", config),
                s.toString(), ok, List.of("T1558.003"), ev));
    }

    private String lastUserOf(String client) {
        return lastUser.get(client);
    }
}
