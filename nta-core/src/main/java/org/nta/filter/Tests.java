package org.nta.filter;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.nta.filter.Node.PairTest;
import org.nta.filter.Node.ValueTest;
import org.nta.filter.Token.Kind;

/** Tests of one value against a constant, by value representation. Constants are prepared at compile time. */
final class Tests {
    private Tests() {}

    /** Whether a comparison result (negative, zero, positive) satisfies {@code op} (EQ, GT, LT, GE, LE). */
    static boolean holds(Kind op, int cmp) {
        return switch (op) {
            case GT -> cmp > 0;
            case LT -> cmp < 0;
            case GE -> cmp >= 0;
            case LE -> cmp <= 0;
            default -> cmp == 0;
        };
    }

    static ValueTest not(ValueTest t) {
        return (vs, i) -> !t.test(vs, i);
    }

    static PairTest not(PairTest t) {
        return (a, i, b, j) -> !t.test(a, i, b, j);
    }

    /** Integral values (numbers, booleans, IPv4, MAC, times) against a constant. */
    static ValueTest longCompare(Kind op, long c) {
        return switch (op) {
            case GT -> (vs, i) -> vs.longAt(i) > c;
            case LT -> (vs, i) -> vs.longAt(i) < c;
            case GE -> (vs, i) -> vs.longAt(i) >= c;
            case LE -> (vs, i) -> vs.longAt(i) <= c;
            default -> (vs, i) -> vs.longAt(i) == c;
        };
    }

    /** Membership in inclusive ranges (a single value is a range of one; a CIDR block is a range). */
    static ValueTest longIn(long[] lows, long[] highs) {
        return (vs, i) -> {
            long v = vs.longAt(i);
            for (int k = 0; k < lows.length; k++) if (v >= lows[k] && v <= highs[k]) return true;
            return false;
        };
    }

    /** (value & mask) != 0, for a bare {@code field & mask}. */
    static ValueTest nonZero() {
        return (vs, i) -> vs.longAt(i) != 0;
    }

    static int compareIpv6(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    /** Whether (h, l) is within the /prefix network of (nh, nl). */
    static boolean inIpv6(long h, long l, long nh, long nl, int prefix) {
        long mh = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long ml = prefix >= 128 ? -1L : prefix <= 64 ? 0 : -1L << (128 - prefix);
        return (h & mh) == (nh & mh) && (l & ml) == (nl & ml);
    }

    static ValueTest ipv6Compare(Kind op, long hi, long lo, int prefix) {
        if (op == Kind.EQ) return (vs, i) -> inIpv6(vs.highAt(i), vs.longAt(i), hi, lo, prefix);
        return (vs, i) -> holds(op, compareIpv6(vs.highAt(i), vs.longAt(i), hi, lo));
    }

    /** Membership in IPv6 networks and ranges: each element is (high, low, prefix) or a range (low pair, high pair). */
    static ValueTest ipv6In(long[][] networks, long[][] ranges) {
        return (vs, i) -> {
            long h = vs.highAt(i), l = vs.longAt(i);
            for (long[] n : networks) if (inIpv6(h, l, n[0], n[1], (int) n[2])) return true;
            for (long[] r : ranges) {
                if (compareIpv6(h, l, r[0], r[1]) >= 0 && compareIpv6(h, l, r[2], r[3]) <= 0) return true;
            }
            return false;
        };
    }

    static int compareBytes(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
        return Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl);
    }

    static ValueTest bytesCompare(Kind op, byte[] c) {
        return (vs, i) -> vs.hasBytes(i)
                && holds(op, compareBytes(vs.bytesArray(i), vs.bytesOffset(i), vs.bytesLength(i), c, 0, c.length));
    }

    static ValueTest bytesContains(byte[] c) {
        if (c.length < 3) return (vs, i) -> vs.hasBytes(i)
                && org.nta.bytes.Bytes.indexOf(vs.bytesArray(i), vs.bytesOffset(i), vs.bytesOffset(i) + vs.bytesLength(i), c) >= 0;
        int[] skip = horspoolSkips(c);
        return (vs, i) -> vs.hasBytes(i) && horspool(vs.bytesArray(i), vs.bytesOffset(i), vs.bytesLength(i), c, skip);
    }

    /** Boyer-Moore-Horspool shift per byte value: how far the window may move when that byte ends it. */
    static int[] horspoolSkips(byte[] needle) {
        int[] skip = new int[256];
        java.util.Arrays.fill(skip, needle.length);
        for (int k = 0; k < needle.length - 1; k++) skip[needle[k] & 0xff] = needle.length - 1 - k;
        return skip;
    }

    /** Whether {@code needle} occurs in {@code b[off, off + len)}. */
    static boolean horspool(byte[] b, int off, int len, byte[] needle, int[] skip) {
        int n = needle.length, last = n - 1;
        byte tail = needle[last];
        int end = off + len - n;
        int at = off;
        while (at <= end) {
            byte x = b[at + last];
            if (x == tail) {
                int k = last - 1;
                while (k >= 0 && b[at + k] == needle[k]) k--;
                if (k < 0) return true;
            }
            at += skip[x & 0xff];
        }
        return false;
    }

    static ValueTest bytesMatches(Pattern p) {
        return (vs, i) -> vs.hasBytes(i) && p.matcher(vs.latin1At(i)).find();
    }

    static ValueTest bytesIn(byte[][] members) {
        return (vs, i) -> {
            if (!vs.hasBytes(i)) return false;
            for (byte[] m : members) {
                if (compareBytes(vs.bytesArray(i), vs.bytesOffset(i), vs.bytesLength(i), m, 0, m.length) == 0) return true;
            }
            return false;
        };
    }

    static ValueTest stringCompare(Kind op, String c) {
        return (vs, i) -> holds(op, vs.stringAt(i).compareTo(c));
    }

    static ValueTest stringContains(String c) {
        return (vs, i) -> vs.stringAt(i).contains(c);
    }

    static ValueTest stringMatches(Pattern p) {
        return (vs, i) -> p.matcher(vs.stringAt(i)).find();
    }

    static ValueTest stringIn(String[] members) {
        return (vs, i) -> {
            String s = vs.stringAt(i);
            for (String m : members) if (m.equals(s)) return true;
            return false;
        };
    }

    /** Two values of the same representation compared by {@code op} (EQ, GT, LT, GE, LE). */
    static PairTest pair(FieldType type, Kind op) {
        return switch (type) {
            case IPV6 -> (a, i, b, j) -> holds(op, compareIpv6(a.highAt(i), a.longAt(i), b.highAt(j), b.longAt(j)));
            case STRING -> (a, i, b, j) -> holds(op, a.stringAt(i).compareTo(b.stringAt(j)));
            case BYTES, PROTOCOL -> (a, i, b, j) -> a.hasBytes(i) && b.hasBytes(j) && holds(op, compareBytes(
                    a.bytesArray(i), a.bytesOffset(i), a.bytesLength(i), b.bytesArray(j), b.bytesOffset(j), b.bytesLength(j)));
            default -> (a, i, b, j) -> holds(op, Long.compare(a.longAt(i), b.longAt(j)));
        };
    }
}
