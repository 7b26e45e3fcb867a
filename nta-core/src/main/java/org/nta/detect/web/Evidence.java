package org.nta.detect.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for JSON-friendly, bounded evidence values. */
final class Evidence {
    private Evidence() {}

    /** Up to {@code max} items of a list (a copy). */
    static <T> List<T> head(List<T> l, int max) {
        return new ArrayList<>(l.size() <= max ? l : l.subList(0, max));
    }

    /** A value shortened to {@code max} characters, with an ellipsis when cut. */
    static String clip(String s, int max) {
        if (s == null) return null;
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Rounded to three decimals, for rates and durations. */
    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double seconds(long fromNs, long toNs) {
        return toNs > fromNs ? round((toNs - fromNs) / 1e9) : 0.0;
    }

    /** Requests per second over a span; the count itself for a span of no time. */
    static double rate(long n, long fromNs, long toNs) {
        double s = (toNs - fromNs) / 1e9;
        return s > 0.001 ? round(n / s) : (double) n;
    }

    /** A map with string keys of a map with integer keys (status codes), in key order. */
    static Map<String, Long> statusMap(java.util.SortedMap<Integer, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** A password shown as its first and last character and its length ({@code S*****! (7)}). */
    static String mask(String p) {
        if (p == null) return null;
        if (p.length() <= 2) return "*".repeat(p.length()) + " (" + p.length() + ")";
        return p.charAt(0) + "*".repeat(p.length() - 2) + p.charAt(p.length() - 1) + " (" + p.length() + ")";
    }
}
