package org.nta.filter;

import static org.nta.filter.FieldType.BOOLEAN;
import static org.nta.filter.FieldType.INT;
import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import org.nta.event.DhcpMessage;
import org.nta.event.Dhcpv6Message;
import org.nta.event.KerberosMessage;
import org.nta.event.NbdgmMessage;
import org.nta.event.NbnsMessage;
import org.nta.event.SmbMessage;

/**
 * Display-filter fields of the Windows-network protocols (NBSS, SMB, SMB2, NTLMSSP …) with Wireshark's names, read from the {@link SmbMessage}s
 * and {@link org.nta.event.NtlmAuthentication}s completed on the frame.
 */
public final class WinFields {
    private WinFields() {}

    private static boolean has(FrameView v, int version) {
        var events = v.events();
        for (int i = 0, n = events.size(); i < n; i++) {
            if (events.get(i) instanceof SmbMessage m && (version < 0 || m.version() == version)) return true;
        }
        return false;
    }

    private static boolean smb2(SmbMessage m) {
        return m.version() == 2 && !m.encrypted();
    }

    /** An integer field tshark prints in hexadecimal with {@code digits} digits, read from events of {@code type}. */
    static <E extends org.nta.event.Event> void hex(FieldRegistry r, String name, int digits, Class<E> type,
                                                    java.util.function.BiConsumer<? super E, Values> emit) {
        r.register(Field.hex(name, digits, (v, out) -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) if (type.isInstance(events.get(i))) emit.accept(type.cast(events.get(i)), out);
        }));
    }

    public static void register(FieldRegistry r) {
        kerberos(r);
        dhcp(r);
        dhcpv6(r);
        nbns(r);
        nbdgm(r);
        r.registerProtocol("nbss", v -> has(v, -1));
        hex(r, "nbss.type", 2, SmbMessage.class, (e, out) -> {
            if (e.nbssType() >= 0) out.add(e.nbssType());
        });
        r.registerProtocol("smb", v -> has(v, 1));
        r.registerProtocol("smb2", v -> has(v, 2));
        r.registerEventField("smb2.cmd", UINT, SmbMessage.class, (e, out) -> {
            if (smb2(e)) out.add(e.command());
        });
        r.registerEventField("smb2.msg_id", UINT, SmbMessage.class, (e, out) -> {
            if (smb2(e)) out.add(e.messageId());
        });
        hex(r, "smb2.nt_status", 8, SmbMessage.class, (e, out) -> {
            if (smb2(e) && e.response()) out.add(e.status());
        });
        hex(r, "smb2.sesid", 16, SmbMessage.class, (e, out) -> {
            if (e.version() == 2) out.add(e.sessionId());
        });
        hex(r, "smb2.tid", 8, SmbMessage.class, (e, out) -> {
            if (smb2(e) && e.treeId() >= 0) out.add(e.treeId());
        });
        r.registerEventField("smb2.flags.response", BOOLEAN, SmbMessage.class, (e, out) -> {
            if (smb2(e)) out.add(e.response());
        });
        r.registerEventField("smb2.tree", STRING, SmbMessage.class, (e, out) -> {
            if (smb2(e) && e.tree() != null) out.addString(e.tree());
        });
        r.registerEventField("smb2.filename", STRING, SmbMessage.class, (e, out) -> {
            if (smb2(e) && e.fileName() != null) out.addString(e.fileName());
        });
        hex(r, "smb2.dialect", 4, SmbMessage.class, (e, out) -> {
            if (smb2(e)) for (int d : e.dialects()) out.add(d);
        });
        r.registerEventField("smb2.header.transform.flags.encrypted", BOOLEAN, SmbMessage.class, (e, out) -> {
            if (e.encrypted()) out.add(true);
        });
        hex(r, "smb.cmd", 2, SmbMessage.class, (e, out) -> {
            if (e.version() != 1) return;
            out.add(e.command());
            for (int c : e.andx()) out.add(c);
        });
        r.registerEventField("smb.mid", UINT, SmbMessage.class, (e, out) -> {
            if (e.version() == 1) out.add(e.messageId());
        });
        r.registerEventField("smb.uid", UINT, SmbMessage.class, (e, out) -> {
            if (e.version() == 1) out.add(e.sessionId());
        });
        r.registerEventField("smb.file", STRING, SmbMessage.class, (e, out) -> {
            if (e.version() == 1 && e.fileName() != null) out.addString(e.fileName());
        });
        // ntlmssp and ntlmssp.auth.* are registered by AuthFields, from SMB's NtlmAuthentication events too
    }

    private static void kerberos(FieldRegistry r) {
        r.registerProtocol("kerberos", v -> {
            for (var e : v.events()) if (e instanceof KerberosMessage) return true;
            return false;
        });
        r.registerEventField("kerberos.msg_type", UINT, KerberosMessage.class, (e, out) -> {
            for (int t : e.msgTypes()) out.add(t);
        });
        r.registerEventField("kerberos.CNameString", STRING, KerberosMessage.class, (e, out) -> {
            for (String s : e.cname()) out.addString(s);
        });
        r.registerEventField("kerberos.SNameString", STRING, KerberosMessage.class, (e, out) -> {
            for (String s : e.snames()) out.addString(s);
        });
        r.registerEventField("kerberos.realm", STRING, KerberosMessage.class, (e, out) -> {
            for (String s : e.realms()) out.addString(s);
        });
        r.registerEventField("kerberos.crealm", STRING, KerberosMessage.class, (e, out) -> {
            if (e.crealm() != null) out.addString(e.crealm());
        });
        r.registerEventField("kerberos.etype", INT, KerberosMessage.class, (e, out) -> {
            for (int t : e.etypes()) out.add(t);
        });
        r.registerEventField("kerberos.error_code", UINT, KerberosMessage.class, (e, out) -> {
            if (e.errorCode() >= 0) out.add(e.errorCode());
        });
        r.registerEventField("kerberos.padata_type", UINT, KerberosMessage.class, (e, out) -> {
            for (int t : e.padataTypes()) out.add(t);
        });
    }

    private static long ipv4(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) v = (v << 8) | Integer.parseInt(part);
        return v;
    }

    private static void dhcp(FieldRegistry r) {
        r.registerProtocol("dhcp", v -> {
            for (var e : v.events()) if (e instanceof DhcpMessage) return true;
            return false;
        });
        r.registerEventField("dhcp.type", UINT, DhcpMessage.class, (e, out) -> out.add(e.op()));
        hex(r, "dhcp.id", 8, DhcpMessage.class, (e, out) -> out.add(e.xid()));
        r.registerEventField("dhcp.ip.client", FieldType.IPV4, DhcpMessage.class, (e, out) -> out.add(ipv4(e.clientAddress())));
        r.registerEventField("dhcp.ip.your", FieldType.IPV4, DhcpMessage.class, (e, out) -> out.add(ipv4(e.yourAddress())));
        r.registerEventField("dhcp.hw.mac_addr", FieldType.ETHER, DhcpMessage.class, (e, out) -> {
            if (e.clientMac() != null) out.add(Long.parseLong(e.clientMac().replace(":", ""), 16));
            if (e.clientIdMac() != null) out.add(Long.parseLong(e.clientIdMac().replace(":", ""), 16));
        });
        r.registerEventField("dhcp.option.dhcp", UINT, DhcpMessage.class, (e, out) -> {
            if (e.messageType() > 0) out.add(e.messageType());
        });
        r.registerEventField("dhcp.option.hostname", STRING, DhcpMessage.class, (e, out) -> {
            if (e.hostName() != null) out.addString(e.hostName());
        });
        r.registerEventField("dhcp.option.vendor_class_id", STRING, DhcpMessage.class, (e, out) -> {
            if (e.vendorClass() != null) out.addString(e.vendorClass());
        });
        r.registerEventField("dhcp.option.requested_ip_address", FieldType.IPV4, DhcpMessage.class, (e, out) -> {
            if (e.requested() != null) out.add(ipv4(e.requested()));
        });
        r.registerEventField("dhcp.option.dhcp_server_id", FieldType.IPV4, DhcpMessage.class, (e, out) -> {
            if (e.serverId() != null) out.add(ipv4(e.serverId()));
        });
        r.registerEventField("dhcp.option.ip_address_lease_time", UINT, DhcpMessage.class, (e, out) -> {
            if (e.leaseSeconds() >= 0) out.add(e.leaseSeconds());
        });
        r.registerEventField("dhcp.fqdn.name", STRING, DhcpMessage.class, (e, out) -> {
            if (e.fqdn() != null) out.addString(e.fqdn());
        });
    }

    /** DHCPv6 fields; the protocol itself ({@code dhcpv6}) is the frame's layer, named by port or by this parser. */
    private static void dhcpv6(FieldRegistry r) {
        r.registerEventField("dhcpv6.msgtype", UINT, Dhcpv6Message.class, (e, out) -> {
            for (int t : e.msgTypes()) out.add(t);
        });
        hex(r, "dhcpv6.xid", 6, Dhcpv6Message.class, (e, out) -> {
            if (e.transactionId() >= 0) out.add(e.transactionId());
        });
        r.registerEventField("dhcpv6.duid.type", UINT, Dhcpv6Message.class, (e, out) -> {
            for (var d : e.duids()) out.add(d.type());
        });
        r.registerEventField("dhcpv6.duid.bytes", FieldType.BYTES, Dhcpv6Message.class, (e, out) -> {
            for (var d : e.duids()) {
                byte[] b = java.util.HexFormat.of().parseHex(d.hex());
                out.addBytes(b, 0, b.length);
            }
        });
        r.registerEventField("dhcpv6.duidllt.link_layer_addr", STRING, Dhcpv6Message.class, (e, out) -> {
            for (var d : e.duids()) if (d.type() == 1 && d.linkLayer() != null) out.addString(d.linkLayer());
        });
        r.registerEventField("dhcpv6.duidll.link_layer_addr", STRING, Dhcpv6Message.class, (e, out) -> {
            for (var d : e.duids()) if (d.type() == 3 && d.linkLayer() != null) out.addString(d.linkLayer());
        });
        hex(r, "dhcpv6.client_fqdn_flags", 2, Dhcpv6Message.class, (e, out) -> {
            if (e.fqdnFlags() >= 0) out.add(e.fqdnFlags());
        });
        r.registerEventField("dhcpv6.client_domain", STRING, Dhcpv6Message.class, (e, out) -> {
            if (e.fqdn() != null) out.addString(e.fqdn());
        });
    }

    private static void nbns(FieldRegistry r) {
        r.registerProtocol("nbns", v -> {
            for (var e : v.events()) if (e instanceof NbnsMessage) return true;
            return false;
        });
        hex(r, "nbns.id", 4, NbnsMessage.class, (e, out) -> out.add(e.id()));
        r.registerEventField("nbns.flags.response", BOOLEAN, NbnsMessage.class, (e, out) -> out.add(e.response()));
        r.registerEventField("nbns.flags.opcode", UINT, NbnsMessage.class, (e, out) -> out.add(e.opcode()));
        r.registerEventField("nbns.name", STRING, NbnsMessage.class, (e, out) -> {
            for (String n : e.labels()) out.addString(n);
        });
        r.registerEventField("nbns.addr", FieldType.IPV4, NbnsMessage.class, (e, out) -> {
            for (String a : e.addresses()) out.add(ipv4(a));
        });
    }

    private static boolean hasNbdgm(FrameView v, boolean browser) {
        for (var e : v.events()) if (e instanceof NbdgmMessage m && (!browser || m.command() >= 0)) return true;
        return false;
    }

    private static void nbdgm(FieldRegistry r) {
        r.registerProtocol("nbdgm", v -> hasNbdgm(v, false));
        r.registerProtocol("browser", v -> hasNbdgm(v, true));
        r.registerEventField("nbdgm.type", UINT, NbdgmMessage.class, (e, out) -> out.add(e.type()));
        r.registerEventField("nbdgm.source_name", STRING, NbdgmMessage.class, (e, out) -> {
            if (e.sourceName() != null) out.addString(e.sourceName());
        });
        r.registerEventField("nbdgm.destination_name", STRING, NbdgmMessage.class, (e, out) -> {
            if (e.destinationName() != null) out.addString(e.destinationName());
        });
        r.registerEventField("mailslot.name", STRING, NbdgmMessage.class, (e, out) -> {
            if (e.mailslot() != null) out.addString(e.mailslot());
        });
        hex(r, "browser.command", 2, NbdgmMessage.class, (e, out) -> {
            if (e.command() >= 0) out.add(e.command());
        });
        r.registerEventField("browser.server", STRING, NbdgmMessage.class, (e, out) -> {
            if (e.server() != null) out.addString(e.server());
        });
        r.registerEventField("browser.os_major", UINT, NbdgmMessage.class, (e, out) -> {
            if (e.osMajor() >= 0) out.add(e.osMajor());
        });
        r.registerEventField("browser.os_minor", UINT, NbdgmMessage.class, (e, out) -> {
            if (e.osMinor() >= 0) out.add(e.osMinor());
        });
        hex(r, "browser.server_type", 8, NbdgmMessage.class, (e, out) -> {
            if (e.serverType() >= 0) out.add(e.serverType());
        });
        r.registerEventField("browser.comment", STRING, NbdgmMessage.class, (e, out) -> {
            if (e.comment() != null) out.addString(e.comment());
        });
        r.registerEventField("browser.mb_server", STRING, NbdgmMessage.class, (e, out) -> {
            if (e.masterBrowser() != null) out.addString(e.masterBrowser());
        });
    }
}
