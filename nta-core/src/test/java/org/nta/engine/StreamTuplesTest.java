package org.nta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.testing.Packets.*;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;

/** Stream endpoints kept after the flows are released: exact for IPv4 and IPv6, and bounded in number. */
class StreamTuplesTest {
    final PacketDecoder decoder = new PacketDecoder();
    long frame;

    void run(StreamTuples tuples, byte[]... ips) {
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, tuples::onFlowEnd, new AnomalyCounter());
        for (byte[] ip : ips) {
            byte[] data = eth(ip[0] == 0x60 ? 0x86dd : 0x0800, ip);
            Frame f = new Frame();
            f.number = ++frame;
            f.tsSec = 1_000;
            f.data = data;
            f.capLen = f.origLen = data.length;
            f.linkType = 1;
            Packet p = new Packet();
            decoder.decode(f, p);
            table.track(p);
        }
        table.finish();
    }

    static byte[] syn(String src, String dst, int sport) {
        return ipv4(src, dst, 6, tcp(sport, 80, 1, 0, 2, new byte[0]));
    }

    @Test
    void aStreamsEndpointsAndCommunityIdOutliveItsFlow() {
        StreamTuples t = new StreamTuples();
        run(t, syn("10.0.0.1", "10.0.0.2", 40000), ipv6("fd00::1", "fd00::2", 17, udp(5353, 53, new byte[4])));
        StreamTuples.Tuple tcp = t.get("tcp", 0);
        assertThat(tcp.aAddr()).isEqualTo("10.0.0.1");
        assertThat(tcp.aPort()).isEqualTo(40000);
        assertThat(tcp.bAddr()).isEqualTo("10.0.0.2");
        assertThat(tcp.bPort()).isEqualTo(80);
        assertThat(tcp.communityId()).startsWith("1:");
        StreamTuples.Tuple udp = t.get("udp", 0);
        assertThat(udp.aAddr()).isEqualTo("fd00::1");
        assertThat(udp.bPort()).isEqualTo(53);
        assertThat(t.get("tcp", 1)).isNull();
    }

    @Test
    void streamsPastTheLimitAreNotKept() {
        StreamTuples t = new StreamTuples(2);
        run(t, syn("10.0.0.1", "10.0.0.2", 40000), syn("10.0.0.1", "10.0.0.2", 40001), syn("10.0.0.1", "10.0.0.2", 40002));
        assertThat(t.get("tcp", 0)).isNotNull();
        assertThat(t.get("tcp", 1)).isNotNull();
        assertThat(t.get("tcp", 2)).isNull();
    }
}
