package org.nta.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.Proto;

/**
 * The hierarchy counts a packet of a recently seen layer path in that path's own counters and adds them to the tree
 * later: read at any time, and with more distinct paths than it remembers (so that paths leave and come back), every
 * node holds the frames and bytes of the packets under it.
 */
class ProtocolHierarchyTest {
    @Test
    void everyNodeCountsThePacketsUnderItWhenReadAtAnyTime() {
        List<Proto[]> paths = List.of(
                new Proto[] {Proto.ETH, Proto.IP, Proto.TCP},
                new Proto[] {Proto.ETH, Proto.IP, Proto.UDP, Proto.DNS},
                new Proto[] {Proto.ETH, Proto.IPV6, Proto.TCP},
                new Proto[] {Proto.ETH, Proto.IPV6, Proto.UDP, Proto.DNS},
                new Proto[] {Proto.ETH, Proto.ARP},
                new Proto[] {Proto.ETH, Proto.IP, Proto.ICMP},
                new Proto[] {Proto.ETH, Proto.IPV6, Proto.ICMPV6},
                new Proto[] {Proto.ETH, Proto.IP, Proto.UDP, Proto.DHCP},
                new Proto[] {Proto.ETH, Proto.IP, Proto.UDP, Proto.NBNS},
                new Proto[] {Proto.ETH, Proto.IP, Proto.UDP},
                new Proto[] {Proto.ETH, Proto.IPV6, Proto.UDP},
                new Proto[] {Proto.ETH, Proto.VLAN, Proto.IP, Proto.TCP});
        ProtocolHierarchy h = new ProtocolHierarchy();
        Map<String, long[]> expected = new HashMap<>();
        Packet p = new Packet();
        p.frame = new Frame();
        Random rnd = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            // runs of one path, then any of twelve: more than the eight the hierarchy remembers
            Proto[] path = paths.get(i % 50 < 30 ? i / 50 % 3 : rnd.nextInt(paths.size()));
            p.pathLen = path.length;
            for (int k = 0; k < path.length; k++) p.path[k] = path[k].ordinal();
            p.frame.origLen = 60 + rnd.nextInt(1400);
            h.onPacket(p, null, true);
            String prefix = "";
            for (Proto proto : path) {
                prefix = prefix.isEmpty() ? proto.filterName() : prefix + ":" + proto.filterName();
                long[] c = expected.computeIfAbsent(prefix, x -> new long[2]);
                c[0]++;
                c[1] += p.frame.origLen;
            }
            if (i % 3_333 == 0 || i == 19_999) {
                List<ProtocolHierarchy.Node> nodes = h.nodes();
                assertThat(nodes).hasSize(expected.size());
                for (ProtocolHierarchy.Node n : nodes) {
                    assertThat(new long[] {n.frames(), n.bytes()}).as("%s after %d packets", n.path(), i + 1)
                            .containsExactly(expected.get(n.path()));
                }
            }
        }
        assertThat(h.totalFrames()).isEqualTo(20_000);
    }
}
