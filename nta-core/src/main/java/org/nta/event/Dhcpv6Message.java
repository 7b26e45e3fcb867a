package org.nta.event;

import java.util.List;

/**
 * One DHCPv6 message (RFC 8415, UDP 546/547) with what names its client: the DUIDs of the client and server
 * identifier options and the client FQDN option (RFC 4704). A relayed message (RELAY-FORW, RELAY-REPL) is read
 * through its relay message options. The conversation's client is the datagram's sender.
 *
 * @param msgTypes      message types, outermost first (12 RELAY-FORW, 13 RELAY-REPL, then the relayed message's):
 *                      1 SOLICIT, 2 ADVERTISE, 3 REQUEST, 4 CONFIRM, 5 RENEW, 6 REBIND, 7 REPLY, 8 RELEASE,
 *                      9 DECLINE, 10 RECONFIGURE, 11 INFORMATION-REQUEST
 * @param transactionId the (innermost) message's transaction id, or -1 when only relay headers were read
 * @param duids         the DUIDs of client (option 1) and server (option 2) identifiers, in message order
 * @param fqdn          option 39's domain name as Wireshark shows it: a fully qualified name with its final dot
 *                      ({@code host.example.}), a partial one without ({@code host}); or null
 * @param fqdnFlags     option 39's flags (S, O, N), or -1
 */
public record Dhcpv6Message(long frame, long timeNs, ConnInfo conn, List<Integer> msgTypes, int transactionId,
                            List<Duid> duids, String fqdn, int fqdnFlags) implements Event {
    public Dhcpv6Message {
        msgTypes = List.copyOf(msgTypes);
        duids = List.copyOf(duids);
    }

    /**
     * A DHCP unique identifier (RFC 8415 11).
     *
     * @param option    1 client identifier, 2 server identifier
     * @param type      1 DUID-LLT, 2 DUID-EN, 3 DUID-LL, 4 DUID-UUID (RFC 6355), or another value
     * @param hex       the whole DUID in lower-case hex
     * @param linkLayer the link-layer address of a DUID-LLT or DUID-LL, colon-separated hex, or null
     */
    public record Duid(int option, int type, String hex, String linkLayer) {
        /** "00030001... (DUID-LL, 00:01:02:03:04:05)": the identifier and what it says. */
        public String describe() {
            String kind = switch (type) {
                case 1 -> "DUID-LLT";
                case 2 -> "DUID-EN";
                case 3 -> "DUID-LL";
                case 4 -> "DUID-UUID";
                default -> "DUID type " + type;
            };
            return hex + " (" + kind + (linkLayer == null ? "" : ", " + linkLayer) + ")";
        }
    }

    /** The innermost message's type. */
    public int messageType() {
        return msgTypes.isEmpty() ? -1 : msgTypes.get(msgTypes.size() - 1);
    }

    /** Whether a client sent it directly (not relayed): SOLICIT, REQUEST, CONFIRM, RENEW, REBIND, RELEASE, DECLINE, INFORMATION-REQUEST. */
    public boolean fromClient() {
        int t = messageType();
        return msgTypes.size() == 1 && (t == 1 || t == 3 || t == 4 || t == 5 || t == 6 || t == 8 || t == 9 || t == 11);
    }

    /** The client identifier's DUID, or null. */
    public Duid clientDuid() {
        for (Duid d : duids) if (d.option() == 1) return d;
        return null;
    }
}
