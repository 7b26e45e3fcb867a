package org.nta.app.dns;

import java.util.Map;

/** Names of DNS numbers as Wireshark 4.0 shows them (record types, classes), plus the usual mnemonics for rcodes. */
public final class DnsTypes {
    public static final int A = 1, NS = 2, MD = 3, MF = 4, CNAME = 5, SOA = 6, MB = 7, MG = 8, MR = 9, PTR = 12,
            MX = 15, TXT = 16, AAAA = 28, SRV = 33, DNAME = 39, OPT = 41, SVCB = 64, HTTPS = 65, SPF = 99, CAA = 257;

    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(0, "Unused"), Map.entry(1, "A"), Map.entry(2, "NS"), Map.entry(3, "MD"), Map.entry(4, "MF"),
            Map.entry(5, "CNAME"), Map.entry(6, "SOA"), Map.entry(7, "MB"), Map.entry(8, "MG"), Map.entry(9, "MR"),
            Map.entry(10, "NULL"), Map.entry(11, "WKS"), Map.entry(12, "PTR"), Map.entry(13, "HINFO"),
            Map.entry(14, "MINFO"), Map.entry(15, "MX"), Map.entry(16, "TXT"), Map.entry(17, "RP"),
            Map.entry(18, "AFSDB"), Map.entry(19, "X25"), Map.entry(20, "ISDN"), Map.entry(21, "RT"),
            Map.entry(22, "NSAP"), Map.entry(23, "NSAP-PTR"), Map.entry(24, "SIG"), Map.entry(25, "KEY"),
            Map.entry(26, "PX"), Map.entry(27, "GPOS"), Map.entry(28, "AAAA"), Map.entry(29, "LOC"),
            Map.entry(30, "NXT"), Map.entry(31, "EID"), Map.entry(32, "NIMLOC"), Map.entry(33, "SRV"),
            Map.entry(34, "ATMA"), Map.entry(35, "NAPTR"), Map.entry(36, "KX"), Map.entry(37, "CERT"),
            Map.entry(38, "A6"), Map.entry(39, "DNAME"), Map.entry(40, "SINK"), Map.entry(41, "OPT"),
            Map.entry(42, "APL"), Map.entry(43, "DS"), Map.entry(44, "SSHFP"), Map.entry(45, "IPSECKEY"),
            Map.entry(46, "RRSIG"), Map.entry(47, "NSEC"), Map.entry(48, "DNSKEY"), Map.entry(49, "DHCID"),
            Map.entry(50, "NSEC3"), Map.entry(51, "NSEC3PARAM"), Map.entry(52, "TLSA"), Map.entry(55, "HIP"),
            Map.entry(57, "RKEY"), Map.entry(58, "TALINK"), Map.entry(59, "CDS"), Map.entry(60, "CDNSKEY"),
            Map.entry(61, "OPENPGPKEY"), Map.entry(62, "CSYNC"), Map.entry(63, "ZONEMD"), Map.entry(64, "SVCB"),
            Map.entry(65, "HTTPS"), Map.entry(99, "SPF"), Map.entry(100, "UINFO"), Map.entry(101, "UID"),
            Map.entry(102, "GID"), Map.entry(103, "UNSPEC"), Map.entry(104, "NID"), Map.entry(105, "L32"),
            Map.entry(106, "L64"), Map.entry(107, "LP"), Map.entry(108, "EUI48"), Map.entry(109, "EUI64"),
            Map.entry(249, "TKEY"), Map.entry(250, "TSIG"), Map.entry(251, "IXFR"), Map.entry(252, "AXFR"),
            // Wireshark 4.0 has these two swapped; kept so that names compare equal to tshark's
            Map.entry(253, "MAILA"), Map.entry(254, "MAILB"),
            Map.entry(255, "ANY"), Map.entry(256, "URI"), Map.entry(257, "CAA"), Map.entry(32768, "TA"),
            Map.entry(32769, "DLV"), Map.entry(65281, "WINS"), Map.entry(65282, "WINS-R"), Map.entry(65422, "XPF"));

    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
            "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI", null, null, null, null, "BADVERS",
            "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE"};

    private static final String[] OPCODES = {"QUERY", "IQUERY", "STATUS", null, "NOTIFY", "UPDATE", "DSO"};

    private DnsTypes() {}

    /** Record type as Wireshark names it ("A", "HTTPS"), or "Unknown (N)". */
    public static String typeName(int type) {
        String n = TYPES.get(type);
        return n != null ? n : "Unknown (" + type + ")";
    }

    /** Record class as Wireshark names it; the mDNS cache-flush / unicast-response bit is ignored. */
    public static String className(int dnsClass) {
        return switch (dnsClass & 0x7fff) {
            case 1 -> "IN";
            case 2 -> "CS";
            case 3 -> "CH";
            case 4 -> "HS";
            case 254 -> "NONE";
            case 255 -> "ANY";
            default -> "Unknown";
        };
    }

    /** IANA mnemonic of a (possibly EDNS-extended) response code: NOERROR, NXDOMAIN, BADCOOKIE; else "RCODE<N>". */
    public static String rcodeName(int rcode) {
        String n = rcode >= 0 && rcode < RCODES.length ? RCODES[rcode] : null;
        return n != null ? n : "RCODE" + rcode;
    }

    /** IANA mnemonic of an opcode: QUERY, NOTIFY, UPDATE; else "OPCODE<N>". */
    public static String opcodeName(int opcode) {
        String n = opcode >= 0 && opcode < OPCODES.length ? OPCODES[opcode] : null;
        return n != null ? n : "OPCODE" + opcode;
    }
}
