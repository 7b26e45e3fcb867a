package org.nta.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import static org.nta.testing.Packets.ipv4;
import static org.nta.testing.Packets.udp;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.event.ConnInfo;
import org.nta.event.Dhcpv6Message;
import org.nta.event.DnsMessage;
import org.nta.event.NbdgmMessage;
import org.nta.testing.Bytes2;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.testing.TestFiles;

/** The host table on the Windows lab recordings: the workstation, its user and names, the servers and their roles. */
class HostTableTest {
    static List<HostTable.Host> run(String name) throws Exception {
        HostTable t = new HostTable(1000);
        try (CaptureSource src = CaptureSource.open(TestFiles.resources().resolve("win").resolve(name).toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(t), new AppDispatcher(AppConfig.all()));
        }
        return t.hosts();
    }

    @Test
    void smbLab() throws Exception {
        List<HostTable.Host> hosts = run("smb-lab.pcap.gz");
        assertThat(hosts).hasSize(2);
        HostTable.Host client = hosts.get(0), server = hosts.get(1);
        assertThat(client.mac).isEqualTo("52:54:00:bb:00:03");
        assertThat(client.addresses).containsExactly("10.77.0.3");
        assertThat(client.names).containsKey("VM");
        assertThat(client.names.get("VM")).containsExactly("NTLMSSP workstation");
        assertThat(client.users).contains("HWIN\\alice", "WORKGROUP\\alice");
        assertThat(client.osHints).anyMatch(s -> s.contains("NTLMSSP version"));
        assertThat(server.mac).isEqualTo("08:00:27:aa:00:02");
        assertThat(server.services).contains("tcp/445", "tcp/139");
        assertThat(server.roles).contains("file server (SMB)");
        assertThat(server.firstFrame).isEqualTo(2);
    }

    @Test
    void kerberosLab() throws Exception {
        List<HostTable.Host> hosts = run("kerberos-lab.pcap.gz");
        HostTable.Host ws = hosts.stream().filter(h -> h.addresses.contains("10.78.0.3")).findFirst().orElseThrow();
        HostTable.Host dc = hosts.stream().filter(h -> h.addresses.contains("10.78.0.2")).findFirst().orElseThrow();
        assertThat(ws.users).contains("alice@HWIN.LAB").doesNotContain("nosuchuser@HWIN.LAB");
        assertThat(dc.roles).contains("domain controller", "file server (SMB)");
        assertThat(dc.services).contains("udp/88", "tcp/88", "tcp/445");
    }

    /** A UDP datagram from station {@code mac} at {@code src}, so the table knows the host. */
    static void from(HostTable t, int mac, String src, String dst) {
        byte[] data = new Bytes2().bytes(new byte[] {1, 0, 0x5e, 0, 0, (byte) 0xfb}).bytes(new byte[] {2, 0, 0, 0, 0, (byte) mac})
                .u16(0x0800).bytes(ipv4(src, dst, 17, udp(5353, 5353, new byte[12]))).build();
        Frame f = new Frame();
        f.number = 1;
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        new PacketDecoder().decode(f, p);
        t.onPacket(p, null, true);
    }

    static DnsMessage answer(ConnInfo c, DnsMessage.Record... records) {
        return new DnsMessage(2, 0, c, "udp", true, 0, 0, 0, 0x8400, List.of(), List.of(records), List.of(), List.of(), false);
    }

