package org.nta.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.flow.Flow;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;
import org.nta.testing.Bytes2;

/** Port scans by kind and their port states, sweeps, and traffic that must not look like a scan. */
class PortScanDetectorTest {
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16, URG = 32;
    static final String A = "10.9.0.66", V = "10.9.0.20";

    final PortScanDetector detector = new PortScanDetector(ScanConfig.DEFAULTS);
    final FlowTable flows = new FlowTable(FlowConfig.DEFAULTS, detector::onFlowEnd, new AnomalyCounter());
    final PacketDecoder decoder = new PacketDecoder();
    long frame;
    long timeUs = 1_000_000_000_000L;

    void send(byte[] data) {
        Frame f = new Frame();
        f.number = ++frame;
        timeUs += 100;
        f.tsSec = timeUs / 1_000_000;
        f.tsNanos = (int) (timeUs % 1_000_000) * 1000;
        f.data = data;
        f.capLen = f.origLen = data.length;
        f.linkType = 1;
        Packet p = new Packet();
        decoder.decode(f, p);
        Flow flow = flows.track(p);
        detector.onPacket(p, flow, flows.fromA);
    }

    void seg(String src, String dst, int sp, int dp, long seq, long ack, int flags) {
        send(eth(0x0800, ipv4(src, dst, 6, tcp(sp, dp, seq, ack, flags, new byte[0]))));
    }

    List<Finding> finish() {
        flows.finish();
        return detector.finish();
    }

