package org.nta.decode;

/** Protocols that appear in a frame's layer path, named as Wireshark's display filters name them. */
public enum Proto {
    ETH("eth"), VLAN("vlan"), PPPOES("pppoes"), PPP("ppp"), SLL("sll"), NULL("null"), CHDLC("chdlc"),
    LLC("llc"), MPLS("mpls"), ARP("arp"), IP("ip"), IPV6("ipv6"), TCP("tcp"), UDP("udp"), ICMP("icmp"),
    ICMPV6("icmpv6"), GRE("gre"), SCTP("sctp"), ESP("esp"), AH("ah"), IGMP("igmp"), OSPF("ospf"), PIM("pim"),
    VRRP("vrrp"), STP("stp"), LLDP("lldp"), CDP("cdp"), VXLAN("vxlan"), GENEVE("geneve"),
    // application protocols (by parser once known, by port until then)
    HTTP("http"), DNS("dns"), MDNS("mdns"), LLMNR("llmnr"), NBNS("nbns"), TLS("tls"), SSH("ssh"), FTP("ftp"),
    SMTP("smtp"), POP("pop"), IMAP("imap"), TELNET("telnet"), NTP("ntp"), DHCP("dhcp"), DHCPV6("dhcpv6"),
    SNMP("snmp"), SYSLOG("syslog"), SMB("smb"), NBSS("nbss"), RDP("rdp"), LDAP("ldap"), KERBEROS("kerberos"),
    BGP("bgp"), SIP("sip"), RTSP("rtsp"), RADIUS("radius"), TFTP("tftp"), QUIC("quic"), SSDP("ssdp"),
    MYSQL("mysql"), PGSQL("pgsql"), REDIS("redis"), NFS("nfs"), RPC("rpc"), ISAKMP("isakmp"), L2TP("l2tp"),
    OPENVPN("openvpn"), WIREGUARD("wg"), MQTT("mqtt"), IPP("ipp"),
    DCERPC("dcerpc"),
    FTP_DATA("ftp-data"),
    DATA("data");

    private final String filterName;

    Proto(String filterName) {
        this.filterName = filterName;
    }

    public String filterName() {
        return filterName;
    }

    private static final Proto[] VALUES = values();

    public static Proto of(int ordinal) {
        return VALUES[ordinal];
    }
}
