package org.nta.stats;

import org.nta.decode.Packet;
import org.nta.decode.Proto;

/** Well-known ports, for naming application protocols that no parser has recognised. */
public final class PortGuess {
    private PortGuess() {}

    public static Proto of(Packet p) {
        Proto g = byPort(p.isTcp(), Math.min(p.srcPort, p.dstPort));
        if (g == null) g = byPort(p.isTcp(), Math.max(p.srcPort, p.dstPort));
        return g;
    }

    static Proto byPort(boolean tcp, int port) {
        if (tcp) {
            return switch (port) {
                case 80, 8080, 8000, 8008, 3128 -> Proto.HTTP;
                case 443, 8443, 993, 995, 465, 636, 853 -> Proto.TLS;
                case 22 -> Proto.SSH;
                case 21 -> Proto.FTP;
                case 23 -> Proto.TELNET;
                case 25, 587 -> Proto.SMTP;
                case 110 -> Proto.POP;
                case 143 -> Proto.IMAP;
                case 53 -> Proto.DNS;
                case 139 -> Proto.NBSS;
                case 445 -> Proto.SMB;
                case 3389 -> Proto.RDP;
                case 389 -> Proto.LDAP;
                case 88 -> Proto.KERBEROS;
                case 179 -> Proto.BGP;
                case 554 -> Proto.RTSP;
                case 3306 -> Proto.MYSQL;
                case 5432 -> Proto.PGSQL;
                case 6379 -> Proto.REDIS;
                case 2049 -> Proto.NFS;
                case 111 -> Proto.RPC;
                case 1883 -> Proto.MQTT;
                case 631 -> Proto.IPP;
                case 5060 -> Proto.SIP;
                default -> null;
            };
        }
        return switch (port) {
            case 53 -> Proto.DNS;
            case 5353 -> Proto.MDNS;
            case 5355 -> Proto.LLMNR;
            case 137 -> Proto.NBNS;
            case 123 -> Proto.NTP;
            case 67, 68 -> Proto.DHCP;
            case 546, 547 -> Proto.DHCPV6;
            case 161, 162 -> Proto.SNMP;
            case 514 -> Proto.SYSLOG;
            case 88 -> Proto.KERBEROS;
            case 1812, 1813 -> Proto.RADIUS;
            case 69 -> Proto.TFTP;
            case 443 -> Proto.QUIC;
            case 1900 -> Proto.SSDP;
            case 500, 4500 -> Proto.ISAKMP;
            case 1701 -> Proto.L2TP;
            case 1194 -> Proto.OPENVPN;
            case 51820 -> Proto.WIREGUARD;
            case 5060 -> Proto.SIP;
            case 2049 -> Proto.NFS;
            case 111 -> Proto.RPC;
            default -> null;
        };
    }
}
