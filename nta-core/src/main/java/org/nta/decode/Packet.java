package org.nta.decode;

import org.nta.bytes.Anomaly;
import org.nta.capture.Frame;

/**
 * A decoded frame: primitives for every layer, read in place from the frame's bytes. One instance is
 * reused for all frames; nothing here allocates per packet.
 */
public final class Packet {
    public static final int MAX_IP_LAYERS = 4;
    public static final int MAX_VLANS = 8;
    public static final int MAX_PATH = 24;

    public static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10,
            TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80, TCP_NS = 0x100;

    public Frame frame;

    /** Protocol layers in order, as {@link Proto} ordinals. */
    public final int[] path = new int[MAX_PATH];
    public int pathLen;

    // link layer
    public boolean hasEth;
    public long ethSrc, ethDst;
    public int etherType;
    /** 802.1Q/802.1ad tags outermost first: the VLAN id, the tag's own type (TPID) and the type it carries. */
    public final int[] vlanIds = new int[MAX_VLANS], vlanTpids = new int[MAX_VLANS], vlanInner = new int[MAX_VLANS];
    public int vlanCount;

    // network layers, outermost first; ICMP-quoted headers are not listed here
    public final IpLayer[] ip = new IpLayer[MAX_IP_LAYERS];
    public int ipCount;

    // transport (innermost)
    /** IP protocol number of the innermost transport, or -1. */
    public int l4Proto = -1;
    public int srcPort, dstPort;
    public long tcpSeq, tcpAck;
    public int tcpFlags, tcpWindow, tcpHeaderLen;
    /** TCP options of interest: MSS, window scale (-1 if absent), SACK permitted. */
    public int tcpMss, tcpWscale;
    public boolean tcpSackPerm;
    /** TCP timestamps option (when {@link #tcpOptOrder} holds {@link #OPT_TS}). */
    public long tcpTsval, tcpTsecr;
    /** The MSS, SACK_PERM, timestamps and window scale options in the order they came, 4 bits each, the last lowest. */
    public int tcpOptOrder;
    public static final int OPT_MSS = 1, OPT_SACK_PERM = 2, OPT_TS = 3, OPT_WS = 4;
    public int udpLength;
    public int icmpType = -1, icmpCode = -1;
    /** An ICMP or ICMPv6 error quoting a packet: its first IP header and ports. */
    public final IpLayer icmpQuoted = new IpLayer();
    public boolean hasIcmpQuoted;
    public int icmpQuotedSrcPort = -1, icmpQuotedDstPort = -1;
    /** Transport bytes quoted after the quoted IP header (Wireshark needs 16 for TCP, 8 for UDP to assign a stream). */
    public int icmpQuotedL4Len;
    /** Set by the flow table: the tcp.stream or udp.stream Wireshark gives the quoted header, or -1. */
    public int icmpQuotedStream = -1;

    /**
     * The TCP header was cut by the snapshot length: Wireshark gives it a stream index but does not count the
     * frame in the conversation tables.
     */
    public boolean l4HeaderTruncated;

    /** UDP headers of tunnels (VXLAN, Geneve, VXLAN-GPE) outside the innermost transport layer. */
    public static final int MAX_OUTER_UDP = 3;
    public final int[] outerUdpIpIndex = new int[MAX_OUTER_UDP];
    public final int[] outerUdpSrcPort = new int[MAX_OUTER_UDP];
    public final int[] outerUdpDstPort = new int[MAX_OUTER_UDP];
    /** Set by the flow table: udp.stream of each outer UDP header. */
    public final int[] outerUdpStream = new int[MAX_OUTER_UDP];
    public int outerUdpCount;

    /** Transport payload: payload[payloadOff, payloadOff + payloadLen). */
    public byte[] payload;
    public int payloadOff, payloadLen;
    /** Bytes the transport header says the payload has, which may exceed what was captured. */
    public int payloadWireLen;

    /** An IP fragment that did not (yet) complete a datagram: no transport layer. */
    public boolean fragment;
    /**
     * The transport header was decoded from a first fragment that could not be reassembled (cut by the snapshot
     * length), as Wireshark does: it counts in conversations but sets no sequence base.
     */
    public boolean fragmentedL4;
    /** The first anomaly met while decoding, or null. */
    public Anomaly anomaly;
    /** The link type was not one NTA decodes. */
    public boolean undecodedLink;

    public Packet() {
        for (int i = 0; i < MAX_IP_LAYERS; i++) ip[i] = new IpLayer();
    }

    void reset(Frame f) {
        frame = f;
        pathLen = 0;
        hasEth = false;
        ethSrc = ethDst = 0;
        etherType = 0;
        vlanCount = 0;
        ipCount = 0;
        l4Proto = -1;
        srcPort = dstPort = 0;
        tcpSeq = tcpAck = 0;
        tcpFlags = tcpWindow = tcpHeaderLen = 0;
        tcpMss = 0;
        tcpWscale = -1;
        tcpSackPerm = false;
        tcpOptOrder = 0;
        udpLength = 0;
        icmpType = icmpCode = -1;
        hasIcmpQuoted = false;
        icmpQuotedSrcPort = icmpQuotedDstPort = -1;
        icmpQuotedL4Len = 0;
        icmpQuotedStream = -1;
        payload = null;
        payloadOff = payloadLen = payloadWireLen = 0;
        fragment = false;
        fragmentedL4 = false;
        l4HeaderTruncated = false;
        outerUdpCount = 0;
        anomaly = null;
        undecodedLink = false;
    }

    void push(Proto p) {
        if (pathLen < MAX_PATH) path[pathLen++] = p.ordinal();
    }

    IpLayer nextIp() {
        if (ipCount >= MAX_IP_LAYERS) return null;
        IpLayer l = ip[ipCount++];
        l.clear();
        return l;
    }

    /** The innermost IP header, or null. */
    public IpLayer innerIp() {
        return ipCount == 0 ? null : ip[ipCount - 1];
    }

    public boolean isTcp() {
        return l4Proto == 6;
    }

    public boolean isUdp() {
        return l4Proto == 17;
    }

    public boolean has(Proto p) {
        int o = p.ordinal();
        for (int i = 0; i < pathLen; i++) if (path[i] == o) return true;
        return false;
    }

    /** Replaces the last path element (used when an application protocol is recognised later). */
    public void setApp(Proto p) {
        if (pathLen > 0 && path[pathLen - 1] == Proto.DATA.ordinal()) path[pathLen - 1] = p.ordinal();
        else push(p);
    }

    public String pathString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pathLen; i++) {
            if (i > 0) sb.append(':');
            sb.append(Proto.of(path[i]).filterName());
        }
        return sb.toString();
    }
}
