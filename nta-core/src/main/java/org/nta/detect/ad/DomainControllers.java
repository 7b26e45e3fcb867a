package org.nta.detect.ad;

import java.util.HashSet;
import java.util.Set;

import org.nta.event.Event;
import org.nta.event.KerberosMessage;
import org.nta.event.LdapMessage;
import org.nta.event.RpcCall;

/**
 * The hosts seen acting as domain controllers in the capture: those that answered Kerberos (an AS-REP or TGS-REP),
 * LDAP, or directory replication (drsuapi) for others. The AD detectors that judge what a client asks a DC leave DCs
 * asking each other alone. Bounded: past {@code max} addresses no new one is learnt.
 */
final class DomainControllers {
    private final Set<String> dcs = new HashSet<>();
    private final int max;

    DomainControllers(int max) {
        this.max = max;
    }

    /** Learns from one event; anything but Kerberos, LDAP and drsuapi answers is ignored. */
    void see(Event e) {
        if (e instanceof KerberosMessage k) {
            if (k.msgType() == 11 || k.msgType() == 13) add(k.conn().serverAddr()); // AS-REP, TGS-REP: a KDC
        } else if (e instanceof LdapMessage l) {
            if (!l.fromClient()) add(l.conn().serverAddr()); // it answered LDAP
        } else if (e instanceof RpcCall c && "drsuapi".equals(c.interfaceName())) {
            if (c.status() >= 0 || c.encrypted()) add(c.conn().serverAddr()); // it answered replication
        }
    }

    boolean contains(String addr) {
        return dcs.contains(addr);
    }

    private void add(String addr) {
        if (dcs.size() < max) dcs.add(addr);
    }
}
