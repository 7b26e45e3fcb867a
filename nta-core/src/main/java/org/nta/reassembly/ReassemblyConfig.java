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
 * @param roleProbeBytes bytes of each direction, on a connection picked up without its handshake, whose lines are
 *                       read for a request or status line that tells the client from the server (no memory is
 *                       kept beyond one 64-byte line per direction; past them the ports' guess stands)
 */
public record ReassemblyConfig(long depth, int maxOooBytes, int maxOooSegments, long memcap, int overlapCheckBytes,
                               long roleProbeBytes) {
    public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(256L << 20, 1 << 20, 256, 64L << 20, 4096, 64 << 10);

    public ReassemblyConfig withDepth(long bytes) {
        return new ReassemblyConfig(bytes, maxOooBytes, maxOooSegments, memcap, overlapCheckBytes, roleProbeBytes);
    }

    public ReassemblyConfig withMaxOoo(int bytes, int segments) {
        return new ReassemblyConfig(depth, bytes, segments, memcap, overlapCheckBytes, roleProbeBytes);
    }

    public ReassemblyConfig withMemcap(long bytes) {
        return new ReassemblyConfig(depth, maxOooBytes, maxOooSegments, bytes, overlapCheckBytes, roleProbeBytes);
    }
}
