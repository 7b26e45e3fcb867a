package org.nta.detect.c2;

import java.util.Arrays;

/** Order statistics that a few odd values do not move: quantiles, Bowley's quartile skew, MAD over the median. */
public final class RobustStats {
    private RobustStats() {}

    /** The q-quantile (0..1) of ascending values, interpolated linearly between neighbours. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    public static double median(double[] sorted) {
        return quantile(sorted, 0.5);
    }

    /** Bowley's skew (Q3 + Q1 - 2 Q2) / (Q3 - Q1): -1..1, 0 when the quartiles are symmetric or equal. */
    public static double bowley(double[] sorted) {
        double q1 = quantile(sorted, 0.25), q2 = quantile(sorted, 0.5), q3 = quantile(sorted, 0.75);
        double iqr = q3 - q1;
        if (iqr <= 1e-12 * Math.max(1, Math.abs(q2))) return 0;
        return Math.max(-1, Math.min(1, (q3 + q1 - 2 * q2) / iqr));
    }

    /** Median absolute deviation from the median. */
    public static double mad(double[] sorted) {
        double m = median(sorted);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) dev[i] = Math.abs(sorted[i] - m);
        Arrays.sort(dev);
        return median(dev);
    }

    /** 1 - |Bowley skew|: 1 for a symmetric spread (or none). */
    public static double skewScore(double[] sorted) {
        return 1 - Math.abs(bowley(sorted));
    }

    /** 1 - MAD/median, at least 0: 1 when the values do not vary; 1 as well when all are 0. */
    public static double madmScore(double[] sorted) {
        double m = median(sorted);
        double mad = mad(sorted);
        if (m <= 0) return mad <= 0 ? 1 : 0;
        return Math.max(0, 1 - mad / m);
    }

    /** Shannon entropy in bits per symbol of the bytes (0..8). */
    public static double entropy(byte[] b, int off, int len) {
        if (len <= 0) return 0;
        int[] counts = new int[256];
        for (int i = off; i < off + len; i++) counts[b[i] & 0xff]++;
        double h = 0;
        for (int c : counts) {
            if (c == 0) continue;
            double p = (double) c / len;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    /** Shannon entropy in bits per character of a string. */
    public static double entropy(CharSequence s) {
        int n = s.length();
        if (n == 0) return 0;
        java.util.HashMap<Character, int[]> counts = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) counts.computeIfAbsent(s.charAt(i), k -> new int[1])[0]++;
        double h = 0;
        for (int[] c : counts.values()) {
            double p = (double) c[0] / n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    /** Rounded to three decimals, for evidence that must be byte-for-byte reproducible and readable. */
    public static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
