package org.nta.capture;

import java.util.HashMap;
import java.util.Map;

/**
 * LINKTYPE_* values (https://www.tcpdump.org/linktypes.html) with the names Wireshark's capinfos uses for
 * them, so NTA's "encapsulation" reads the same as Wireshark's "File encapsulation".
 */
public final class LinkTypes {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int PPP = 9;
    public static final int RAW_OPENBSD = 12;
    public static final int RAW_14 = 14;
    public static final int PPP_HDLC = 50;
    public static final int PPP_ETHER = 51;
    public static final int RAW = 101;
    public static final int C_HDLC = 104;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    /** A name pair: Wireshark's short name (as in "1 - ether") and its description ("Ethernet"). */
    public record Name(String shortName, String description) {
    }

    private static final Map<Integer, Name> NAMES = new HashMap<>();

    private static void n(int lt, String shortName, String description) {
        NAMES.put(lt, new Name(shortName, description));
    }

    static {
        n(0, "null", "NULL/Loopback");
        n(1, "ether", "Ethernet");
        n(3, "ax25", "Amateur Radio AX.25");
        n(6, "tr", "Token Ring");
        n(7, "arcnet", "ARCNET");
        n(8, "slip", "SLIP");
        n(9, "ppp", "PPP");
        n(10, "fddi", "FDDI");
        n(12, "rawip", "Raw IP");
        n(14, "rawip", "Raw IP");
        n(50, "ppp", "PPP");
        n(51, "pppoes", "PPP-over-Ethernet session");
        n(100, "atm-rfc1483", "RFC 1483 ATM");
        n(101, "rawip", "Raw IP");
        n(104, "chdlc", "Cisco HDLC");
        n(105, "ieee-802-11", "IEEE 802.11 Wireless LAN");
        n(106, "linux-atm-clip", "Linux ATM CLIP");
        n(107, "frelay", "Frame Relay");
        n(108, "loop", "OpenBSD loopback");
        n(113, "linux-sll", "Linux cooked-mode capture v1");
        n(114, "ltalk", "Localtalk");
        n(117, "pflog", "OpenBSD PF Firewall logs");
        n(119, "prism", "IEEE 802.11 plus Prism II monitor mode radio header");
        n(122, "ip-over-fc", "RFC 2625 IP-over-Fibre Channel");
        n(123, "atm-pdus", "ATM PDUs");
        n(127, "ieee-802-11-radiotap", "IEEE 802.11 plus radiotap radio header");
        n(129, "arcnet_linux", "Linux ARCNET");
        n(137, "juniper-atm1", "Juniper ATM1");
        n(138, "juniper-atm2", "Juniper ATM2");
        n(139, "redback", "Redback SmartEdge");
        n(140, "mtp2-with-phdr", "MTP2 with pseudoheader");
        n(141, "mtp2", "SS7 MTP2");
        n(142, "mtp3", "SS7 MTP3");
        n(143, "docsis", "Data Over Cable Service Interface Specification");
        n(147, "user0", "USER 0");
        for (int i = 1; i <= 15; i++) n(147 + i, "user" + i, "USER " + i);
        n(163, "ieee-802-11-avs", "IEEE 802.11 plus AVS radio header");
        n(165, "bacnet-ms-tp", "BACnet MS/TP");
        n(166, "ppp-with-direction", "PPP with Directional Info");
        n(167, "juniper-pppoe", "Juniper PPPoE");
        n(169, "gprs-llc", "GPRS LLC");
        n(177, "linux-lapd", "LAPD");
        n(178, "juniper-ether", "Juniper Ethernet");
        n(179, "juniper-ppp", "Juniper PPP");
        n(181, "juniper-chdlc", "Juniper C-HDLC");
        n(183, "juniper-vp", "Juniper Voice PIC");
        n(187, "bluetooth-h4", "Bluetooth H4");
        n(189, "usb-linux", "USB packets with Linux header");
        n(192, "ppi", "Per-Packet Information header");
        n(195, "wpan", "IEEE 802.15.4 Wireless PAN");
        n(201, "bluetooth-h4-linux", "Bluetooth H4 with linux header");
        n(204, "ppp-with-direction", "PPP with Directional Info");
        n(209, "ipmb", "Intelligent Platform Management Bus");
        n(215, "wpan-nofcs", "IEEE 802.15.4 Wireless PAN with FCS not present");
        n(220, "usb-linux-mmap", "USB packets with Linux header and padding");
        n(224, "fibre-channel-fc2", "Fibre Channel FC-2");
        n(226, "ipnet", "Solaris IPNET");
        n(227, "socketcan", "SocketCAN");
        n(228, "rawip4", "Raw IPv4");
        n(229, "rawip6", "Raw IPv6");
        n(230, "wpan-nonask-phy", "IEEE 802.15.4 Wireless PAN non-ASK PHY");
        n(231, "dbus", "D-Bus");
        n(235, "dvbci", "DVB-CI (Common Interface)");
        n(239, "nflog", "NFLOG");
        n(240, "netanalyzer", "Hilscher netANALYZER");
        n(242, "ip-ib", "IP over IB");
        n(248, "sctp", "SCTP");
        n(249, "usb-usbpcap", "USB packets with USBPcap header");
        n(251, "bluetooth-le-ll", "Bluetooth Low Energy Link Layer");
        n(252, "wireshark-upper-pdu", "Wireshark Upper PDU export");
        n(253, "netlink", "Linux Netlink");
        n(254, "bluetooth-linux-monitor", "Bluetooth Linux Monitor");
        n(256, "bluetooth-le-ll-rf", "Bluetooth Low Energy Link Layer RF");
        n(258, "pktap", "Apple PKTAP");
        n(259, "epon", "Ethernet Passive Optical Network");
        n(260, "ipmi-trace", "IPMI Trace Data Collection");
        n(263, "nordic_ble", "nRF Sniffer for Bluetooth LE");
        n(266, "nstrace30", "NetScaler Encapsulation 3.0 of Ethernet");
        n(270, "linux-sll", "Linux cooked-mode capture v1");
        n(271, "vsock", "Linux vsock");
        n(276, "linux-sll2", "Linux cooked-mode capture v2");
        n(283, "ebhscr", "Elektrobit High Speed Capture and Replay");
        n(290, "ip-over-ib", "IP over InfiniBand");
    }

