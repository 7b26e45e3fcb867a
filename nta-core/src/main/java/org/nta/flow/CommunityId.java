package org.nta.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Community ID flow hash, version 1 (Corelight's community-id-spec, as Zeek, Suricata, Arkime and Elastic
 * compute it): SHA-1 over the seed (2 bytes, big-endian), the two addresses, the IP protocol, one zero byte and the
 * two ports, endpoints ordered so that the smaller (address, port) comes first; base64 of the digest after "1:".
 * ICMP and ICMPv6 have no ports: the type and code stand for them, and a type that has an answer type (echo request
 * and reply…) takes that as the second "port", so both directions hash alike; other types are one-way and keep
 * their direction. Protocols without ports (not TCP, UDP, SCTP, ICMP, ICMPv6) hash no ports.
 *
 * <p>Addresses are given as NTA holds them: IPv4 in the low 32 bits of {@code lo}, IPv6 as two longs. An instance
 * reuses its digest and buffer (not thread-safe); {@link #of} uses one per thread.
 */
public final class CommunityId {
    public static final int TCP = 6, UDP = 17, SCTP = 132, ICMP = 1, ICMPV6 = 58;

    private static final ThreadLocal<CommunityId> DEFAULT = ThreadLocal.withInitial(() -> new CommunityId(0));

    private final int seed;
    private final MessageDigest sha1;
    private final byte[] buf = new byte[2 + 16 + 16 + 2 + 4];
    private final byte[] digest = new byte[20];
    private final byte[] b64 = new byte[28];
    private final byte[] text = new byte[2 + 28];
    private final Base64.Encoder base64 = Base64.getEncoder();

    public CommunityId(int seed) {
        this.seed = seed & 0xffff;
        text[0] = '1';
        text[1] = ':';
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** With the default seed 0, on this thread's instance. */
    public static String of(int proto, int version, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        return DEFAULT.get().hash(proto, version, sHi, sLo, sPort, dHi, dLo, dPort);
    }

    /** The flow's Community ID (seed 0); either direction gives the same. */
    public static String of(Flow f) {
        return of(f.proto(), f.ipVersion(), f.aHi(), f.aLo(), f.aPort(), f.bHi(), f.bLo(), f.bPort());
    }

    /**
     * From addresses as text (dotted IPv4 or IPv6 as NTA prints them), e.g. an event's client and server.
     *
     * @return the ID, or null when an address is not an IP address literal
     */
    public static String of(int proto, String src, int sPort, String dst, int dPort) {
        long[] s = org.nta.decode.Addresses.parse(src), d = org.nta.decode.Addresses.parse(dst);
        if (s == null || d == null || s[0] != d[0]) return null;
        return of(proto, (int) s[0], s[1], s[2], sPort, d[1], d[2], dPort);
    }

    /**
     * @param sPort source port, or for ICMP/ICMPv6 the type; ignored for protocols without ports
     * @param dPort destination port, or for ICMP/ICMPv6 the code
     */
    public String hash(int proto, int version, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        boolean ports = true, oneWay = false;
        if (proto == ICMP || proto == ICMPV6) {
            int answer = proto == ICMP ? icmpAnswer(sPort) : icmp6Answer(sPort);
            if (answer >= 0) dPort = answer;
            else oneWay = true;
        } else if (proto != TCP && proto != UDP && proto != SCTP) {
            ports = false;
            sPort = dPort = 0;
        }
        if (version != 6) {
            sHi = dHi = 0;
            sLo &= 0xffffffffL;
            dLo &= 0xffffffffL;
        }
        if (!oneWay && !less(sHi, sLo, sPort, dHi, dLo, dPort)) {
            long t = sHi; sHi = dHi; dHi = t;
            t = sLo; sLo = dLo; dLo = t;
            int p = sPort; sPort = dPort; dPort = p;
        }
        byte[] b = buf;
        int n = 0;
        b[n++] = (byte) (seed >>> 8);
        b[n++] = (byte) seed;
        n = put(b, n, version, sHi, sLo);
        n = put(b, n, version, dHi, dLo);
        b[n++] = (byte) proto;
        b[n++] = 0;
        if (ports) {
            b[n++] = (byte) (sPort >>> 8);
            b[n++] = (byte) sPort;
            b[n++] = (byte) (dPort >>> 8);
            b[n++] = (byte) dPort;
        }
        sha1.update(b, 0, n);
        try {
            sha1.digest(digest, 0, digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        // the 28 base64 characters go after "1:"; the returned String is the only allocation
        base64.encode(digest, b64);
        System.arraycopy(b64, 0, text, 2, 28);
        return new String(text, 0, 30, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The spec's "is less than": address first (as unsigned bytes), then port; equal is not less. */
    private static boolean less(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        int c = Long.compareUnsigned(aHi, bHi);
        if (c == 0) c = Long.compareUnsigned(aLo, bLo);
        return c < 0 || (c == 0 && aPort < bPort);
    }

    private static int put(byte[] b, int n, int version, long hi, long lo) {
        if (version == 6) {
            for (int i = 56; i >= 0; i -= 8) b[n++] = (byte) (hi >>> i);
            for (int i = 56; i >= 0; i -= 8) b[n++] = (byte) (lo >>> i);
        } else {
            for (int i = 24; i >= 0; i -= 8) b[n++] = (byte) (lo >>> i);
        }
        return n;
    }

    /** ICMPv4 types with an answer (Zeek's ICMP4_counterpart, pycommunityid's icmp.py), else -1. */
    static int icmpAnswer(int type) {
        return switch (type) {
            case 8 -> 0; case 0 -> 8;      // echo
            case 13 -> 14; case 14 -> 13;  // timestamp
            case 15 -> 16; case 16 -> 15;  // information
            case 10 -> 9; case 9 -> 10;    // router solicitation and advertisement
            case 17 -> 18; case 18 -> 17;  // address mask
            default -> -1;
        };
    }

    /** ICMPv6 types with an answer (pycommunityid's icmp6.py), else -1. */
    static int icmp6Answer(int type) {
        return switch (type) {
            case 128 -> 129; case 129 -> 128; // echo
            case 133 -> 134; case 134 -> 133; // router solicitation and advertisement
            case 135 -> 136; case 136 -> 135; // neighbor solicitation and advertisement
            case 130 -> 131; case 131 -> 130; // multicast listener query and report
            case 139 -> 140; case 140 -> 139; // node information query and reply (who-are-you)
            case 144 -> 145; case 145 -> 144; // home agent address discovery
            default -> -1;
        };
    }
}
