package org.nta.bytes;

/**
 * Seconds as fixed-point text, exact to the nanosecond (no floating point): the one formatting of a duration or a
 * relative time shared by the filter's field output and the reports, kept at the bottom so neither borrows the other's.
 */
public final class Seconds {
    private Seconds() {
    }

    /** Seconds with exactly {@code digits} decimals, no rounding error: 1.500000. */
    public static String format(long ns, int digits) {
        boolean neg = ns < 0;
        long a = Math.abs(ns);
        String s = (a / 1_000_000_000L) + (digits > 0 ? "." + fraction((int) (a % 1_000_000_000L), digits) : "");
        return neg ? "-" + s : s;
    }

    /** The first {@code digits} decimals of a fraction of a second given in nanoseconds, zero-padded past nine. */
    public static String fraction(int nanos, int digits) {
        char[] c = new char[Math.max(digits, 9)];
        int v = nanos;
        for (int i = 8; i >= 0; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        for (int i = 9; i < c.length; i++) c[i] = '0';
        return new String(c, 0, digits);
    }
}
