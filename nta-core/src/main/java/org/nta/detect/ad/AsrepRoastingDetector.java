package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.detect.StreamSet;
import org.nta.event.Event;
import org.nta.event.KerberosMessage;

/**
 * AS-REP roasting (T1558.004): AS-REQs without pre-authentication data from one client for names it never retries
 * with pre-authentication, many names in one burst (GetNPUsers, Rubeus asreproast); and any AS-REP the KDC gave
 * without pre-authentication, whose enc-part is a crackable hash (hashcat 18200). A kinit's first AS-REQ without
 * pre-auth, answered PREAUTH_REQUIRED and retried with PA-ENC-TIMESTAMP, is how MIT Kerberos logs in: silent.
 */
public final class AsrepRoastingDetector implements Detector {
    /** One AS-REQ without pre-authentication and what it got. */
    private static final class Ask {
        final KdcPairs.Req req;
        int error = -1;
        long answerFrame = -1;
        String hash;
        int mode;
        boolean retried;

        Ask(KdcPairs.Req req) {
            this.req = req;
        }
    }

    private final AdConfig config;
    private final KdcPairs pairs;
    private final Map<KdcPairs.Req, Ask> asks = new LinkedHashMap<>();
    /** Each client's last AS-REQ without pre-authentication, if it was its last AS-REQ. */
    private final Map<String, Ask> lastAsk = new HashMap<>();
    private long dropped;

    public AsrepRoastingDetector(AdConfig config) {
        this.config = config;
        this.pairs = new KdcPairs(config.maxConversations());
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(KerberosMessage.class);
    }

    @Override
    public void onEvent(Event e) {
        if (!(e instanceof KerberosMessage k)) return;
        if (k.msgType() == 10) {
            KdcPairs.Req r = pairs.request(k);
            if (r.name() == null) return;
            Ask before = lastAsk.remove(r.client());
            if (r.preauth()) {
                // the client's previous AS-REQ asked for the same name without pre-auth: kinit's first step
                if (before != null && r.name().equals(before.req.name())) before.retried = true;
            } else if (asks.size() < config.maxConversations()) {
                Ask a = new Ask(r);
                asks.put(r, a);
                if (lastAsk.size() < config.maxClients()) lastAsk.put(r.client(), a);
            } else {
                dropped++;
            }
        } else if (k.msgType() == 11 || k.msgType() == 30) {
            KdcPairs.Req r = pairs.answer(k);
            Ask a = r == null ? null : asks.get(r);
            if (a == null) return;
            a.answerFrame = k.frame();
            if (k.msgType() == 30) {
                a.error = k.errorCode();
            } else {
                a.hash = k.hashcat();
                a.mode = k.hashcatMode() != 0 ? k.hashcatMode() : 18200;
            }
        }
    }

    @Override
    public List<Finding> finish() {
        // per client and KDC, in order of first request
        Map<String, List<Ask>> byPair = new LinkedHashMap<>();
        for (Ask a : asks.values()) {
            byPair.computeIfAbsent(a.req.client() + ' ' + a.req.kdc(), x -> new ArrayList<>()).add(a);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Ask> all : byPair.values()) {
            List<Ask> burst = new ArrayList<>();
            long last = Long.MIN_VALUE;
            for (Ask a : all) {
                if (a.retried && a.hash == null) continue;
                if (!burst.isEmpty() && a.req.timeNs() - last > config.windowSec() * 1_000_000_000L) {
                    finding(burst, out);
                    burst = new ArrayList<>();
                }
                burst.add(a);
                last = a.req.timeNs();
            }
            finding(burst, out);
        }
        return out;
    }

    private void finding(List<Ask> burst, List<Finding> out) {
        if (burst.isEmpty()) return;
        TreeSet<String> names = new TreeSet<>();
        List<Map<String, Object>> roasted = new ArrayList<>();
        TreeSet<Long> frames = new TreeSet<>();
        StreamSet streams = new StreamSet();
        TreeMap<Integer, Integer> errors = new TreeMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        boolean weakOnly = true;
        TreeSet<Integer> offered = new TreeSet<>();
        for (Ask a : burst) {
            names.add(a.req.name());
            frames.add(a.req.frame());
            if (a.answerFrame >= 0) frames.add(a.answerFrame);
            streams.add(a.req.stream());
            offered.addAll(a.req.offered());
            if (!KdcPairs.weakOnly(a.req.offered())) weakOnly = false;
            if (a.error >= 0) errors.merge(a.error, 1, Integer::sum);
            if (a.error == 6) unknown.add(a.req.name());
            if (a.answerFrame >= 0 && a.error < 0 && roasted.size() < config.maxSamples()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("user", a.req.name());
                m.put("request_frame", a.req.frame());
                m.put("frame", a.answerFrame);
                m.put("hashcat_mode", a.mode);
                m.put("hash", config.shown(a.hash));
                roasted.add(m);
            }
        }
        boolean won = !roasted.isEmpty();
        if (!won && names.size() < config.asrepMinNames()) return;
        Ask first = burst.get(0), lastAsk = burst.get(burst.size() - 1);
        String client = first.req.client(), kdc = first.req.kdc();
        boolean allRefused = true;
        for (Ask a : burst) if (a.error < 0) allRefused = false;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", client);
        ev.put("kdc", kdc);
        ev.put("users", AdEvidence.sample(names, config.maxSamples()));
        ev.put("user_count", names.size());
        ev.put("requests", burst.size());
        ev.put("etypes_offered", new ArrayList<>(offered));
        ev.put("rc4_only", weakOnly);
        Map<String, Integer> errs = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> en : errors.entrySet()) errs.put(String.valueOf(en.getKey()), en.getValue());
        ev.put("errors", errs);
        ev.put("unknown_users", AdEvidence.sample(unknown, config.maxSamples()));
        ev.put("request_frames", AdEvidence.sample(burst.stream().map(a -> a.req.frame()).toList(), config.maxSamples()));
        ev.put("roasted", roasted);
        ev.put("crackable_hash", won);
        if (dropped > 0) ev.put("requests_dropped", dropped);
        if (!roasted.isEmpty() && !config.showSecrets()) ev.put("passwords_masked", true);
        String summary = won
                ? client + " got " + roasted.size() + " AS-REP(s) without pre-authentication from " + kdc
                        + " (a crackable hash, hashcat " + roasted.get(0).get("hashcat_mode") + ") among " + names.size()
                        + " name(s) asked" + (weakOnly ? ", RC4 only" : "")
                : client + " asked " + kdc + " for " + names.size() + " account(s) without Kerberos pre-authentication"
                        + (weakOnly ? ", RC4 only," : "") + " and never retried with it (AS-REP roasting)"
                        + (allRefused ? "; every request was refused, no hash obtained" : "");
        long lastFrame = frames.last();
        long lastNs = Math.max(lastAsk.req.timeNs(), first.req.timeNs());
        // an AS-REP to one login that offered AES (kinit for an account without pre-auth) is crackable but routine-looking
        boolean toolLike = weakOnly || names.size() >= config.asrepMinNames();
        out.add(new Finding(FindingType.ASREP_ROASTING, won && toolLike ? Severity.HIGH : Severity.MEDIUM, Phase.EXPLOITATION, client, kdc,
                frames.first(), lastFrame, first.req.timeNs(), lastNs, streams,
                AdEvidence.filter(frames, client, kdc, "kerberos", config), summary,
                won ? Boolean.TRUE : allRefused ? Boolean.FALSE : null, List.of("T1558.004"), ev));
    }
}
