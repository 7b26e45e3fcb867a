package org.nta.filter;

import org.nta.bytes.Bytes;
import org.nta.decode.Packet;

/**
 * The packet an ICMP or ICMPv6 error quotes, read in place from the ICMP payload. Wireshark dissects it fully, so
 * its IP header adds values to ip.* / ipv6.* and its TCP or UDP header supplies tcp.* / udp.* fields.
 */
final class Quoted {
    private Quoted() {}

    /** Offset of the quoted IP header in {@code p.payload}, or -1 when the frame quotes none. */
    static int ipOffset(Packet p) {
        return p.hasIcmpQuoted ? p.payloadOff : -1;
    }

    static int version(Packet p) {
        return p.hasIcmpQuoted ? p.icmpQuoted.version : 0;
    }

    /** Offset of the quoted transport header, or -1. */
    static int l4Offset(Packet p) {
        if (!p.hasIcmpQuoted) return -1;
        return p.payloadOff + p.icmpQuoted.headerLen;
    }

    /** Quoted transport bytes available. */
    static int l4Available(Packet p) {
        return p.hasIcmpQuoted ? p.icmpQuotedL4Len : 0;
    }

    /** The quoted transport protocol when at least {@code need} of its bytes were quoted, else -1. */
    static int l4Proto(Packet p, int need) {
        if (!p.hasIcmpQuoted || p.icmpQuotedL4Len < need) return -1;
        if (p.icmpQuoted.version == 4 && fragOffsetV4(p) != 0) return -1;
        return p.icmpQuoted.proto;
    }

    static int u8(Packet p, int rel) {
        return p.payload[p.payloadOff + rel] & 0xff;
    }

    static int u16(Packet p, int rel) {
        return Bytes.u16(p.payload, p.payloadOff + rel);
    }

    static int l4u8(Packet p, int rel) {
        return p.payload[l4Offset(p) + rel] & 0xff;
    }

    static int l4u16(Packet p, int rel) {
        return Bytes.u16(p.payload, l4Offset(p) + rel);
    }

    static long l4u32(Packet p, int rel) {
        return Bytes.u32l(p.payload, l4Offset(p) + rel);
    }

    /** IPv4 flags (3 bits) of the quoted header. */
    static int flagsV4(Packet p) {
        return u16(p, 6) >>> 13;
    }

    /** IPv4 fragment offset field (13 bits, units of 8 bytes) of the quoted header. */
    static int fragOffsetV4(Packet p) {
        return u16(p, 6) & 0x1fff;
    }
}
