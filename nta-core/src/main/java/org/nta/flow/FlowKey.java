package org.nta.flow;

/**
 * A transport conversation's identity: protocol and the two endpoints, stored in a canonical order (the
 * "low" endpoint first) so both directions find the same key. Mutable only for lookups: a key stored in
 * a table is a {@link #copy()} and never changed.
 */
public final class FlowKey {
    int proto;
    int version;
    long loHi, loLo, hiHi, hiLo;
    int loPort, hiPort;
    private int hash;

    /**
     * Sets this key from a packet's source and destination; returns true when the source is the low endpoint.
     */
    boolean set(int proto, int version, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        this.proto = proto;
        this.version = version;
        boolean srcLow = compare(sHi, sLo, sPort, dHi, dLo, dPort) <= 0;
        if (srcLow) {
            loHi = sHi; loLo = sLo; loPort = sPort;
            hiHi = dHi; hiLo = dLo; hiPort = dPort;
        } else {
            loHi = dHi; loLo = dLo; loPort = dPort;
            hiHi = sHi; hiLo = sLo; hiPort = sPort;
        }
        long h = proto * 31L + version;
        h = h * 0x9E3779B97F4A7C15L + loHi;
        h = h * 0x9E3779B97F4A7C15L + loLo;
        h = h * 0x9E3779B97F4A7C15L + hiHi;
        h = h * 0x9E3779B97F4A7C15L + hiLo;
        h = h * 0x9E3779B97F4A7C15L + ((long) loPort << 16 | hiPort);
        hash = (int) (h ^ (h >>> 32));
        return srcLow;
    }

    private static int compare(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        int c = Long.compareUnsigned(aHi, bHi);
        if (c != 0) return c;
        c = Long.compareUnsigned(aLo, bLo);
        if (c != 0) return c;
        return Integer.compare(aPort, bPort);
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.proto = proto;
        k.version = version;
        k.loHi = loHi; k.loLo = loLo; k.hiHi = hiHi; k.hiLo = hiLo;
        k.loPort = loPort; k.hiPort = hiPort;
        k.hash = hash;
        return k;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlowKey k)) return false;
        return hash == k.hash && proto == k.proto && version == k.version && loLo == k.loLo && hiLo == k.hiLo
                && loPort == k.loPort && hiPort == k.hiPort && loHi == k.loHi && hiHi == k.hiHi;
    }

    public int proto() {
        return proto;
    }

    public int version() {
        return version;
    }
}
