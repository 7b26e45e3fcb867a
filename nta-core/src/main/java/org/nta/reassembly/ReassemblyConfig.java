package org.nta.reassembly;

/**
 * TCP reassembly limits. Hitting one is counted ({@code tcp.depth_reached}, {@code tcp.out_of_order_limit},
 * {@code tcp.memcap_reached}) and the missing bytes are reported to the parser as a gap.
 *
 * @param depth          bytes delivered per direction of a connection; beyond it the direction is no longer reassembled
 * @param maxOooBytes    out-of-order bytes buffered per direction waiting for a missing segment
 * @param maxOooSegments out-of-order segments buffered per direction
 * @param memcap         out-of-order bytes buffered across all connections
 * @param overlapCheckBytes recently delivered bytes kept per direction to tell a faithful retransmission from an
 *                       overlap carrying different bytes
 */
public record ReassemblyConfig(long depth, int maxOooBytes, int maxOooSegments, long memcap, int overlapCheckBytes) {
    public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(256L << 20, 1 << 20, 256, 64L << 20, 4096);
}
