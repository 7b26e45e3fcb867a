package org.nta.event;

import java.util.List;

/**
 * One NetBIOS name service message (RFC 1002 4.2, UDP 137): a name query, registration, release or refresh, or its
 * answer.
 *
 * @param opcode    0 query, 5 registration, 6 release, 7 WACK, 8 refresh
 * @param names     every name in the message as {@code NAME<xx>} (suffix in hex, trailing spaces removed, scope
 *                  appended after a dot): questions first, then records
 * @param labels    the same as Wireshark's {@code nbns.name} shows them (records get the suffix's role, e.g.
 *                  {@code (Workstation/Redirector)})
 * @param addresses IPv4 addresses of NB records (dotted)
 * @param groupNames names of NB records whose flags say group (G bit: a workgroup or domain name, not a host's)
 * @param flags     the header's whole 16-bit flags word (opcode, NM_FLAGS, rcode), as Wireshark's {@code nbns.flags}
 */
public record NbnsMessage(long frame, long timeNs, ConnInfo conn, int id, boolean response, int opcode, int rcode,
                          List<String> names, List<String> labels, List<String> addresses, List<String> groupNames,
                          int flags) implements Event {
    public NbnsMessage {
        names = List.copyOf(names);
        labels = List.copyOf(labels);
        addresses = List.copyOf(addresses);
        groupNames = List.copyOf(groupNames);
    }

    /** The B flag (RFC 1002 4.2.1.1): sent by broadcast, whatever the subnet's broadcast address is. */
    public boolean broadcast() {
        return (flags & 0x0010) != 0;
    }
}
