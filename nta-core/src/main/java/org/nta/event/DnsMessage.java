package org.nta.event;

import java.util.List;

/**
 * One DNS message (query or response) over UDP or TCP, as decoded from the wire.
 *
 * @param frame      the frame that carried the message (for TCP, the one that delivered its last byte)
 * @param conn       the UDP or TCP conversation
 * @param transport  "udp" or "tcp"
 * @param response   the QR bit
 * @param id         transaction id
 * @param opcode     header opcode (0 query, 4 notify, 5 update ...)
 * @param rcode      header response code (4 bits); see {@link #extendedRcode()}
 * @param flags      the whole 16-bit flags word, as Wireshark's {@code dns.flags}
 * @param questions  the question section
 * @param answers    the answer section
 * @param authority  the authority section
 * @param additional the additional section (an EDNS OPT record included)
 * @param malformed  the message did not parse as its header promised (cut short, bad name, bad record data); the
 *                   sections hold what was read before the problem
 */
public record DnsMessage(long frame, long timeNs, ConnInfo conn, String transport, boolean response, int id,
                         int opcode, int rcode, int flags, List<Question> questions, List<Record> answers,
                         List<Record> authority, List<Record> additional, boolean malformed) implements Event {

    /** EDNS pseudo-record type. */
    private static final int OPT = 41;

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /**
     * @param name     as Wireshark shows it: dotted, non-printable octets escaped, {@code <Root>} for the root,
     *                 {@code <Name contains a pointer that loops>} or {@code <Name too long>} for hostile names
     * @param type     QTYPE number
     * @param dnsClass QCLASS number (mDNS unicast-response bit included)
     */
    public record Question(String name, int type, int dnsClass) {}

    /**
     * @param name     owner name, formatted as {@link Question#name()}
     * @param type     TYPE number
     * @param dnsClass CLASS number; for OPT the requester's UDP payload size
     * @param ttl      TTL in seconds (unsigned); for OPT the raw extended-rcode/version/flags word
     * @param data     the record's main value as tshark prints its field: dns.a, dns.aaaa, dns.cname, dns.ns,
     *                 dns.ptr.domain_name, dns.mx.mail_exchange, dns.soa.mname, dns.srv.target, dns.txt (strings
     *                 joined with ","), dns.caa.*; for SVCB/HTTPS "priority target key=value ..."; for OPT a summary;
     *                 for other types the RDATA in lower-case hex
     * @param details  the rest of the record ("preference=10", "priority=0 weight=5 port=5060", SOA timers, EDNS
     *                 options, a TXT record's string lengths when it has two strings or more), or ""
     */
    public record Record(String name, int type, int dnsClass, long ttl, String data, String details) {
        /**
         * TXT (and SPF): the character-strings one by one, as Wireshark's {@code dns.txt} lists them; {@link #data()}
         * joins them with "," and, for two or more, {@link #details()} says each one's length ({@code lengths=32,0}).
         */
        public List<String> strings() {
            if (details == null || !details.startsWith("lengths=")) return List.of(data);
            List<String> out = new java.util.ArrayList<>();
            int at = 0;
            for (String len : details.substring(8).split(",")) {
                int n = Integer.parseInt(len);
                if (at + n > data.length()) break;
                out.add(data.substring(at, at + n));
                at += n + 1;
            }
            return out;
        }
    }

    /** Authoritative answer. */
    public boolean aa() {
        return (flags & 0x0400) != 0;
    }

    /** Truncated. */
    public boolean tc() {
        return (flags & 0x0200) != 0;
    }

    /** Recursion desired. */
    public boolean rd() {
        return (flags & 0x0100) != 0;
    }

    /** Recursion available. */
    public boolean ra() {
        return (flags & 0x0080) != 0;
    }

    /** Authentic data (DNSSEC). */
    public boolean ad() {
        return (flags & 0x0020) != 0;
    }

    /** Checking disabled (DNSSEC). */
    public boolean cd() {
        return (flags & 0x0010) != 0;
    }

    /** The first question's name, or "" when there is none. */
    public String qname() {
        return questions.isEmpty() ? "" : questions.get(0).name();
    }

    /** The first question's type, or -1 when there is none. */
    public int qtype() {
        return questions.isEmpty() ? -1 : questions.get(0).type();
    }

    /** The response code with the upper eight bits from an EDNS OPT record when there is one (RFC 6891). */
    public int extendedRcode() {
        for (Record r : additional) {
            if (r.type() == OPT) return (int) ((r.ttl() >>> 24) << 4) | rcode;
        }
        return rcode;
    }
}
