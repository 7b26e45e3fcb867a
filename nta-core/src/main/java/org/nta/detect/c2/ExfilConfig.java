package org.nta.detect.c2;

/**
 * Exfiltration thresholds.
 *
 * @param minVolumeBytes    bytes a client sends one external server (all connections) from which the volume alone is
 *                          reported, when it mostly sends
 * @param minProducerRatio  producer/consumer ratio (sent - received) / (sent + received) from which a pair mostly sends
 * @param rarelyUsed        connections to a destination before the upload at most which it is one the sender rarely used
 * @param popularClients    a destination this many clients of the capture send to is shared infrastructure
 * @param maxPairs          client → server pairs tracked (beyond: counted, not kept)
 * @param maxUploads        uploads kept to judge (beyond: counted)
 * @param maxSessionBytes   bytes of a raw TCP session's client side looked at
 */
public record ExfilConfig(long minVolumeBytes, double minProducerRatio, int rarelyUsed, int popularClients, int maxPairs,
                          int maxUploads, int maxSessionBytes) {
    public static final ExfilConfig DEFAULTS = new ExfilConfig(16L << 20, 0.8, 3, 4, 100_000, 10_000, 64 << 10);
}
