package org.nta.report;

import java.util.Locale;

/** Number formats for people: grouped counts and SI sizes. */
public final class Numbers {
    private Numbers() {}

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
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

    public static String decimal(double d, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", d);
    }
}