    @Test
    void llmnrAndMdnsAnswersNameTheHostThatGaveThemForItself() {
        HostTable t = new HostTable(100);
        from(t, 1, "10.0.0.5", "224.0.0.251");
        from(t, 2, "10.0.0.6", "10.0.0.5");
        from(t, 3, "10.0.0.7", "10.0.0.5");
        // an mDNS announcement to the group: its A record for itself names it; service instances do not
        ConnInfo mdns = new ConnInfo("udp", 0, 4, "10.0.0.5", 5353, "224.0.0.251", 5353);
        t.onEvent(answer(mdns, new DnsMessage.Record("macbook-anna.local", 1, 1, 120, "10.0.0.5", null),
                new DnsMessage.Record("Anna's printer._ipp._tcp.local", 1, 1, 120, "10.0.0.5", null)));
        // LLMNR: the answer of 10.0.0.6 for itself names it; one for a third address (a spoofer's, a proxy's) does not
        ConnInfo llmnr = new ConnInfo("udp", 1, 4, "10.0.0.5", 50000, "10.0.0.6", 5355);
        t.onEvent(answer(llmnr, new DnsMessage.Record("fileserver", 1, 1, 30, "10.0.0.6", null),
                new DnsMessage.Record("wpad", 1, 1, 30, "10.0.0.7", null)));
        // plain DNS answers name no host (a resolver answers for everyone)
        ConnInfo dns = new ConnInfo("udp", 2, 4, "10.0.0.5", 50001, "10.0.0.6", 53);
        t.onEvent(answer(dns, new DnsMessage.Record("www.example.com", 1, 1, 30, "10.0.0.6", null)));

        HostTable.Host anna = t.hosts().get(0), fs = t.hosts().get(1), third = t.hosts().get(2);
        assertThat(anna.names).containsOnlyKeys("macbook-anna");
        assertThat(anna.names.get("macbook-anna")).containsExactly("mDNS");
        assertThat(fs.names).containsOnlyKeys("fileserver");
        assertThat(fs.names.get("fileserver")).containsExactly("LLMNR");
        assertThat(third.names).isEmpty();
    }

    @Test
    void aHostThatAnswersLlmnrForSeveralNamesIsNamedByNone() {
        HostTable t = new HostTable(100);
        from(t, 1, "10.0.0.5", "10.0.0.66");
        from(t, 2, "10.0.0.66", "10.0.0.5");
        from(t, 3, "10.0.0.6", "10.0.0.5");
        ConnInfo c = new ConnInfo("udp", 1, 4, "10.0.0.5", 50000, "10.0.0.66", 5355);
        t.onEvent(answer(c, new DnsMessage.Record("ATTACKER-PC", 1, 1, 30, "10.0.0.66", null)));
        t.onEvent(answer(c, new DnsMessage.Record("attacker-pc", 1, 1, 30, "10.0.0.66", null)));
        HostTable.Host poisoner = t.hosts().get(1);
        assertThat(poisoner.names).as("one name in two cases is still one name").containsOnlyKeys("ATTACKER-PC");
        // Responder answers whatever is asked: wpad, a typo of the file server's name
        t.onEvent(answer(c, new DnsMessage.Record("wpad", 1, 1, 30, "10.0.0.66", null)));
        t.onEvent(answer(c, new DnsMessage.Record("filesrvv", 1, 1, 30, "10.0.0.66", null)));
        ConnInfo honest = new ConnInfo("udp", 2, 4, "10.0.0.5", 50001, "10.0.0.6", 5355);
        t.onEvent(answer(honest, new DnsMessage.Record("filesrv", 1, 1, 30, "10.0.0.6", null)));
        assertThat(poisoner.names).isEmpty();
        assertThat(t.hosts().get(2).names).containsOnlyKeys("filesrv");
    }

    static NbdgmMessage browser(String from, int command, String server, int major, int minor, long serverType) {
        ConnInfo c = new ConnInfo("udp", 0, 4, from, 138, "10.0.0.255", 138);
        return new NbdgmMessage(3, 0, c, 0x11, server + "<00>", "WORKGROUP<1d>", "\\MAILSLOT\\BROWSE", command, server, major,
                minor, serverType, null, null);
    }

    @Test
    void browserAnnouncementsNameTheirSenderAndGiveRolesAndAnOsHint() {
        HostTable t = new HostTable(100);
        from(t, 1, "10.0.0.5", "10.0.0.255");
        from(t, 2, "10.0.0.6", "10.0.0.255");
        from(t, 3, "10.0.0.7", "10.0.0.255");
        // a Windows 10 workstation that is its workgroup's master browser
        t.onEvent(browser("10.0.0.5", 0x0f, "DESKTOP-7QF2", 10, 0, 0x00051003L));
        // Samba (Unix server flag) announcing 6.1 and a print queue; then its shutdown announcement (server type 0)
        t.onEvent(browser("10.0.0.6", 0x01, "NAS01", 6, 1, 0x00819a03L));
        t.onEvent(browser("10.0.0.6", 0x01, "NAS01", 6, 1, 0));
        // a domain announcement names the workgroup, not its sender
        t.onEvent(browser("10.0.0.7", 0x0c, "WORKGROUP", 6, 1, 0x80001000L));

        HostTable.Host ws = t.hosts().get(0), nas = t.hosts().get(1), mb = t.hosts().get(2);
        assertThat(ws.names).containsOnlyKeys("DESKTOP-7QF2");
        assertThat(ws.names.get("DESKTOP-7QF2")).containsExactly("NetBIOS browser");
        assertThat(ws.roles).containsExactly("master browser");
        assertThat(ws.osHints).contains("Windows 10.0: 10, 11 or Server 2016 and later (NetBIOS browser version)");
        assertThat(nas.names).containsOnlyKeys("NAS01");
        assertThat(nas.roles).containsExactly("print server");
        assertThat(nas.osHints).anyMatch(h -> h.startsWith("Samba")).noneMatch(h -> h.startsWith("Windows"));
        assertThat(mb.names).isEmpty();
        assertThat(HostNames.name(ws)).isEqualTo("DESKTOP-7QF2");
    }

