package org.nta.report;

import java.util.Locale;

/** Number formats for people: grouped counts and SI sizes. */
public final class Numbers {
    private Numbers() {}

    /** 1234567 → "1,234,567" (fast: no Formatter). */
    public static String count(long n) {
        if (n > -1000 && n < 1000) return Long.toString(n);
        String digits = Long.toString(Math.abs(n));
        int len = digits.length();
        StringBuilder sb = new StringBuilder(len + len / 3 + 1);
        if (n < 0) sb.append('-');
        int first = len % 3 == 0 ? 3 : len % 3;
        sb.append(digits, 0, first);
        for (int i = first; i < len; i += 3) sb.append(',').append(digits, i, i + 3);
        return sb.toString();
    }

    /** Wireshark's format_size with SI units and integer truncation: 9999 bytes, 10 kB, 47 kB, 10 MB. */
    public static String wiresharkSize(long v) {
        long p = 1000;
        if (v / p / p / p / p >= 10) return v / p / p / p / p + " TB";
        if (v / p / p / p >= 10) return v / p / p / p + " GB";
        if (v / p / p >= 10) return v / p / p + " MB";
        if (v / p >= 10) return v / p + " kB";
        return v + " bytes";
    }

    /** A decimal with {@code digits} places, rounded half-up (fast path for ordinary magnitudes). */
    public static String decimal(double d, int digits) {
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e12 || digits > 9) {
            return String.format(Locale.ROOT, "%." + digits + "f", d);
        }
        long scale = 1;
        for (int i = 0; i < digits; i++) scale *= 10;
        long v = Math.round(Math.abs(d) * scale);
        StringBuilder sb = new StringBuilder(24);
        if (d < 0 && v != 0) sb.append('-');
        sb.append(v / scale);
        if (digits > 0) {
            String frac = Long.toString(v % scale);
            sb.append('.');
            for (int i = frac.length(); i < digits; i++) sb.append('0');
            sb.append(frac);
        }
        return sb.toString();
    }
}
