package org.nta.app;

import org.nta.app.dns.DnsConfig;
import org.nta.app.dns.DnsDecoder;
import org.nta.app.dns.DnsDetect;
import org.nta.app.dns.DnsTcpHandler;
import org.nta.app.http.HttpAuthListener;
import org.nta.app.ldap.LdapConfig;
import org.nta.app.ldap.LdapDetect;
import org.nta.app.ldap.LdapHandler;
import org.nta.app.snmp.SnmpConfig;
import org.nta.app.snmp.SnmpDecoder;
import org.nta.app.snmp.SnmpTracker;
import org.nta.app.http.HttpConnectionParser;
import org.nta.app.mail.MailHandlers;
import org.nta.app.ssh.SshConfig;
import org.nta.app.ssh.SshDetect;
import org.nta.app.ssh.SshHandler;
import org.nta.app.tls.TlsConfig;
import org.nta.app.tls.TlsDetect;
import org.nta.app.tls.TlsHandler;
import org.nta.decode.Packet;
import org.nta.reassembly.TcpStreams;
import org.nta.app.http.HttpListener;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Proto;
import org.nta.pipeline.AppLayer;
import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.flow.Flow;
import org.nta.reassembly.StreamHandler;
import org.nta.reassembly.Opener;
import org.nta.reassembly.StreamHandlerFactory;

/**
 * The application layer: recognises each TCP connection's protocol from its first bytes (any port) and hands its
 * streams to the matching parser, whose events go to the engine's event sink.
 */
public final class AppDispatcher implements AppLayer {
    private final AppConfig config;
    private final boolean labelsOnly;
    private EventSink events;
    private AnomalyCounter anomalies;
    private DnsDecoder dns;
    private HoldBudget searchBudget;
    private SnmpTracker snmp;
    private org.nta.app.kerberos.KerberosDecoder kerberos;
    private org.nta.app.kerberos.KerberosExchanges kerberosUdp;
    private Expectations expectations;
    private org.nta.app.dhcp.DhcpDecoder dhcp;
    private org.nta.app.dhcp.Dhcpv6Decoder dhcpv6;
    private org.nta.app.netbios.NbnsDecoder nbns;
    private org.nta.app.netbios.NbdgmDecoder nbdgm;

    public AppDispatcher(AppConfig config) {
        this(config, false);
    }

    private AppDispatcher(AppConfig config, boolean labelsOnly) {
        this.config = config;
        this.labelsOnly = labelsOnly;
    }

    /**
     * Recognises every connection's protocol (which sets {@link Flow#app}) without parsing it: what the protocol
     * hierarchy needs, at little more than the cost of reassembly. DNS over UDP is still decoded, since only a
     * datagram that decodes is labelled DNS off its ports.
     */
    public static AppDispatcher labelsOnly() {
        return new AppDispatcher(AppConfig.all(), true);
    }

