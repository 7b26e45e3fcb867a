package org.nta.event;

/**
 * One DHCPv4 message (RFC 2131/2132) with what names a host: its MAC, the address it asked for or was given, its
 * host name, FQDN and vendor class.
 *
 * @param op            1 BOOTREQUEST, 2 BOOTREPLY
 * @param messageType   option 53 (1 DISCOVER, 2 OFFER, 3 REQUEST, 4 DECLINE, 5 ACK, 6 NAK, 7 RELEASE, 8 INFORM), or 0
 * @param clientMac     chaddr when htype is Ethernet, as aa:bb:cc:dd:ee:ff, or null
 * @param clientAddress ciaddr (dotted), "0.0.0.0" when unset
 * @param yourAddress   yiaddr, the address given (dotted)
 * @param requested     option 50, or null
 * @param serverId      option 54, or null
 * @param leaseSeconds  option 51, or -1
 * @param hostName      option 12, or null
 * @param fqdn          option 81's domain name, or null
 * @param vendorClass   option 60, or null
 * @param clientIdMac   option 61 when it holds an Ethernet address (type 1), or null
 */
public record DhcpMessage(long frame, long timeNs, ConnInfo conn, int op, long xid, int messageType, String clientMac,
                          String clientAddress, String yourAddress, String requested, String serverId,
                          long leaseSeconds, String hostName, String fqdn, String vendorClass,
                          String clientIdMac) implements Event {
}
