package org.nta.detect.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.Lru;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.NbnsMessage;
import org.nta.event.NtlmAuthentication;
import org.nta.flow.Flow;

/**
 * LLMNR and NetBIOS name-service poisoning (T1557.001), as Responder and Inveigh do it: when a Windows host cannot
 * resolve a name by DNS it asks the link by broadcast (NBNS, UDP 137) or multicast (LLMNR, UDP 5355), and a poisoner
 * answers every such query with its own address, so the asker connects to it and logs on, handing over an NTLM
 * challenge-response to crack or relay. An honest host answers for its own name only; a host that answers with its
 * own address for {@link NamesConfig#minForeignNames()} names or more that are not its own, or for a name another
 * host registered or answers, is poisoning (medium); an asker that then authenticates to it has given its hash away
 * (high, succeeded). Answers that point elsewhere (a WINS proxy answering for a registered host) and answers to queries
 * not seen going to the broadcast or multicast address (unicast WINS, mDNS) are not counted.
 */
public final class NamePoisoningDetector implements Detector {
    private final NamesConfig config;
    /** (asker | name) of broadcast and multicast queries seen, most recent last. */
    private final LinkedHashMap<String, Long> queried;
    /** Name → the host that registered it (NBNS registration or refresh). */
    private final LinkedHashMap<String, String> owners;
    /** Name → hosts that answered it with their own address. */
    private final LinkedHashMap<String, Set<String>> answerers;
    private final LinkedHashMap<String, Responder> responders = new LinkedHashMap<>();
    private long droppedResponders;

