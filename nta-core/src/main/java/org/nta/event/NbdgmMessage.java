package org.nta.event;

/**
 * One NetBIOS datagram (RFC 1002 4.4, UDP 138) and, when it carries one, the browser message (MS-BRWS) written to the
 * {@code \MAILSLOT\BROWSE} mailslot by an SMB1 Transaction: host, local master and domain announcements, elections,
 * backup-list requests; or the LAN Manager announcement written to {@code \MAILSLOT\LANMAN} (Samba's {@code lm announce},
 * OS/2, Windows 9x), whose host, local master and domain announcements fill the same fields. The conversation's client
 * is the datagram's sender.
 *
 * @param type            message type: 0x10 direct unique, 0x11 direct group, 0x12 broadcast, 0x13 error, 0x14-0x16 query
 * @param sourceName      the sender's NetBIOS name as {@code NAME<xx>} (as {@code NbnsMessage} spells names), or null
 * @param destinationName the name it is sent to, or null
 * @param mailslot        the SMB Transaction's mailslot name ({@code \MAILSLOT\BROWSE}, {@code \MAILSLOT\LANMAN}, …), or null
 * @param command         the browser command (0x01 host announcement, 0x02 announcement request, 0x08 election,
 *                        0x09/0x0a backup list, 0x0b become backup, 0x0c domain announcement, 0x0d master announcement,
 *                        0x0f local master announcement), or -1 when the datagram carries no browser message
 * @param server          the announced server (for 0x0c the workgroup or domain) or the election's sender, or null
 * @param osMajor         announced OS major version, or -1
 * @param osMinor         announced OS minor version, or -1
 * @param serverType      the SV_TYPE flags of an announcement, or -1
 * @param comment         the server comment of a host or local master announcement, or null
 * @param masterBrowser   the master browser named by a domain or master announcement, or null
 */
public record NbdgmMessage(long frame, long timeNs, ConnInfo conn, int type, String sourceName, String destinationName,
                           String mailslot, int command, String server, int osMajor, int osMinor, long serverType,
                           String comment, String masterBrowser) implements Event {
    public static final int HOST_ANNOUNCEMENT = 0x01, DOMAIN_ANNOUNCEMENT = 0x0c, LOCAL_MASTER_ANNOUNCEMENT = 0x0f;

    /** Whether this is an announcement a server makes of itself (host or local master), naming the sender. */
    public boolean announcesHost() {
        return command == HOST_ANNOUNCEMENT || command == LOCAL_MASTER_ANNOUNCEMENT;
    }
}
