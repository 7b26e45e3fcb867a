package org.nta.engine;

import org.nta.pipeline.PacketSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.nta.bytes.LongMap;
import org.nta.decode.Addresses;
import org.nta.decode.IpLayer;
import org.nta.decode.Packet;
import org.nta.flow.Flow;

/**
 * Which addresses each Ethernet station sends from, to tell that a dual-stack host's IPv4 and IPv6 addresses are
 * one host (its story is one story). Only a station that sends from a few addresses of both IP versions is taken as
 * a host: a router forwards from many addresses, and two IPv4 addresses behind one MAC are never joined, so two
 * remote attackers behind the same gateway stay apart.
 */
public final class HostAddresses implements PacketSink {
    static final int MAX_STATIONS = 65_536, MAX_ADDRESSES = 4;

    private static final class Station {
        final long[] hi = new long[MAX_ADDRESSES], lo = new long[MAX_ADDRESSES];
        final int[] version = new int[MAX_ADDRESSES];
        int n;
        boolean many;

        void add(IpLayer ip) {
            for (int i = 0; i < n; i++) if (hi[i] == ip.srcHi && lo[i] == ip.srcLo && version[i] == ip.version) return;
            if (n == MAX_ADDRESSES) {
                many = true;
                return;
            }
            hi[n] = ip.srcHi;
            lo[n] = ip.srcLo;
            version[n++] = ip.version;
        }
    }

    private final LongMap<Station> stations = new LongMap<>();
    private long lastMac = -1;
    private Station last;

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        if (p.ethSrc == 0 || p.ipCount == 0) return;
        Station s = last;
        if (p.ethSrc != lastMac) {
            s = stations.get(p.ethSrc);
            if (s == null) {
                if (stations.size() >= MAX_STATIONS) return;
                s = new Station();
                stations.put(p.ethSrc, s);
            }
            lastMac = p.ethSrc;
            last = s;
        }
        if (!s.many) s.add(p.ip[0]);
    }

    /**
     * Address → the addresses of the same host, for every dual-stack host seen (IPv4 first, then IPv6, each in
     * textual order); addresses not listed stand alone.
     */
    public Map<String, java.util.List<String>> sameHost() {
        Map<String, java.util.List<String>> out = new TreeMap<>();
        for (Station s : stations.values()) { // the result is sorted: the order of stations does not matter
            if (s.many || s.n < 2) continue;
            boolean v4 = false, v6 = false;
            for (int i = 0; i < s.n; i++) {
                v4 |= s.version[i] == 4;
                v6 |= s.version[i] == 6;
            }
            int v4count = 0;
            for (int i = 0; i < s.n; i++) if (s.version[i] == 4) v4count++;
            if (!v4 || !v6 || v4count > 1) continue;
            Map<String, Boolean> addrs = new LinkedHashMap<>();
            for (int want : new int[] {4, 6}) {
                java.util.TreeSet<String> sorted = new java.util.TreeSet<>();
                for (int i = 0; i < s.n; i++) if (s.version[i] == want) sorted.add(Addresses.format(want, s.hi[i], s.lo[i]));
                for (String a : sorted) addrs.put(a, Boolean.TRUE);
            }
            java.util.List<String> group = java.util.List.copyOf(addrs.keySet());
            for (String a : group) out.put(a, group);
        }
        return out;
    }
}
