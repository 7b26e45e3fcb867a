package org.nta.detect.c2;

/**
 * Payload delivery thresholds.
 *
 * @param maxDownloads      executable or script downloads kept (beyond: counted)
 * @param followWindowSec   a beacon from the same host starting this many seconds after a download at most is what the
 *                          payload did
 */
public record DeliveryConfig(int maxDownloads, long followWindowSec) {
    public static final DeliveryConfig DEFAULTS = new DeliveryConfig(10_000, 3600);
}
