package org.nta.bench.peers;

import java.io.EOFException;

import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;

/**
 * Counts the TCP conversations of a capture with pcap4j (org.pcap4j:pcap4j-core over libpcap, with the static packet
 * factory), written as its documentation shows: {@code getNextPacketEx} until the end of the file, the IP and TCP
 * layers asked for by class. libpcap is found as {@code libpcap.so.0.8} (Debian's libpcap0.8) unless
 * {@code -Dorg.pcap4j.core.pcapLibName=} says otherwise.
 *
 * <pre>java -cp nta-bench/target/nta-bench.jar org.nta.bench.peers.Pcap4jConversations FILE.pcap</pre>
 */
public final class Pcap4jConversations {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Pcap4jConversations FILE.pcap");
            System.exit(2);
        }
        if (System.getProperty("org.pcap4j.core.pcapLibName") == null) System.setProperty("org.pcap4j.core.pcapLibName", "libpcap.so.0.8");
        Conversations conv = new Conversations();
        try (PcapHandle h = Pcaps.openOffline(args[0], PcapHandle.TimestampPrecision.NANO)) {
            while (true) {
                Packet p;
                try {
                    p = h.getNextPacketEx();
                } catch (EOFException end) {
                    break;
                }
                TcpPacket tcp = p.get(TcpPacket.class);
                IpPacket ip = p.get(IpPacket.class);
                if (tcp == null || ip == null) continue;
                conv.add(ip.getHeader().getSrcAddr().getHostAddress(), tcp.getHeader().getSrcPort().valueAsInt(),
                        ip.getHeader().getDstAddr().getHostAddress(), tcp.getHeader().getDstPort().valueAsInt(), p.length());
            }
        }
        System.out.println(conv.summary("pcap4j"));
    }
}
