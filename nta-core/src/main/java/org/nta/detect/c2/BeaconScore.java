package org.nta.detect.c2;

import java.util.Arrays;

/**
 * How much a series of contacts looks like a beacon, in the manner of RITA: the intervals between contacts and the
 * sizes of the contacts are each scored for symmetry (1 - |Bowley's quartile skew|) and for spread (1 - MAD over the
 * median); a histogram over the series' span scores how evenly the contacts cover it, and the span over the
 * capture's scores how long it lasts. Score = 0.45 × intervals + 0.25 × sizes + 0.30 × coverage and duration.
 * Uniform jitter of ±30% around the period keeps the interval score near 0.85 on average, but the skew of a few
 * dozen intervals drawn at random swings widely (one capture's 19 intervals of a ±25% beacon scored 0.34 on it):
 * so intervals whose 5th–95th percentile spread stays within ±{@link #BOUNDED_JITTER} of the median (a period
 * kept, whatever the jitter's shape) score at least {@code 1 - jitter / 2}.
 */
final class BeaconScore {
    private BeaconScore() {}

    /** A scored series: its contacts with retries folded, each sub-score, the period and the jitter. */
    record Scored(BeaconSeries series, Contacts contacts, double score, double intervalSkew, double intervalMadm,
                  double sizeSkew, double sizeMadm, double coverage, double duration, double periodSec,
                  double jitter, double medianSize, double intervalBounded) {
    }

    /** Jitter (half the 5th–95th percentile spread over the median) up to which intervals count as a kept period. */
    static final double BOUNDED_JITTER = 0.35;

    /** Null when the series has too few contacts or lasts too short a time once retries are folded. */
    static Scored score(BeaconSeries s, BeaconConfig config, long captureStartNs, long captureEndNs) {
        Contacts c = s.contacts.merged(config.mergeWithinMs() * 1_000_000L);
        int n = c.size;
        if (n < config.minContacts()) return null;
        long span = c.time[n - 1] - c.time[0];
        if (span < config.minDurationSec() * 1_000_000_000L) return null;
        double[] iv = new double[n - 1];
        for (int i = 1; i < n; i++) iv[i - 1] = (c.time[i] - c.time[i - 1]) / 1e9;
        Arrays.sort(iv);
        double[] sz = new double[n];
        for (int i = 0; i < n; i++) sz[i] = c.out[i] + c.in[i];
        Arrays.sort(sz);
        double tsSkew = RobustStats.skewScore(iv), tsMadm = RobustStats.madmScore(iv);
        double dsSkew = RobustStats.skewScore(sz), dsMadm = RobustStats.madmScore(sz);
        int bins = Math.max(1, Math.min(config.histogramBins(), n - 1));
        boolean[] hit = new boolean[bins];
        for (int i = 0; i < n; i++) {
            int b = span == 0 ? 0 : (int) Math.min(bins - 1, (c.time[i] - c.time[0]) * bins / span);
            hit[b] = true;
        }
        int hits = 0;
        for (boolean h : hit) if (h) hits++;
        double coverage = (double) hits / bins;
        long capture = Math.max(1, captureEndNs - captureStartNs);
        double duration = Math.min(1, (double) span / capture);
        double period = RobustStats.median(iv);
        double jitter = period <= 0 ? 0 : (RobustStats.quantile(iv, 0.95) - RobustStats.quantile(iv, 0.05)) / 2 / period;
        double bounded = period > 0 && jitter <= BOUNDED_JITTER ? 1 - jitter / 2 : 0;
        double intervals = Math.max((tsSkew + tsMadm) / 2, bounded);
        double score = 0.45 * intervals + 0.25 * (dsSkew + dsMadm) / 2 + 0.30 * (coverage + duration) / 2;
        return new Scored(s, c, score, tsSkew, tsMadm, dsSkew, dsMadm, coverage, duration, period, jitter, RobustStats.median(sz), bounded);
    }
}
