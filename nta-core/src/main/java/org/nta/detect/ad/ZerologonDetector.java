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
import org.nta.event.RpcCall;

/**
 * Zerologon (CVE-2020-1472, T1210): netlogon NetrServerAuthenticate (2, 3) calls whose 8-byte client credential is
 * all zero, which a real client sends with a chance of 2^-64 and the exploit sends hundreds of times (each after a
 * NetrServerReqChallenge) until the AES-CFB8 flaw lets one through. Status 0 on one of them means the domain
 * controller is vulnerable and the machine account was taken; a following NetrServerPasswordSet2 with an all-zero
 * password is the account's password being emptied. High from {@link RpcAttackConfig#zerologonMinAttempts()}
 * attempts, critical on success, medium for fewer failed attempts.
 */
public final class ZerologonDetector implements Detector {
    private static final String ZERO = "0000000000000000";

    private static final class Pair {
        final String client, server;
        final TreeSet<Long> frames = new TreeSet<>();
        final StreamSet streams = new StreamSet();
        final List<String> accounts = new ArrayList<>(), computers = new ArrayList<>();
        long firstNs = Long.MAX_VALUE, lastNs = Long.MIN_VALUE, successFrame = -1, passwordSetFrame = -1, lastFrame;
        int zeroAttempts, challenges, refused;
        boolean passwordSetOk;

        Pair(String client, String server) {
            this.client = client;
            this.server = server;
        }
    }

    private final AdConfig config;
    private final RpcAttackConfig rpc;
    private final Map<String, Pair> pairs = new LinkedHashMap<>();
    /** Challenges asked per pair before any zero-credential attempt (counted into the pair once it has one). */
    private final Map<String, Integer> challenges = new LinkedHashMap<>();

    public ZerologonDetector(AdConfig config, RpcAttackConfig rpc) {
        this.config = config;
        this.rpc = rpc;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(RpcCall.class);
    }

    @Override
    public void onEvent(Event e) {
        if (!(e instanceof RpcCall c) || !"netlogon".equals(c.interfaceName()) || c.operation() == null) return;
        String key = c.conn().clientAddr() + ' ' + c.conn().serverAddr();
        switch (c.operation()) {
            case "NetrServerReqChallenge" -> {
                Pair p = pairs.get(key);
                if (p != null) p.challenges++;
                else if (challenges.containsKey(key) || challenges.size() < rpc.maxPairs()) challenges.merge(key, 1, Integer::sum);
            }
            case "NetrServerAuthenticate", "NetrServerAuthenticate2", "NetrServerAuthenticate3" -> {
                if (!ZERO.equals(c.arg("client_credential"))) return;
                Pair p = pairs.get(key);
                if (p == null) {
                    if (pairs.size() >= rpc.maxPairs()) return;
                    p = new Pair(c.conn().clientAddr(), c.conn().serverAddr());
                    Integer before = challenges.remove(key);
                    p.challenges = before == null ? 0 : before;
                    pairs.put(key, p);
                }
                p.zeroAttempts++;
                long req = c.requestFrame() >= 0 ? c.requestFrame() : c.frame();
                if (p.frames.size() < config.maxFilterFrames()) p.frames.add(req);
                p.lastFrame = Math.max(p.lastFrame, c.frame());
                p.streams.add(c.conn().stream());
                p.firstNs = Math.min(p.firstNs, c.requestFrame() >= 0 ? c.requestTimeNs() : c.timeNs());
                p.lastNs = Math.max(p.lastNs, c.timeNs());
                add(p.accounts, c.arg("account_name"));
                add(p.computers, c.arg("computer_name"));
                if (c.succeeded() && p.successFrame < 0) {
                    p.successFrame = c.frame();
                    p.frames.add(c.frame());
                } else if (c.status() >= 0) {
                    p.refused++;
                }
            }
            case "NetrServerPasswordSet2" -> {
                Pair p = pairs.get(key);
                if (p != null && "true".equals(c.arg("new_password_zero")) && p.passwordSetFrame < 0) {
                    p.passwordSetFrame = c.requestFrame() >= 0 ? c.requestFrame() : c.frame();
                    p.passwordSetOk = c.succeeded();
                    p.frames.add(p.passwordSetFrame);
                    p.frames.add(c.frame());
                    p.lastFrame = Math.max(p.lastFrame, c.frame());
                    p.lastNs = Math.max(p.lastNs, c.timeNs());
                }
            }
            default -> {
            }
        }
    }

    private void add(List<String> l, String v) {
        if (v != null && !l.contains(v) && l.size() < config.maxSamples()) l.add(v);
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Pair p : pairs.values()) {
            p.frames.add(p.lastFrame);
            boolean ok = p.successFrame >= 0;
            Boolean succeeded = ok ? Boolean.TRUE : p.refused > 0 ? Boolean.FALSE : null;
            Severity sev = ok ? Severity.CRITICAL : p.zeroAttempts >= rpc.zerologonMinAttempts() ? Severity.HIGH : Severity.MEDIUM;
            double seconds = (p.lastNs - p.firstNs) / 1e9;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("client", p.client);
            ev.put("server", p.server);
            ev.put("zero_credential_attempts", p.zeroAttempts);
            ev.put("challenges", p.challenges);
            ev.put("refused", p.refused);
            ev.put("accounts", p.accounts);
            ev.put("computer_names", p.computers);
            ev.put("duration_s", Math.round(seconds * 1000) / 1000.0);
            ev.put("success_frame", ok ? p.successFrame : null);
            ev.put("password_set_zero_frame", p.passwordSetFrame >= 0 ? p.passwordSetFrame : null);
            String account = p.accounts.isEmpty() ? "a machine account" : String.join(", ", p.accounts);
            StringBuilder s = new StringBuilder(p.client).append(" sent ").append(p.zeroAttempts)
                    .append(" netlogon authentication(s) with an all-zero client credential to ").append(p.server)
                    .append(" for ").append(account).append(" in ").append(String.format("%.1f", seconds)).append(" s (Zerologon, CVE-2020-1472): ");
            if (ok) {
                s.append("one was accepted (frame ").append(p.successFrame).append("): the domain controller is vulnerable and the machine account was taken");
                if (p.passwordSetFrame >= 0) s.append(", and its password was then set to empty (NetrServerPasswordSet2, frame ")
                        .append(p.passwordSetFrame).append(p.passwordSetOk ? ", accepted)" : ")");
            } else {
                s.append(p.refused > 0 ? "all refused: the domain controller resisted" : "no answer seen");
            }
            out.add(new Finding(FindingType.ZEROLOGON, sev, Phase.EXPLOITATION, p.client, p.server, p.frames.first(),
                    p.frames.last(), p.firstNs, p.lastNs, p.streams, AdEvidence.filter(p.frames, p.client, p.server, "dcerpc", config),
                    s.toString(), succeeded, List.of("T1210"), ev));
        }
        return out;
    }
}