    /**
     * lanman-announce: three Samba nmbd with {@code lm announce = yes}. With every {@code \MAILSLOT\BROWSE} message
     * held back, the LAN Manager announcements alone name FILESRV, NAS01 and WS-BOB as "NetBIOS browser", give their
     * roles (print server; FILESRV the master browser once elected) and the Samba hint of the Xenix flag and version 6.1.
     */
    @Test
    void lanManagerAnnouncementsAloneNameTheirSendersAndGiveRolesAndAnOsHint() throws Exception {
        HostTable t = new HostTable(1000);
        List<NbdgmMessage> lanman = new java.util.ArrayList<>();
        org.nta.pipeline.PacketSink withoutBrowse = new org.nta.pipeline.PacketSink() {
            @Override
            public void onPacket(Packet p, org.nta.flow.Flow flow, boolean fromA) {
                t.onPacket(p, flow, fromA);
            }

            @Override
            public void onEvent(org.nta.event.Event e) {
                if (e instanceof NbdgmMessage m && "\\MAILSLOT\\BROWSE".equals(m.mailslot())) return;
                if (e instanceof NbdgmMessage m && "\\MAILSLOT\\LANMAN".equals(m.mailslot())) lanman.add(m);
                t.onEvent(e);
            }

            @Override
            public void onFinish(org.nta.pipeline.CaptureSummary summary) {
                t.onFinish(summary);
            }
        };
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("lanman-announce.pcap.gz").toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(withoutBrowse), new AppDispatcher(AppConfig.all()));
        }
        assertThat(lanman).hasSizeGreaterThanOrEqualTo(20).allMatch(NbdgmMessage::announcesHost);
        for (String[] x : new String[][] {{"172.31.240.20", "FILESRV"}, {"172.31.240.30", "NAS01"}, {"172.31.240.23", "WS-BOB"}}) {
            HostTable.Host h = t.hosts().stream().filter(y -> y.addresses.contains(x[0])).findFirst().orElseThrow();
            assertThat(h.names.get(x[1])).as(x[1]).contains("NetBIOS browser");
            assertThat(h.roles).as(x[1]).contains("print server");
            assertThat(h.osHints).as(x[1]).contains("Samba or another Unix SMB server (NetBIOS browser: Unix server type, version 6.1)");
            assertThat(HostNames.name(h)).isEqualTo(x[1]);
        }
        HostTable.Host fs = t.hosts().stream().filter(y -> y.addresses.contains("172.31.240.20")).findFirst().orElseThrow();
        assertThat(fs.roles).contains("master browser");
        HostTable.Host alice = t.hosts().stream().filter(y -> y.addresses.contains("172.31.240.10")).findFirst().orElseThrow();
        assertThat(alice.names.values()).noneMatch(sources -> sources.contains("NetBIOS browser"));
    }

    @Test
    void reverseLookupAnswersNameTheAddressAskedAboutBelowTheHostsOwnNames() {
        HostTable t = new HostTable(100);
        from(t, 1, "10.0.0.5", "224.0.0.251");
        from(t, 2, "10.0.0.6", "10.0.0.53");
        for (int i = 0; i <= HostNames.MAX_OWN_ADDRESSES; i++) from(t, 9, "198.51.100." + i, "10.0.0.6");
        ConnInfo mdns = new ConnInfo("udp", 0, 4, "10.0.0.5", 5353, "224.0.0.251", 5353);
        t.onEvent(answer(mdns, new DnsMessage.Record("macbook-anna.local", 1, 1, 120, "10.0.0.5", null),
                // a service PTR is no reverse name; the host's own reverse record is, .local dropped
                new DnsMessage.Record("_http._tcp.local", 12, 1, 120, "Anna's printer._http._tcp.local", null),
                new DnsMessage.Record("5.0.0.10.in-addr.arpa", 12, 1, 120, "macbook-anna.local", null)));
        ConnInfo dns = new ConnInfo("udp", 1, 4, "10.0.0.6", 50001, "10.0.0.53", 53);
        t.onEvent(answer(dns, new DnsMessage.Record("5.0.0.10.in-addr.arpa", 12, 1, 30, "ws5.corp.example.", null),
                new DnsMessage.Record("6.0.0.10.IN-ADDR.ARPA", 12, 1, 30, "fs.corp.example.", null),
                // an address behind the router: its name is not the router's
                new DnsMessage.Record("3.100.51.198.in-addr.arpa", 12, 1, 30, "www.example.net.", null),
                new DnsMessage.Record("7.0.10.in-addr.arpa", 12, 1, 30, "partial.example.", null)));
        assertThat(t.hosts().get(1).names).as("given at the end of the capture").isEmpty();
        t.onFinish(null);

        HostTable.Host anna = t.hosts().get(0), fs = t.hosts().get(1), router = t.hosts().get(2);
        assertThat(anna.names).containsOnlyKeys("macbook-anna", "ws5.corp.example");
        assertThat(anna.names.get("macbook-anna")).containsExactly("DNS PTR", "mDNS");
        assertThat(anna.names.get("ws5.corp.example")).containsExactly("DNS PTR");
        assertThat(HostNames.name(anna)).isEqualTo("macbook-anna");
        assertThat(fs.names).containsOnlyKeys("fs.corp.example");
        assertThat(HostNames.name(fs)).isEqualTo("fs.corp.example");
        assertThat(router.names).isEmpty();
    }

    /** An IPv6 datagram from station {@code mac} at {@code src}. */
    static void from6(HostTable t, int mac, String src) {
        byte[] data = new Bytes2().bytes(new byte[] {0x33, 0x33, 0, 1, 0, 2}).bytes(new byte[] {2, 0, 0, 0, 0, (byte) mac})
                .u16(0x86dd).bytes(org.nta.testing.Packets.ipv6(src, "ff02::1:2", 17, udp(546, 547, new byte[4]))).build();
        Frame f = new Frame();
        f.number = 1;
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        new PacketDecoder().decode(f, p);
        t.onPacket(p, null, true);
    }

    static Dhcpv6Message dhcpv6(String from, List<Integer> types, String fqdn) {
        ConnInfo c = new ConnInfo("udp", 0, 6, from, 546, "ff02::1:2", 547);
        var duid = new Dhcpv6Message.Duid(1, 3, "00030001000102030405", "00:01:02:03:04:05");
        return new Dhcpv6Message(4, 0, c, types, 0x123456, List.of(duid), fqdn, 1);
    }

    @Test
    void aDhcpv6ClientIsNamedByItsFqdnAndIdentifiedByItsDuid() {
        HostTable t = new HostTable(100);
        from6(t, 1, "fe80::201:2ff:fe03:405");
        from6(t, 2, "fe80::1");
        t.onEvent(dhcpv6("fe80::201:2ff:fe03:405", List.of(1), "desktop-7qf2.corp.example."));
        // a relay agent forwards others' messages: neither their name nor their DUID is its own
        t.onEvent(dhcpv6("fe80::1", List.of(12, 1), "laptop.corp.example."));
        // a server's reply names nobody
        t.onEvent(dhcpv6("fe80::1", List.of(7), "desktop-7qf2.corp.example."));

        HostTable.Host client = t.hosts().get(0), relay = t.hosts().get(1);
        assertThat(client.names).containsOnlyKeys("desktop-7qf2.corp.example");
        assertThat(client.names.get("desktop-7qf2.corp.example")).containsExactly("DHCPv6 FQDN");
        assertThat(client.duids).containsExactly("00030001000102030405 (DUID-LL, 00:01:02:03:04:05)");
        assertThat(HostNames.row(client).get("duids")).isEqualTo(List.of("00030001000102030405 (DUID-LL, 00:01:02:03:04:05)"));
        assertThat(relay.names).isEmpty();
        assertThat(relay.duids).isEmpty();
    }
}
