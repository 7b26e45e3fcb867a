package org.nta.detect.c2;

/**
 * Beaconing thresholds.
 *
 * @param minContacts          contacts (connections or requests, retries within {@code mergeWithinMs} folded into one)
 *                             below which a series is never a beacon
 * @param minDurationSec       seconds from the first contact to the last below which a series is never a beacon
 * @param minScore             overall regularity score (0..1) from which a series is reported
 * @param mergeWithinMs        a contact this soon after the previous one is a retry of it, not a contact of its own
 * @param histogramBins        bins of the histogram over the series' span that measures how evenly it is covered
 * @param popularClients       a destination this many clients of the capture talk to is shared infrastructure
 * @param maxSeries            client → destination series tracked at once (beyond: new ones are counted, not kept)
 * @param maxContactsPerSeries contacts kept per series (the rest are counted)
 * @param maxContacts          contacts kept over all series
 * @param maxNames             stream → TLS name and (client, address) → DNS name entries kept
 * @param maxSamples           URIs, User-Agents, order and result samples kept per series
 */
public record BeaconConfig(int minContacts, long minDurationSec, double minScore, long mergeWithinMs, int histogramBins,
                           int popularClients, int maxSeries, int maxContactsPerSeries, long maxContacts, int maxNames,
                           int maxSamples) {
    public static final BeaconConfig DEFAULTS = new BeaconConfig(6, 60, 0.80, 1000, 24, 4, 20_000, 4096, 500_000,
            65_536, 8);
}
