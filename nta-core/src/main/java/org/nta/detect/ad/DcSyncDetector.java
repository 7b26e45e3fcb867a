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
import org.nta.event.LdapMessage;
import org.nta.event.RpcCall;

/**
 * DCSync (T1003.006): directory replication (drsuapi DsGetNCChanges, after DsBind) asked for by a host that is not
 * itself seen acting as a domain controller in the capture, i.e. never answering Kerberos, LDAP or DRSUAPI for
 * others. Replication between two domain controllers stays benign. Succeeded when an answer came back without fault
 * (status 0, or a sealed answer larger than {@link RpcAttackConfig#dcsyncMinSealedReply()}: the secrets travelled).
 */
public final class DcSyncDetector implements Detector {
    private static final class Pair {
        final String client, server;
        final TreeSet<Long> frames = new TreeSet<>();
        final StreamSet streams = new StreamSet();
        long firstNs = Long.MAX_VALUE, lastNs = Long.MIN_VALUE, replyBytes, firstBind = -1;
        int requests, ok, failed, sealed;
        String user;
        final List<String> results = new ArrayList<>();

        Pair(String client, String server) {
            this.client = client;
            this.server = server;
        }
    }

    private final AdConfig config;
    private final RpcAttackConfig rpc;
    private final DomainControllers dcs;
    private final Map<String, Pair> pairs = new LinkedHashMap<>();
    private final Map<String, Long> binds = new LinkedHashMap<>();

    public DcSyncDetector(AdConfig config, RpcAttackConfig rpc) {
        this.config = config;
        this.rpc = rpc;
        this.dcs = new DomainControllers(rpc.maxPairs());
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(KerberosMessage.class, LdapMessage.class, RpcCall.class);
    }

    @Override
    public void onEvent(Event e) {
        dcs.see(e);
        if (e instanceof RpcCall c && "drsuapi".equals(c.interfaceName())) {
            String key = c.conn().clientAddr() + ' ' + c.conn().serverAddr();
            if ("DsBind".equals(c.operation())) {
                if (binds.size() < rpc.maxPairs()) binds.putIfAbsent(key, c.requestFrame() >= 0 ? c.requestFrame() : c.frame());
            } else if ("DsGetNCChanges".equals(c.operation())) {
                Pair p = pairs.get(key);
                if (p == null) {
                    if (pairs.size() >= rpc.maxPairs()) return;
                    p = new Pair(c.conn().clientAddr(), c.conn().serverAddr());
                    pairs.put(key, p);
                }
                p.requests++;
                if (p.frames.size() < config.maxFilterFrames()) {
                    if (c.requestFrame() >= 0) p.frames.add(c.requestFrame());
                    p.frames.add(c.frame());
                } else {
                    p.frames.add(c.frame()); // the span stays right; the filter then names the range
                }
                p.streams.add(c.conn().stream());
                p.firstNs = Math.min(p.firstNs, c.requestFrame() >= 0 ? c.requestTimeNs() : c.timeNs());
                p.lastNs = Math.max(p.lastNs, c.timeNs());
                p.replyBytes += c.responseBytes();
                boolean sealedOk = c.encrypted() && !c.fault() && c.responseBytes() >= rpc.dcsyncMinSealedReply();
                if (c.succeeded() || sealedOk) p.ok++;
                else if (c.status() >= 0) p.failed++;
                if (c.encrypted()) p.sealed++;
                String r = c.status() >= 0 ? ServiceCalls.result(c) : c.encrypted() ? "sealed, " + c.responseBytes() + "-byte answer" : "no answer";
                if (!p.results.contains(r) && p.results.size() < config.maxSamples()) p.results.add(r);
            }
        }
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (var en : pairs.entrySet()) {
            Pair p = en.getValue();
            if (dcs.contains(p.client)) continue; // replication between domain controllers
            Long bind = binds.get(en.getKey());
            if (bind != null && bind < p.frames.first()) p.frames.add(bind);
            Boolean ok = p.ok > 0 ? Boolean.TRUE : p.failed > 0 ? Boolean.FALSE : null;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("client", p.client);
            ev.put("server", p.server);
            ev.put("requests", p.requests);
            ev.put("ds_bind_frame", bind);
            ev.put("results", p.results);
            ev.put("sealed", p.sealed);
            ev.put("reply_bytes", p.replyBytes);
            ev.put("client_is_dc", false);
            String s = p.client + " asked the domain controller " + p.server + " to replicate the directory (drsuapi DsGetNCChanges, "
                    + p.requests + " request(s)) without being a domain controller itself: DCSync, "
                    + (Boolean.TRUE.equals(ok) ? "answered (" + p.replyBytes + " bytes of replicated data: account secrets)"
                    : Boolean.FALSE.equals(ok) ? "refused (" + String.join(", ", p.results) + ")" : "answer not seen");
            out.add(new Finding(FindingType.DCSYNC, Boolean.TRUE.equals(ok) ? Severity.CRITICAL : Severity.HIGH,
                    Phase.ACTIONS_ON_OBJECTIVES, p.client, p.server, p.frames.first(), p.frames.last(), p.firstNs, p.lastNs,
                    p.streams, AdEvidence.filter(p.frames, p.client, p.server, "dcerpc", config), s, ok,
                    List.of("T1003.006"), ev));
        }
        return out;
    }
}