    private LinkTypes() {}

    /** Wireshark's names for a link type, or a generic name for one it does not know. */
    public static Name name(int linkType) {
        Name n = NAMES.get(linkType);
        return n != null ? n : new Name("linktype-" + linkType, "LINKTYPE " + linkType);
    }

    /**
     * Bytes of a fixed pseudo-header that Wireshark's file reader takes off the front of every record of this link
     * type and does not count in the frame's lengths (wiretap's pcap_process_pseudo_header): SunATM, IrDA, MTP2 and
     * Bluetooth H4 with pseudo-header, PPP with direction, Linux I2C. 0 for every other link type.
     */
    public static int pseudoHeaderLength(int linkType) {
        return switch (linkType) {
            case 123, 139, 201, 209 -> 4; // SunATM, MTP2 with phdr, Bluetooth H4 with phdr, Linux I2C
            case 144 -> 16; // IrDA (Linux)
            case 204 -> 1; // PPP with direction
            default -> 0;
        };
    }

    /** Largest record Wireshark accepts for this link type (its wtap_max_snaplen_for_encap). */
    public static int maxRecordLength(int linkType) {
        switch (linkType) {
            case 231: // D-Bus
            case 189:
            case 220:
            case 249: // USB
                return 128 * 1024 * 1024;
            case 283: // EBHSCR
                return 8 * 1024 * 1024;
            default:
                return 262_144;
        }
    }
}