    @Override
    public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
        this.events = events;
        this.anomalies = anomalies;
        this.dns = new DnsDecoder(DnsConfig.DEFAULTS, anomalies);
        this.searchBudget = new HoldBudget(config.searchMemcap());
        this.snmp = new SnmpTracker(SnmpConfig.DEFAULTS, anomalies, events::emit);
        this.dhcp = new org.nta.app.dhcp.DhcpDecoder(anomalies);
        this.dhcpv6 = new org.nta.app.dhcp.Dhcpv6Decoder(anomalies);
        this.nbns = new org.nta.app.netbios.NbnsDecoder(anomalies);
        this.nbdgm = new org.nta.app.netbios.NbdgmDecoder(anomalies);
        this.kerberos = new org.nta.app.kerberos.KerberosDecoder(org.nta.app.kerberos.KerberosConfig.DEFAULTS, anomalies);
        this.kerberosUdp = new org.nta.app.kerberos.KerberosExchanges(org.nta.app.kerberos.KerberosConfig.DEFAULTS.maxFlows(), events::emit);
        this.expectations = new Expectations(config.ftp() != null ? config.ftp().maxExpectations() : 0, anomalies);
        return StreamHandlerFactory.withOpener(this::connection, AppDispatcher::opener);
    }

    /**
     * Which side sent the first bytes of a line, for connections picked up without their handshake: an HTTP request
     * line comes from the client, a status line from the server.
     */
    public static int opener(byte[] b, int off, int len) {
        if (HttpConnectionParser.looksLikeRequest(b, off, len)) return Opener.CLIENT;
        if (HttpConnectionParser.looksLikeResponse(b, off, len)) return Opener.SERVER;
        int mail = MailHandlers.side(b, off, len);
        if (mail != 0) return mail == 1 ? Opener.CLIENT : Opener.SERVER;
        if (org.nta.app.dcerpc.DceRpcDetect.looksLikeDceRpc(b, off, len, true)) return Opener.CLIENT; // bind, request
        if (org.nta.app.dcerpc.DceRpcDetect.looksLikeDceRpc(b, off, len, false)) return Opener.SERVER; // their answers
        return Opener.UNKNOWN;
    }

    /** DNS over UDP on its ports (53, mDNS 5353, LLMNR 5355), or on another port when the content is clearly DNS. */
    @Override
    public void onDatagram(Packet p, Flow flow, boolean fromA) {
        if (config.snmp() && snmpDatagram(p, flow, fromA)) return;
        if (p.payloadLen > 0 && config.win().kerberos() && (flow.aPort() == 88 || flow.bPort() == 88)
                && org.nta.app.kerberos.KerberosDecoder.looksLikeKerberos(p.payload, p.payloadOff, p.payloadLen)) {
            if (labelsOnly) {
                flow.app = Proto.KERBEROS;
                return;
            }
            ConnInfo conn = TcpStreams.conn(flow, flow.bPort() == 88 || flow.aPort() != 88);
            var m = kerberos.decode(p.payload, p.payloadOff, p.payloadLen, conn, p.frame.number, p.frame.epochNanos());
            if (m != null) {
                flow.app = Proto.KERBEROS;
                kerberosUdp.onMessage(m);
            }
            return;
        }
        if (p.payloadLen > 0 && config.win().dhcp() && (isDhcpPort(flow.aPort()) || isDhcpPort(flow.bPort()))
                && org.nta.app.dhcp.DhcpDecoder.looksLikeDhcp(p.payload, p.payloadOff, p.payloadLen)) {
            flow.app = Proto.DHCP;
            if (labelsOnly) return;
            var m = dhcp.decode(p.payload, p.payloadOff, p.payloadLen, TcpStreams.conn(flow, flow.bPort() == 67 || flow.aPort() != 67),
                    p.frame.number, p.frame.epochNanos());
            if (m != null) events.emit(m);
            return;
        }
        if (p.payloadLen > 0 && config.win().dhcp() && (isDhcpv6Port(flow.aPort()) || isDhcpv6Port(flow.bPort()))) {
            if (labelsOnly) return;
            // the sender is the conversation's client: a client's message names the address it came from
            var m = dhcpv6.decode(p.payload, p.payloadOff, p.payloadLen, TcpStreams.conn(flow, fromA), p.frame.number, p.frame.epochNanos());
            if (m != null) {
                flow.app = Proto.DHCPV6;
                events.emit(m);
            }
            return;
        }
        if (p.payloadLen > 0 && config.win().nbns() && (flow.aPort() == 137 || flow.bPort() == 137)) {
            if (labelsOnly) return;
            var m = nbns.decode(p.payload, p.payloadOff, p.payloadLen, TcpStreams.conn(flow, flow.bPort() == 137 || flow.aPort() != 137),
                    p.frame.number, p.frame.epochNanos());
            if (m != null) {
                flow.app = Proto.NBNS;
                events.emit(m);
            }
            return;
        }
        if (p.payloadLen > 0 && config.win().nbdgm() && (flow.aPort() == 138 || flow.bPort() == 138)) {
            if (labelsOnly) return;
            // an announcement is one-way: its sender is the conversation's client
            var m = nbdgm.decode(p.payload, p.payloadOff, p.payloadLen, TcpStreams.conn(flow, fromA), p.frame.number, p.frame.epochNanos());
            if (m != null) events.emit(m);
            return;
        }
        if (!config.dns() || p.payloadLen == 0) return;
        boolean port = isDnsPort(flow.aPort()) || isDnsPort(flow.bPort());
        if (!port && (isNetbios(flow.aPort()) || isNetbios(flow.bPort()) || !DnsDetect.looksLikeDns(p.payload, p.payloadOff, p.payloadLen))) return;
        ConnInfo conn = TcpStreams.conn(flow, clientIsA(flow));
        dns.decode(p.payload, p.payloadOff, p.payloadLen, conn, p.frame.number, p.frame.epochNanos()).ifPresent(m -> {
            flow.app = flow.bPort() == 5353 || flow.aPort() == 5353 ? Proto.MDNS : flow.bPort() == 5355 || flow.aPort() == 5355 ? Proto.LLMNR : Proto.DNS;
            events.emit(m);
        });
    }

    /**
     * SNMP whose content is SNMP: on UDP 161/162, on a flow already recognised as SNMP, or on any other port when
     * the datagram decodes whole as a v1/v2c message (see {@link #snmpOffPort}). Decoded, paired and labelled.
     */
    private boolean snmpDatagram(Packet p, Flow flow, boolean fromA) {
        boolean aPort = isSnmpPort(flow.aPort()), bPort = isSnmpPort(flow.bPort());
        if (!SnmpDecoder.looksLikeSnmp(p.payload, p.payloadOff, p.payloadLen)) return false;
        if (!aPort && !bPort && flow.app != Proto.SNMP && !snmpOffPort(p, flow)) return false;
        boolean clientIsA = !aPort || bPort && flow.bPort() <= flow.aPort();
        ConnInfo conn = TcpStreams.conn(flow, clientIsA);
        if (!snmp.onDatagram(conn, fromA == clientIsA, p.payload, p.payloadOff, p.payloadLen, p.frame.number, p.frame.epochNanos())) return false;
        flow.app = Proto.SNMP;
        return true;
    }

    private static boolean isSnmpPort(int port) {
        return port == 161 || port == 162;
    }

    /**
     * An SNMP agent or trap receiver on another port: the datagram must decode whole as v1/v2c (a community and a
     * PDU, which CLDAP's [APPLICATION n] operation or a DNS header do not make), and neither port may belong to
     * another UDP protocol read here. A failed try is not an anomaly: the datagram was simply not SNMP.
     */
    private static boolean snmpOffPort(Packet p, Flow flow) {
        if (otherUdpPort(flow.aPort()) || otherUdpPort(flow.bPort())) return false;
        return SnmpDecoder.decodesAsV1OrV2c(p.payload, p.payloadOff, p.payloadLen, SnmpConfig.DEFAULTS);
    }

    @Override
    public void finish() {
        if (snmp != null) snmp.finish();
        if (kerberosUdp != null) kerberosUdp.finish();
    }

    private static boolean otherUdpPort(int port) {
        return isDnsPort(port) || isNetbios(port) || isDhcpPort(port) || isDhcpv6Port(port) || port == 88;
    }

    private static boolean isDhcpPort(int port) {
        return port == 67 || port == 68;
    }

    private static boolean isDhcpv6Port(int port) {
        return port == 546 || port == 547;
    }

    /** NetBIOS name and datagram services use DNS's wire format but are not DNS. */
    private static boolean isNetbios(int port) {
        return port == 137 || port == 138;
    }

    private static boolean isDnsPort(int port) {
        return port == 53 || port == 5353 || port == 5355;
    }

    /** The DNS client: the side on a non-DNS port, or A. */
    private static boolean clientIsA(Flow flow) {
        return !(isDnsPort(flow.aPort()) && !isDnsPort(flow.bPort()));
    }

    private StreamHandler connection(Flow flow, ConnInfo initialConn) {
        Expectations.Match expected = expectations.take(initialConn, flow.startNs);
        if (expected != null) { // announced by another connection (an FTP data connection)
            flow.app = expected.proto();
            return expected.handler();
        }
        boolean midStream = !TcpStreams.handshakeSeen(flow);
        Dispatcher.Chooser chooser = (conn, fromClient, b, off, len, last) -> {
            Proto p = recognise(conn, fromClient, b, off, len);
            if (p == null) return null;
            flow.app = p;
            if (labelsOnly && p != Proto.FTP) return IGNORE; // FTP is read for the data connections it announces
            StreamHandler h = parser(p, conn);
            if (midStream && h instanceof HttpConnectionParser http) http.startMidStream();
            return h;
        };
        StreamHandler fallback = config.opaque() && !labelsOnly ? new SessionCollector(initialConn, events, 64 << 10, 1024) : null;
        Dispatcher.Search search = config.http() && config.searchBytes() > 0
                ? new Dispatcher.Search(config.searchBytes(), searchBudget, anomalies, midStream) : Dispatcher.Search.NONE;
        return new Dispatcher(initialConn, chooser, fallback, config.detectBytes(), search);
    }

    /** The protocol these first bytes of a connection speak, or null if no enabled parser recognises them (yet). */
    private Proto recognise(ConnInfo conn, boolean fromClient, byte[] b, int off, int len) {
        if (config.http() && Dispatcher.isHttp(fromClient, b, off, len)) return Proto.HTTP;
        if (config.tls() && TlsDetect.looksLikeTls(b, off, len, fromClient)) return Proto.TLS;
        if (config.ssh() && SshDetect.looksLikeSsh(b, off, len, fromClient)) return Proto.SSH;
        if (config.win().smb() && org.nta.app.smb.SmbDetect.looksLikeSmb(b, off, len, fromClient)) return Proto.SMB;
        if (config.win().kerberos() && org.nta.app.kerberos.KerberosTcpHandler.looksLikeKerberosOverTcp(b, off, len)) return Proto.KERBEROS;
        if (config.ftp() != null && org.nta.app.ftp.FtpDetect.looksLikeFtp(b, off, len, fromClient, conn.serverPort())) return Proto.FTP;
        if (config.telnet() != null && org.nta.app.telnet.TelnetHandler.looksLikeTelnet(b, off, len)) return Proto.TELNET;
        if (config.dns() && (conn.serverPort() == 53 || conn.clientPort() == 53) && DnsDetect.looksLikeDnsOverTcp(b, off, len)) return Proto.DNS;
        if (config.ldap() && LdapDetect.looksLikeLdap(b, off, len)) return Proto.LDAP;
        if (config.win().smb() && org.nta.app.dcerpc.DceRpcDetect.looksLikeDceRpc(b, off, len, fromClient)) return Proto.DCERPC;
        if (config.mail() != null) return MailHandlers.recognise(conn, fromClient, b, off, len);
        return null;
    }

    private StreamHandler parser(Proto p, ConnInfo conn) {
        return switch (p) {
            case HTTP -> new HttpConnectionParser(conn, config.httpConfig(), new HttpAuthListener(httpListener(), events::emit, anomalies), anomalies);
            case TLS -> new TlsHandler(conn, TlsConfig.DEFAULTS, anomalies, events::emit, events::emit);
            case SSH -> new SshHandler(conn, SshConfig.DEFAULTS, anomalies, events::emit);
            case LDAP -> new LdapHandler(conn, LdapConfig.DEFAULTS, anomalies, events::emit);
            case SMB -> new org.nta.app.smb.SmbHandler(conn, config.win().smbConfig(), anomalies, events::emit);
            case KERBEROS -> new org.nta.app.kerberos.KerberosTcpHandler(conn, org.nta.app.kerberos.KerberosConfig.DEFAULTS, anomalies, kerberos, events::emit);
            case FTP -> new org.nta.app.ftp.FtpControlHandler(conn, config.ftp(), anomalies, labelsOnly ? e -> { } : events, expectations);
            case TELNET -> new org.nta.app.telnet.TelnetHandler(conn, config.telnet(), anomalies, events);
            case DCERPC -> new org.nta.app.dcerpc.DceRpcTcpHandler(conn, org.nta.app.dcerpc.DceRpcConfig.DEFAULTS, anomalies, events::emit);
            case SMTP, POP, IMAP -> MailHandlers.handler(p, conn, config.mail(), anomalies, events::emit);
            default -> new DnsTcpHandler(conn, dns, anomalies, events::emit);
        };
    }

    /** Takes a recognised connection's bytes and does nothing with them (labels-only runs). */
    private static final StreamHandler IGNORE = new StreamHandler() {
        @Override
        public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        }

        @Override
        public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        }

        @Override
        public void onClose(long frame, long timeNs) {
        }
    };

    private HttpListener httpListener() {
        EventSink out = events;
        return new HttpListener() {
            @Override
            public void onRequest(HttpRequest request) {
                out.emit(request);
            }

            @Override
            public void onResponse(HttpResponse response) {
                out.emit(response);
            }

            @Override
            public void onTransaction(HttpTransaction transaction) {
                out.emit(transaction);
            }

            @Override
            public void onFile(HttpFileObject file) {
                out.emit(file);
            }
        };
    }
}