    @Test
    void synScanWithOpenClosedAndFilteredPorts() {
        for (int port = 1; port <= 100; port++) {
            seg(A, V, 45518, port, 1000, 0, SYN);
            if (port == 22 || port == 80) {
                seg(V, A, port, 45518, 5000, 1001, SYN | ACK);
                seg(A, V, 45518, port, 1001, 0, RST);
            } else if (port <= 90) {
                seg(V, A, port, 45518, 0, 1001, RST | ACK);
            } // 91-100: no answer
        }
        List<Finding> fs = finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.PORT_SCAN);
        assertThat(f.evidence().get("scan_type")).isEqualTo("syn");
        assertThat(f.evidence().get("open_ports")).isEqualTo(List.of(22, 80));
        assertThat(f.evidence().get("closed_ports")).isEqualTo(88);
        assertThat(f.evidence().get("filtered_ports")).isEqualTo(10);
        assertThat(f.attacker()).isEqualTo(A);
        assertThat(f.victim()).isEqualTo(V);
        assertThat(f.firstFrame()).isEqualTo(1);
        assertThat(f.succeeded()).isTrue();
    }

    @Test
    void connectScanIsToldApartBySourcePortsAndHandshakes() {
        for (int port = 1; port <= 50; port++) {
            int sp = 40000 + port;
            seg(A, V, sp, port, 1000, 0, SYN);
            if (port == 8) {
                seg(V, A, port, sp, 5000, 1001, SYN | ACK);
                seg(A, V, sp, port, 1001, 5001, ACK);
                seg(A, V, sp, port, 1001, 5001, RST | ACK);
            } else {
                seg(V, A, port, sp, 0, 1001, RST | ACK);
            }
        }
        Finding f = finish().get(0);
        assertThat(f.evidence().get("scan_type")).isEqualTo("connect");
        assertThat(f.evidence().get("open_ports")).isEqualTo(List.of(8));
    }

    @Test
    void finScanReportsTheSilentPortsAsOpenOrFiltered() {
        for (int port = 1; port <= 40; port++) {
            seg(A, V, 50000, port, 7, 0, FIN);
            if (port != 22 && port != 30) seg(V, A, port, 50000, 0, 8, RST | ACK);
        }
        Finding f = finish().get(0);
        assertThat(f.evidence().get("scan_type")).isEqualTo("fin");
        assertThat(f.evidence().get("open_ports")).isEqualTo(List.of(22, 30));
    }

    @Test
    void xmasAndNullScansAreNamed() {
        for (int port = 1; port <= 30; port++) seg(A, V, 50000, port, 7, 0, FIN | PSH | URG);
        assertThat(finish().get(0).evidence().get("scan_type")).isEqualTo("xmas");
    }

    @Test
    void smallFastUdpScanAnsweredByPortUnreachable() {
        int[] ports = {53, 67, 69, 123, 137, 161, 500, 514, 1900, 5353};
        for (int port : ports) {
            byte[] probe = ipv4(A, V, 17, udp(45178, port, new byte[8]));
            send(eth(0x0800, probe));
            if (port == 53) {
                send(eth(0x0800, ipv4(V, A, 17, udp(53, 45178, new byte[20]))));
            } else {
                byte[] icmp = new Bytes2().u8(3).u8(3).u16(0).u32(0).bytes(java.util.Arrays.copyOf(probe, 28)).build();
                send(eth(0x0800, ipv4(V, A, 1, icmp)));
            }
        }
        Finding f = finish().get(0);
        assertThat(f.evidence().get("scan_type")).isEqualTo("udp");
        assertThat(f.evidence().get("ports_probed")).isEqualTo(10);
        assertThat(f.evidence().get("open_ports")).isEqualTo(List.of(53));
        assertThat(f.evidence().get("closed_ports")).isEqualTo(9);
    }

    @Test
    void ipv6ScanUsesIpv6Filters() {
        for (int port = 1; port <= 25; port++) {
            send(eth(0x86dd, ipv6("fd00::66", "fd00::20", 6, tcp(45000, port, 1, 0, SYN, new byte[0]))));
            send(eth(0x86dd, ipv6("fd00::20", "fd00::66", 6, tcp(port, 45000, 0, 2, RST | ACK, new byte[0]))));
        }
        Finding f = finish().get(0);
        assertThat(f.filter()).contains("ipv6.src == fd00::66").contains("ipv6.dst == fd00::20");
    }

    @Test
    void aClientUsingManyServicesWithDataIsNotAScan() {
        for (int port = 1000; port < 1030; port++) {
            int sp = 50000 + port;
            seg(A, V, sp, port, 100, 0, SYN);
            seg(V, A, port, sp, 900, 101, SYN | ACK);
            seg(A, V, sp, port, 101, 901, ACK);
            send(eth(0x0800, ipv4(A, V, 6, tcp(sp, port, 101, 901, PSH | ACK, "hello".getBytes()))));
            seg(A, V, sp, port, 106, 901, FIN | ACK);
            seg(V, A, port, sp, 901, 107, FIN | ACK);
        }
        assertThat(finish()).isEmpty();
    }

    @Test
    void aFewRefusedConnectionsAreNotAScan() {
        for (int port : new int[] {25, 110, 143, 993}) {
            seg(A, V, 40000 + port, port, 1, 0, SYN);
            seg(V, A, port, 40000 + port, 0, 2, RST | ACK);
        }
        assertThat(finish()).isEmpty();
    }

    @Test
    void idleConnectionsToAServiceInUseDoNotStretchTheScan() {
        for (int port = 1; port <= 30; port++) {
            seg(A, V, 45518, port, 1000, 0, SYN);
            seg(V, A, port, 45518, 0, 1001, RST | ACK);
        }
        long lastScanFrame = frame - 1;
        timeUs += 60_000_000L; // a minute later, a web client opens idle connections to port 80 (and uses some)
        for (int i = 0; i < 5; i++) {
            int sp = 41000 + i;
            seg(A, V, sp, 80, 10, 0, SYN);
            seg(V, A, 80, sp, 20, 11, SYN | ACK);
            seg(A, V, sp, 80, 11, 21, ACK);
            if (i == 0) send(eth(0x0800, ipv4(A, V, 6, tcp(sp, 80, 11, 21, PSH | ACK, "GET / HTTP/1.1\r\n\r\n".getBytes()))));
            seg(A, V, sp, 80, 11, 21, FIN | ACK);
        }
        Finding f = finish().get(0);
        assertThat(f.lastFrame()).isEqualTo(lastScanFrame);
    }

    @Test
    void horizontalSweepOfOnePortAndPings() {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= 12; i++) hosts.add("10.9.1." + i);
        for (String h : hosts) {
            seg(A, h, 45000, 445, 1, 0, SYN);
            send(eth(0x0800, ipv4(A, h, 1, new Bytes2().u8(8).u8(0).u16(0).u32(1).build())));
        }
        List<Finding> fs = finish();
        assertThat(fs).extracting(Finding::type).containsOnly(FindingType.HOST_SWEEP);
        assertThat(fs).extracting(f -> f.evidence().get("probe")).containsExactlyInAnyOrder("tcp/445", "icmp");
    }

    void waitSeconds(long seconds) {
        timeUs += seconds * 1_000_000L;
    }

    @Test
    void ackScanCountsUnfilteredPortsAndSaysNoOpenPortWasSeen() {
        for (int port = 1; port <= 30; port++) {
            seg(A, V, 50000, port, 777, 0, ACK);
            if (port <= 25) seg(V, A, port, 50000, 0, 0, RST);
        }
        Finding f = finish().get(0);
        assertThat(f.evidence()).containsEntry("scan_type", "ack").containsEntry("unfiltered_ports", 25)
                .containsEntry("filtered_ports", 5).containsEntry("closed_ports", 0);
        assertThat(f.summary()).contains("no open port seen; 25 unfiltered (RST), 5 filtered");
    }

    @Test
    void summarySeparatesOpenPortsFromCounts() {
        for (int port = 1; port <= 30; port++) {
            seg(A, V, 45518, port, 1000, 0, SYN);
            if (port == 22) seg(V, A, port, 45518, 5000, 1001, SYN | ACK);
            else seg(V, A, port, 45518, 0, 1001, RST | ACK);
        }
        assertThat(finish().get(0).summary()).contains("open: 22; 29 closed, 0 filtered");
    }

    @Test
    void udpProbesCountRetransmittedDatagramsAndTheFilterLeavesOutIcmpQuotes() {
        for (int round = 0; round < 2; round++) {
            for (int port = 1000; port < 1010; port++) {
                byte[] probe = ipv4(A, V, 17, udp(45178, port, new byte[8]));
                send(eth(0x0800, probe));
                byte[] icmp = new Bytes2().u8(3).u8(3).u16(0).u32(0).bytes(java.util.Arrays.copyOf(probe, 28)).build();
                send(eth(0x0800, ipv4(V, A, 1, icmp)));
            }
        }
        Finding f = finish().get(0);
        assertThat(f.evidence()).containsEntry("probes", 20L).containsEntry("probe_flows", 10L);
        assertThat(f.filter()).contains("udp && !icmp");
    }

    @Test
    void udpAndAckPingSweepsAreSweepsToo() {
        for (int i = 1; i <= 12; i++) send(eth(0x0800, ipv4(A, "10.9.2." + i, 17, udp(33333, 161, new byte[20]))));
        for (int i = 1; i <= 12; i++) {
            seg(A, "10.9.3." + i, 40000, 80, 5, 0, ACK);
            seg("10.9.3." + i, A, 80, 40000, 0, 0, RST);
        }
        List<Finding> fs = finish();
        assertThat(fs).extracting(Finding::type).containsOnly(FindingType.HOST_SWEEP);
        assertThat(fs).extracting(f -> f.evidence().get("probe")).containsExactlyInAnyOrder("udp/161", "tcp/80");
        Finding ack = fs.stream().filter(f -> f.evidence().get("probe").equals("tcp/80")).findFirst().orElseThrow();
        assertThat(ack.evidence()).containsEntry("probe_type", "ack");
        assertThat(ack.filter()).contains("tcp.flags == 0x010");
    }

    @Test
    void healthChecksOfTheSameBackendsRoundAfterRoundAreNotASweep() {
        for (int round = 0; round < 5; round++) {
            for (int i = 1; i <= 12; i++) {
                String backend = "10.9.4." + i;
                int sp = 30000 + round * 100 + i;
                seg(A, backend, sp, 80, 100, 0, SYN);
                seg(backend, A, 80, sp, 900, 101, SYN | ACK);
                seg(A, backend, sp, 80, 101, 901, ACK);
                seg(A, backend, sp, 80, 101, 901, FIN | ACK);
                seg(backend, A, 80, sp, 901, 102, FIN | ACK);
            }
            waitSeconds(10);
        }
        assertThat(finish()).isEmpty();
    }

    @Test
    void hostsTriedOneAnHourAreNotASweep() {
        for (int i = 1; i <= 12; i++) {
            seg(A, "198.51.100." + i, 40000 + i, 443, 1, 0, SYN);
            waitSeconds(3600);
        }
        assertThat(finish()).isEmpty();
    }

    @Test
    void multicastAndBroadcastAreNotSwept() {
        for (int i = 1; i <= 12; i++) send(eth(0x0800, ipv4(A, "239.255.255." + i, 17, udp(5353, 1900, new byte[20]))));
        for (int i = 1; i <= 12; i++) send(eth(0x0800, ipv4("10.9.5." + i, "255.255.255.255", 17, udp(68, 67, new byte[20]))));
        assertThat(finish()).isEmpty();
    }
}