    public NamePoisoningDetector(NamesConfig config) {
        this.config = config;
        this.queried = Lru.of(config.maxNames());
        this.owners = Lru.of(config.maxNames());
        this.answerers = Lru.of(config.maxNames());
    }


    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(NbnsMessage.class, DnsMessage.class, NtlmAuthentication.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof NbnsMessage n) nbns(n);
        else if (e instanceof DnsMessage m && m.conn().serverPort() == 5355 && m.opcode() == 0 && !m.questions().isEmpty()) llmnr(m);
        else if (e instanceof NtlmAuthentication a) ntlm(a);
    }

    private void nbns(NbnsMessage n) {
        if (n.names().isEmpty()) return;
        String name = base(n.names().get(0));
        boolean group = n.groupNames().contains(n.names().get(0));
        if (!n.response() && (n.opcode() == 5 || n.opcode() == 8)) {
            if (!group && !n.addresses().isEmpty()) owners.put(name, n.addresses().get(0));
        } else if (!n.response() && n.opcode() == 0) {
            if (n.broadcast() || broadcast(n.conn().serverAddr())) queried.put(n.conn().clientAddr() + "|" + name, n.timeNs());
        } else if (n.response() && n.opcode() == 0 && n.rcode() == 0 && !group) {
            for (String a : n.addresses()) answered(n.conn().clientAddr(), n.conn().serverAddr(), "nbns", name, a, n.frame(), n.timeNs(), n.conn().stream());
        }
    }

    private void llmnr(DnsMessage m) {
        String name = m.qname().toLowerCase(Locale.ROOT);
        if (!m.response()) {
            if (multicast(m.conn().serverAddr())) queried.put(m.conn().clientAddr() + "|" + name, m.timeNs());
            return;
        }
        if (m.rcode() != 0) return;
        for (DnsMessage.Record r : m.answers()) {
            if (r.type() == 1 || r.type() == 28) answered(m.conn().clientAddr(), m.conn().serverAddr(), "llmnr", name, r.data(), m.frame(), m.timeNs(), m.conn().stream());
        }
    }

    /** An answer between two hosts: the responder is the one that did not ask (by broadcast or multicast). */
    private void answered(String x, String y, String protocol, String name, String address, long frame, long ns, int stream) {
        String asker, responder;
        if (queried.containsKey(x + "|" + name)) {
            asker = x;
            responder = y;
        } else if (queried.containsKey(y + "|" + name)) {
            asker = y;
            responder = x;
        } else {
            return;
        }
        if (!address.equals(responder)) return; // pointing elsewhere: a proxy's answer, not a lure
        Responder r = responders.get(responder);
        if (r == null) {
            if (responders.size() >= config.maxResponders()) {
                droppedResponders++;
                return;
            }
            responders.put(responder, r = new Responder(responder));
        }
        r.answerCount++;
        r.frame(frame, ns, stream);
        r.protocols.add(protocol);
        if (r.askers.size() < config.maxListed()) r.askers.add(asker);
        if (r.names.size() < config.maxListed() * 32) r.names.putIfAbsent(name, frame);
        else if (!r.names.containsKey(name)) r.namesNotKept++;
        r.answeredAt.put(asker, ns);
        if (r.answers.size() < config.maxListed()) r.answers.add(new Responder.Answer(frame, protocol, name, asker, address));
        Set<String> who = answerers.computeIfAbsent(name, k -> new LinkedHashSet<>(2));
        if (who.size() < 8) who.add(responder);
    }

    private void ntlm(NtlmAuthentication a) {
        Responder r = responders.get(a.conn().serverAddr());
        if (r == null || !after(r, a.conn().clientAddr(), a.timeNs())) return;
        if (r.credentials.size() < config.maxListed()) {
            r.credentials.add(new Responder.Captured(a.frame(), a.carrier(), a.user(), a.domain(), a.workstation(), a.kind(), a.conn().clientAddr()));
        }
        r.frame(a.frame(), a.timeNs(), a.conn().stream());
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (responders.isEmpty() || !f.isTcp()) return;
        boolean aIsServer = (f.firstTcpFlags & 0x12) == 0x12;
        String client = aIsServer ? f.bAddr() : f.aAddr(), server = aIsServer ? f.aAddr() : f.bAddr();
        Responder r = responders.get(server);
        if (r == null || !after(r, client, f.startNs)) return;
        String key = client + " → " + server + ":" + (aIsServer ? f.aPort() : f.bPort());
        if (r.connections.containsKey(key) || r.connections.size() < config.maxListed()) r.connections.merge(key, f.firstFrame, Math::min);
    }

    /** Whether {@code asker} was answered by {@code r} at most the follow window before {@code ns}. */
    private boolean after(Responder r, String asker, long ns) {
        Long at = r.answeredAt.get(asker);
        return at != null && ns >= at && ns - at <= config.followWindowSec() * 1_000_000_000L;
    }

    @Override
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>();
        for (Responder r : responders.values()) {
            List<String> foreign = new ArrayList<>();
            for (String name : r.names.keySet()) {
                String owner = owners.get(name);
                if (owner != null && owner.equals(r.addr)) continue; // its own registered name
                foreign.add(name);
                // without a registration, two hosts that each answer one name cannot be told apart: no one is blamed
                String rival = owner != null ? owner : r.names.size() > 1 ? honest(answerers.getOrDefault(name, Set.of()), r.addr) : null;
                if (rival != null && r.conflicts.size() < config.maxListed()) r.conflicts.add(new Responder.Conflict(r.names.get(name), name, rival));
            }
            if (foreign.size() < config.minForeignNames() && r.conflicts.isEmpty()) continue;
            out.add(PoisoningFindings.finding(r, foreign, config));
        }
        return out;
    }

    /** Another host that answered the name and answers nothing else: the name's honest owner. */
    private String honest(Set<String> answeredBy, String self) {
        for (String other : answeredBy) {
            if (other.equals(self)) continue;
            Responder o = responders.get(other);
            if (o != null && o.names.size() == 1) return other;
        }
        return null;
    }

    /** A NetBIOS name without its suffix and padding, lower case ({@code FILESRV<20>} → {@code filesrv}). */
    static String base(String nb) {
        int lt = nb.indexOf('<');
        String b = lt >= 0 ? nb.substring(0, lt) : nb;
        return b.strip().toLowerCase(Locale.ROOT);
    }

    /** A limited or /24-style broadcast address, for queries whose B flag a sender left clear. */
    private static boolean broadcast(String a) {
        return a.endsWith(".255") || a.equals("255.255.255.255");
    }

    private static boolean multicast(String a) {
        return a.equals("224.0.0.252") || a.equalsIgnoreCase("ff02::1:3");
    }

    long droppedResponders() {
        return droppedResponders;
    }
}
