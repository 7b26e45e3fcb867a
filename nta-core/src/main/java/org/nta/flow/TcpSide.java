package org.nta.flow;

import org.nta.decode.Packet;

/**
 * One side of a TCP connection: Zeek's endpoint state machine (for {@code conn_state}), its history letters,
 * and Wireshark's base sequence number (which decides when a SYN opens a new {@code tcp.stream}).
 */
public final class TcpSide {
    public static final int INACTIVE = 0, SYN_SENT = 1, SYN_ACK_SENT = 2, PARTIAL = 3, ESTABLISHED = 4, CLOSED = 5, RESET = 6;

    private static final String LETTERS = "SHADFR";
    private static final int H_SYN = 1, H_SYNACK = 2, H_ACK = 4, H_DATA = 8, H_FIN = 16, H_RST = 32;

    int state = INACTIVE;
    /** Wireshark's base sequence number for this direction; valid once {@link #baseSet}. */
    long baseSeq;
    boolean baseSet;
    /** Payload bytes sent (Zeek's size, without retransmission analysis). */
    long size;
    private int seen;
    /**
     * Order of first occurrence across both sides (kept in A's side): up to {@link #ORDER_MAX} (side, letter) codes of
     * four bits, the first in the lowest bits. A long rather than an array: a flow of a capture of many short
     * connections is kept for its grace period after it ends, and every byte of it is copied by the collector.
     */
    private long order;
    private int orderLen;
    private static final int ORDER_MAX = 12;

    /** The window scale option of this side's SYN (-1: none), and whether its SYN was seen. */
    int synWscale = -1;
    boolean synSeen;

    public int state() {
        return state;
    }

    /**
     * Wireshark's window size scaling factor for segments this side sends: 2^shift when both SYNs carried the window
     * scale option, 1 when both SYNs were seen and one lacked it (no scaling), -1 when the handshake was not seen.
     */
    public static long scaling(TcpSide sender, TcpSide peer) {
        if (!sender.synSeen || !peer.synSeen) return -1;
        if (sender.synWscale < 0 || peer.synWscale < 0) return 1;
        return 1L << Math.min(sender.synWscale, 14);
    }

    /** Wireshark's base sequence number of this direction (relative numbers are seq - base), or -1 if unknown. */
    public long baseSeq() {
        return baseSet ? baseSeq : -1;
    }

    /** Records the history letters of one packet sent by this side. Returns the letters newly seen. */
    int noteHistory(int flags, int payloadLen) {
        int h;
        boolean syn = (flags & Packet.TCP_SYN) != 0, ack = (flags & Packet.TCP_ACK) != 0;
        if (syn) h = ack ? H_SYNACK : H_SYN;
        else if ((flags & Packet.TCP_RST) != 0) h = H_RST;
        else if ((flags & Packet.TCP_FIN) != 0) h = H_FIN | (payloadLen > 0 ? H_DATA : 0);
        else if (payloadLen > 0) h = H_DATA;
        else if (ack) h = H_ACK;
        else h = 0;
        if ((flags & Packet.TCP_RST) != 0) h |= H_RST;
        int fresh = h & ~seen;
        seen |= h;
        return fresh;
    }

    /**
     * Zeek's TCP endpoint state machine for a packet sent by {@code endpoint} to {@code peer}.
     *
     * @param isOrig whether {@code endpoint} is the originator (the side that sent the first SYN)
     */
    static void update(TcpSide endpoint, TcpSide peer, int flags, int len, boolean isOrig, TcpSide orig) {
        boolean syn = (flags & Packet.TCP_SYN) != 0, ack = (flags & Packet.TCP_ACK) != 0,
                fin = (flags & Packet.TCP_FIN) != 0, rst = (flags & Packet.TCP_RST) != 0;
        switch (endpoint.state) {
            case INACTIVE -> {
                if (syn) {
                    if (isOrig) {
                        endpoint.state = ack ? SYN_ACK_SENT : SYN_SENT;
                    } else {
                        if (!ack && peer.state == SYN_ACK_SENT) peer.state = ESTABLISHED;
                        if (peer.state == SYN_SENT) peer.state = ESTABLISHED;
                        endpoint.state = ESTABLISHED;
                    }
                }
                if (fin) endpoint.state = CLOSED;
                if (rst) endpoint.state = RESET;
                if (endpoint.state == INACTIVE) {
                    boolean eccentricAck = !isOrig && len == 0 && orig.state == SYN_SENT;
                    if (!eccentricAck) endpoint.state = PARTIAL;
                }
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (fin) endpoint.state = CLOSED;
                if (rst) endpoint.state = RESET;
            }
            case PARTIAL, ESTABLISHED -> {
                if (syn && endpoint.state == PARTIAL && peer.state == INACTIVE && !ack) endpoint.state = SYN_SENT;
                if (fin && !rst) endpoint.state = CLOSED;
                if (rst) endpoint.state = RESET;
            }
            case CLOSED -> {
                if (rst && peer.state != CLOSED) endpoint.state = RESET;
            }
            default -> { } // RESET stays
        }
    }

    boolean sawSynWithoutAck() {
        return (seen & H_SYN) != 0;
    }

    boolean sawLetter(char c) {
        int i = LETTERS.indexOf(Character.toUpperCase(c));
        return i >= 0 && (seen & (1 << i)) != 0;
    }

    /** Zeek-style history: letters in order of first occurrence, A's upper case, B's lower case. */
    static String history(TcpSide a, TcpSide b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.orderLen; i++) {
            int code = (int) (a.order >>> 4 * i) & 0xf;
            char c = LETTERS.charAt(code & 0x7);
            sb.append((code & 0x8) != 0 ? Character.toLowerCase(c) : c);
        }
        return sb.toString();
    }

    /** Remembers in A's side the order in which new letters appeared ({@code fromB} marks B's letters). */
    static void recordOrder(TcpSide a, int fresh, boolean fromB) {
        for (int i = 0; i < 6 && fresh != 0; i++) {
            if ((fresh & (1 << i)) != 0 && a.orderLen < ORDER_MAX) {
                a.order |= (long) (i | (fromB ? 0x8 : 0)) << 4 * a.orderLen++;
            }
            fresh &= ~(1 << i);
        }
    }
}
