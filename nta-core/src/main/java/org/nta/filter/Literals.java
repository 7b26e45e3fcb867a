package org.nta.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Readers of literal text for each field type. Each returns null (or throws nothing) when the text is not valid. */
final class Literals {
    private Literals() {}

    /** Wireshark's integer literals: decimal, 0x hex, 0b binary, leading-0 octal, optional sign. Null if invalid. */
    static Long integer(String s) {
        if (s.isEmpty()) return null;
        boolean neg = false;
        String t = s;
        if (t.charAt(0) == '-' || t.charAt(0) == '+') {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.isEmpty()) return null;
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0b") || t.startsWith("0B")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty()) return null;
        try {
            BigInteger v = new BigInteger(t, radix);
            if (neg) v = v.negate();
            if (v.bitLength() > 63) return null;
            return v.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An IPv4 address with an optional prefix length: {address, prefix}; prefix 32 when absent. */
    static long[] ipv4(String s) {
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) return null;
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) return null;
            for (int i = 0; i < p.length(); i++) if (!Character.isDigit(p.charAt(i))) return null;
            int n = Integer.parseInt(p);
            if (n > 255) return null;
            v = (v << 8) | n;
        }
        long prefix = 32;
        if (slash >= 0) {
            Long pl = integer(s.substring(slash + 1));
            if (pl == null || pl < 0) return null;
            prefix = pl;
        }
        return new long[] {v, prefix};
    }

    /** An IPv6 address with an optional prefix length: {high, low, prefix}; prefix 128 when absent. */
    static long[] ipv6(String s) {
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        int[] groups = new int[8];
        int dbl = a.indexOf("::");
        if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl < 0 ? a : a.substring(0, dbl);
        String tail = dbl < 0 ? "" : a.substring(dbl + 2);
        int[] h = groups(head, dbl < 0 || tail.isEmpty());
        int[] t = dbl < 0 ? new int[0] : groups(tail, true);
        if (h == null || t == null) return null;
        if (dbl < 0 ? h.length != 8 : h.length + t.length > 7) return null;
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) hi = (hi << 16) | groups[i];
        for (int i = 4; i < 8; i++) lo = (lo << 16) | groups[i];
        long prefix = 128;
        if (slash >= 0) {
            Long pl = integer(s.substring(slash + 1));
            if (pl == null || pl < 0) return null;
            prefix = pl;
        }
        return new long[] {hi, lo, prefix};
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups) when {@code last}. */
    private static int[] groups(String s, boolean last) {
        if (s.isEmpty()) return new int[0];
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && last && p.indexOf('.') >= 0) {
                long[] v4 = ipv4(p);
                if (v4 == null || v4[1] != 32) return null;
                out[n++] = (int) (v4[0] >>> 16);
                out[n++] = (int) (v4[0] & 0xffff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) return null;
                v = v * 16 + d;
            }
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** A MAC address: 6 hex bytes separated by ':', '-' or '.', or three dot-separated groups of 4 digits. */
    static Long ether(String s) {
        byte[] b = bytes(s);
        if (b == null && s.matches("[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}")) b = bytes(s.replace(".", ""), true);
        if (b == null || b.length != 6) return null;
        long v = 0;
        for (byte x : b) v = (v << 8) | (x & 0xff);
        return v;
    }

    /** A byte string: hex bytes separated by ':', '-' or '.', or one byte of one or two hex digits. */
    static byte[] bytes(String s) {
        if (s.length() <= 2) return bytes(s, true);
        char sep = 0;
        for (char c : new char[] {':', '-', '.'}) if (s.indexOf(c) >= 0) sep = c;
        if (sep == 0) return null;
        String[] parts = s.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2) return null;
            byte[] one = bytes(p, true);
            if (one == null) return null;
            out[i] = one[0];
        }
        return out;
    }

    /** Hex digits without separators (pairs; a single digit is one byte). */
    private static byte[] bytes(String s, boolean unseparated) {
        if (s.isEmpty()) return null;
        if (s.length() == 1) s = "0" + s;
        if (s.length() % 2 != 0) return null;
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int h = Character.digit(s.charAt(2 * i), 16), l = Character.digit(s.charAt(2 * i + 1), 16);
            if (h < 0 || l < 0) return null;
            out[i] = (byte) (h * 16 + l);
        }
        return out;
    }

    /** Seconds with an optional fraction (and sign) as nanoseconds; null if invalid. */
    static Long seconds(String s) {
        try {
            BigDecimal d = new BigDecimal(s);
            return d.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static final DateTimeFormatter FRACTION = new DateTimeFormatterBuilder()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter ISO_SPACE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd['T'][' ']HH:mm[:ss]").append(FRACTION).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter WIRESHARK = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM d, uuuu HH:mm[:ss]").append(FRACTION).toFormatter(Locale.ROOT);

    /**
     * Absolute time as ns since the epoch. Accepts "2026-11-28 07:27:40.5", "2026-11-28T07:27:40Z",
     * "Nov 28, 2026 07:27:40" and each with a trailing " UTC", "Z" or offset; without one, {@code zone} applies.
     */
    static Long absoluteTime(String text, ZoneId zone) {
        String s = text.trim();
        ZoneId z = zone;
        if (s.endsWith(" UTC") || s.endsWith(" GMT")) {
            s = s.substring(0, s.length() - 4).trim();
            z = ZoneOffset.UTC;
        } else if (s.endsWith("Z") || s.endsWith("z")) {
            s = s.substring(0, s.length() - 1);
            z = ZoneOffset.UTC;
        } else {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*\\d)\\s*([+-]\\d{2}:?\\d{2})$").matcher(s);
            if (m.matches() && m.group(1).matches(".*\\d:\\d\\d(:\\d\\d)?(\\.\\d+)?")) {
                try {
                    z = ZoneOffset.of(m.group(2).length() == 5 ? m.group(2).substring(0, 3) + ":" + m.group(2).substring(3) : m.group(2));
                    s = m.group(1);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {ISO_SPACE, WIRESHARK}) {
            try {
                LocalDateTime t = LocalDateTime.parse(s, f);
                OffsetDateTime o = t.atZone(z).toOffsetDateTime();
                return o.toEpochSecond() * 1_000_000_000L + o.getNano();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
