package org.nta.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One IP header of a frame (tunnels give several). Addresses are kept as two longs: IPv4 in the low
 * 32 bits of {@code lo} with {@code hi} = 0, IPv6 as its high and low 64 bits.
 */
public final class IpLayer {
    public int version;
    public long srcHi, srcLo, dstHi, dstLo;
    /** Next protocol after this header (and its extension headers for IPv6). */
    public int proto;
    /** IPv6 only: the Next Header field of the fixed header (ipv6.nxt), before any extension header. */
    public int nextHeader;
    public int ttl;
    /** IPv4 total length or IPv6 payload length, as in the header. */
    public int length;
    public int id;
    public int headerLen;
    public int tos;
    public int flags;
    public int fragOffset;
    public boolean fragment;
    /** Inside an ICMP error message: the quoted header, not a packet of its own. */
    public boolean quoted;
    /**
     * The destination a flow is keyed on: the header's destination, or the final one named by an IPv6 routing
     * header (type 0 or segment routing), as Wireshark does.
     */
    public long flowDstHi, flowDstLo;

    void clear() {
        version = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        proto = nextHeader = ttl = length = id = headerLen = tos = flags = fragOffset = 0;
        fragment = quoted = false;
        flowDstHi = flowDstLo = 0;
    }

    public String srcString() {
        return Addresses.format(version, srcHi, srcLo);
    }

    public String dstString() {
        return Addresses.format(version, dstHi, dstLo);
    }

    public static InetAddress toInet(int version, long hi, long lo) {
        try {
            if (version == 4) {
                int v = (int) lo;
                return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            }
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
