package org.nta.decode;

/**
 * Limits of the decoders.
 *
 * @param maxTunnelDepth   tunnels (IP-in-IP, GRE, 6in4) followed before giving up
 * @param fragMaxDatagrams IP datagrams being reassembled at once
 * @param fragMaxBytes     bytes held by all datagrams being reassembled
 * @param fragTimeoutSec   capture seconds after which an incomplete datagram is dropped
 */
public record DecoderConfig(int maxTunnelDepth, int fragMaxDatagrams, long fragMaxBytes, long fragTimeoutSec) {
    public static final DecoderConfig DEFAULTS = new DecoderConfig(4, 4096, 32L * 1024 * 1024, 60);
}
