package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Account enumeration through the KDC (T1087.002): one client's AS-REQs answered KDC_ERR_C_PRINCIPAL_UNKNOWN (6)
 * for many distinct names in one burst (kerbrute userenum, GetNPUsers over a name list). A mistyped user name gives
 * one such error, not a burst.
 */
public final class UserEnumerationDetector implements Detector {
    private record Miss(KdcPairs.Req req, long errorFrame, long errorNs) {
    }

    private final AdConfig config;
    private final KdcPairs pairs;
    /** Unknown-name answers per client and KDC, in capture order. */
    private final Map<String, List<Miss>> misses = new LinkedHashMap<>();
    /** Names the KDC knew (any other answer) per client and KDC. */
    private final Map<String, Integer> known = new LinkedHashMap<>();
    private int kept;

    public UserEnumerationDetector(AdConfig config) {
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
            pairs.request(k);
        } else if (k.msgType() == 30 || k.msgType() == 11) {
            KdcPairs.Req r = pairs.answer(k);
            if (r == null || r.name() == null || r.spn() != null && !r.spn().toLowerCase(java.util.Locale.ROOT).startsWith("krbtgt")) return;
            String key = r.client() + ' ' + r.kdc();
            if (k.msgType() == 30 && k.errorCode() == 6) {
                if (kept >= config.maxConversations() || !misses.containsKey(key) && misses.size() >= config.maxClients()) return;
                misses.computeIfAbsent(key, x -> new ArrayList<>()).add(new Miss(r, k.frame(), k.timeNs()));
                kept++;
            } else if (known.size() < config.maxClients() || known.containsKey(key)) {
                known.merge(key, 1, Integer::sum);
            }
        }
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<Miss>> en : misses.entrySet()) {
            List<Miss> burst = new ArrayList<>();
            for (Miss m : en.getValue()) {
                if (!burst.isEmpty()
                        && m.req().timeNs() - burst.get(burst.size() - 1).req().timeNs() > config.windowSec() * 1_000_000_000L) {
                    finding(burst, known.getOrDefault(en.getKey(), 0), out);
                    burst = new ArrayList<>();
                }
                burst.add(m);
            }
            finding(burst, known.getOrDefault(en.getKey(), 0), out);
        }
        return out;
    }

    private void finding(List<Miss> burst, int knownAnswers, List<Finding> out) {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<Long> frames = new TreeSet<>();
        StreamSet streams = new StreamSet();
        for (Miss m : burst) {
            names.add(m.req().name());
            frames.add(m.req().frame());
            frames.add(m.errorFrame());
            streams.add(m.req().stream());
        }
        if (names.size() < config.enumMinUnknown()) return;
        Miss first = burst.get(0), last = burst.get(burst.size() - 1);
        String client = first.req().client(), kdc = first.req().kdc();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("client", client);
        ev.put("kdc", kdc);
        ev.put("unknown_users", AdEvidence.sample(names, config.maxSamples()));
        ev.put("unknown_count", names.size());
        ev.put("known_answers", knownAnswers);
        ev.put("error_code", 6);
        out.add(new Finding(FindingType.USER_ENUMERATION, Severity.MEDIUM, Phase.ENUMERATION, client, kdc, frames.first(),
                frames.last(), first.req().timeNs(), last.errorNs(), streams,
                AdEvidence.filter(frames, client, kdc, "kerberos", config),
                client + " asked " + kdc + " for " + names.size()
                        + " account names it does not know (KDC_ERR_C_PRINCIPAL_UNKNOWN): guessing user names",
                null, List.of("T1087.002"), ev));
    }
}
