package org.nta.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * The largest value of integer fields as Wireshark declares them (FT_UINT8, FT_UINT16, FT_UINT32): tshark refuses a
 * literal beyond it ("too big for this field"), so NTA does too instead of compiling a test that can never match.
 */
final class FieldLimits {
    private static final Map<String, Long> MAX = new HashMap<>();

    static {
        long u8 = 0xffL, u16 = 0xffffL, u32 = 0xffffffffL;
        for (String f : new String[] {"ip.ttl", "ip.proto", "ip.hdr_len", "ip.dsfield", "ipv6.nxt", "ipv6.hlim",
                "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code", "tls.handshake.type", "tcp.hdr_len"}) {
            MAX.put(f, u8);
        }
        for (String f : new String[] {"tcp.port", "tcp.srcport", "tcp.dstport", "udp.port", "udp.srcport", "udp.dstport",
                "udp.length", "ip.len", "ip.id", "ipv6.plen", "eth.type", "eth.len", "vlan.etype", "dns.id",
                "http.response.code", "tcp.window_size_value", "tcp.urgent_pointer"}) {
            MAX.put(f, u16);
        }
        for (String f : new String[] {"frame.number", "frame.len", "frame.cap_len", "tcp.seq", "tcp.ack", "tcp.len",
                "tcp.stream", "udp.stream", "tcp.window_size", "tcp.nxtseq", "tcp.ack_raw", "tcp.seq_raw"}) {
            MAX.put(f, u32);
        }
    }

    private FieldLimits() {}

    /** The field's largest value, or null when NTA does not know it. */
    static Long max(String field) {
        return MAX.get(field);
    }
}
