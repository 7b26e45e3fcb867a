package org.nta.bench.peers;

import io.pkts.Pcap;
import io.pkts.packet.IPPacket;
import io.pkts.packet.Packet;
import io.pkts.packet.TCPPacket;
import io.pkts.protocol.Protocol;

/**
 * Counts the TCP conversations of a capture with pkts.io (io.pkts:pkts-core), written as its documentation shows:
 * a loop over the packets, the TCP layer asked for by protocol, addresses and ports read from it.
 *
 * <pre>java -cp nta-bench/target/nta-bench.jar org.nta.bench.peers.PktsConversations FILE.pcap</pre>
 */
public final class PktsConversations {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: PktsConversations FILE.pcap");
            System.exit(2);
        }
        Conversations conv = new Conversations();
        Pcap pcap = Pcap.openStream(args[0]);
        pcap.loop((Packet packet) -> {
            if (packet.hasProtocol(Protocol.TCP)) {
                TCPPacket tcp = (TCPPacket) packet.getPacket(Protocol.TCP);
                IPPacket ip = tcp.getParentPacket();
                conv.add(ip.getSourceIP(), tcp.getSourcePort(), ip.getDestinationIP(), tcp.getDestinationPort(), ip.getTotalIPLength());
            }
            return true;
        });
        pcap.close();
        System.out.println(conv.summary("pkts.io"));
    }
}
