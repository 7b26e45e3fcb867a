package org.nta.flow;

import org.nta.decode.Addresses;

/**
 * A TCP or UDP conversation, as one row of Wireshark's Conversations window: endpoint A sent the first
 * packet; frames and bytes per direction; first and last time. {@link #stream()} is Wireshark's
 * {@code tcp.stream} or {@code udp.stream}.
 */
public final class Flow {
    final FlowKey key;
    private final int stream;
    /** A is the key's low endpoint; decided by the first counted packet (an ICMP-quoted header does not count). */
    boolean aIsLo;
    boolean aFixed;

    public long framesAB, bytesAB, framesBA, bytesBA;
    /** Transport payload bytes per direction (Zeek's orig_bytes and resp_bytes, without retransmission handling). */
    public long payloadAB, payloadBA;
    /** Earliest and latest capture time seen (ns since the epoch), and the first and last frame numbers. */
    public long startNs = Long.MAX_VALUE, endNs = Long.MIN_VALUE;
    public long firstFrame, lastFrame;
    /** Latest capture time seen, for expiry; TCP: latest time a packet carried payload. */
    long lastSeenNs, lastPayloadNs;
    /** The flow ended (FIN both ways or RST): expired after a short grace period. */
    boolean closed;
    /** Zeek's originator is B: the first packet A sent was a SYN-ACK. */
    boolean origIsB;
    /** Released because its idle time was up, or pushed out of a full table (not at the end of the capture). */
    boolean timedOut, evicted;

    /** TCP only: state of each side, and Wireshark's base sequence numbers (relative sequence numbering). */
    public final TcpSide tcpA;
    public final TcpSide tcpB;

    /** TCP: flags of the first packet A sent, the frame of the last SYN (without ACK) A sent, and how many it sent. */
    public int firstTcpFlags = -1;
    public long lastSynFrame;
    public int synsAB;
    /** The frame of the SYN that opened this stream on the addresses and ports of an earlier one, or 0. */
    public long portsReusedFrame;

    /** The flow's exchanges when it has more than one (bursts apart by a second of silence; TCP: of payload), else null. */
    public Exchanges exchanges;

    /** The application protocol a parser recognised in this flow, or null. */
    public org.nta.decode.Proto app;

    /** Computed on first use by {@link #communityId()}. */
    private String communityId;

    /** State later pipeline stages keep for this flow (reassembly, parsers); released when the flow ends. */
    public Object attachment;

    /** Neighbours in the flow table's least-recently-used order (see {@link LiveFlows}); null when not live. */
    Flow lruPrev, lruNext;

    Flow(FlowKey key, int stream, boolean aIsLo) {
        this.key = key;
        this.stream = stream;
        this.aIsLo = aIsLo;
        boolean tcp = key.proto == 6;
        this.tcpA = tcp ? new TcpSide() : null;
        this.tcpB = tcp ? new TcpSide() : null;
    }

    /** {@code tcp.stream} or {@code udp.stream}: 0-based, in order of first packet. */
    public int stream() {
        return stream;
    }

    public int proto() {
        return key.proto;
    }

    public boolean isTcp() {
        return key.proto == 6;
    }

    public int ipVersion() {
        return key.version;
    }

    public long aHi() { return aIsLo ? key.loHi : key.hiHi; }
    public long aLo() { return aIsLo ? key.loLo : key.hiLo; }
    public long bHi() { return aIsLo ? key.hiHi : key.loHi; }
    public long bLo() { return aIsLo ? key.hiLo : key.loLo; }
    public int aPort() { return aIsLo ? key.loPort : key.hiPort; }
    public int bPort() { return aIsLo ? key.hiPort : key.loPort; }

    public String aAddr() {
        return Addresses.format(key.version, aHi(), aLo());
    }

    public String bAddr() {
        return Addresses.format(key.version, bHi(), bLo());
    }

    public long frames() {
        return framesAB + framesBA;
    }

    public long bytes() {
        return bytesAB + bytesBA;
    }

    /** The flow's Community ID v1 (seed 0), computed when first asked for. */
    public String communityId() {
        String id = communityId;
        if (id == null) communityId = id = CommunityId.of(this);
        return id;
    }

    /** The side that opened the connection (Zeek's originator, the client) is B: A's first packet was a SYN-ACK. */
    public boolean originatorIsB() {
        return origIsB;
    }

    /** TCP: both sides sent FIN, or one sent RST. */
    public boolean closed() {
        return closed;
    }

    /** The flow was released because its idle timeout passed, not because the capture ended. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The flow was pushed out of a full table (FlowConfig.maxFlows), counted as flow limit reached. */
    public boolean evicted() {
        return evicted;
    }

    /** Zeek conn_state code for TCP flows (null for UDP). */
    public String connState() {
        return isTcp() ? ConnState.of(this) : null;
    }

    /** Zeek-style history letters for TCP flows (upper case A's side, lower case B's). */
    public String history() {
        return isTcp() ? TcpSide.history(tcpA, tcpB) : null;
    }

    @Override
    public String toString() {
        return (isTcp() ? "tcp" : "udp") + " stream " + stream + " " + aAddr() + ":" + aPort() + " <-> " + bAddr() + ":" + bPort();
    }
}
