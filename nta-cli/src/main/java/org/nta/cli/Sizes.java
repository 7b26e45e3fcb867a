package org.nta.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte sizes on the command line: {@code 65536}, {@code 64k}, {@code 64KiB}, {@code 256M}, {@code 1GiB} (1024-based). */
final class Sizes {
    private Sizes() {}

    /** The bytes {@code text} names; an {@link IllegalArgumentException} saying why not for anything else, or for 0. */
    static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && Character.isDigit(t.charAt(end))) end++;
        int shift = switch (t.substring(end).strip()) {
            case "" -> 0;
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            default -> -1;
        };
        if (end == 0 || shift < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size (bytes, or with k/KiB, M/MiB or G/GiB)");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (n == 0) throw new IllegalArgumentException("'" + text + "' must be more than 0");
        if (n > Long.MAX_VALUE >> shift) throw new IllegalArgumentException("'" + text + "' is too large");
        return n << shift;
    }

    /** {@code 256 MiB}, {@code 64 KiB}, {@code 1500 bytes}: exact, in the largest unit that divides it. */
    static String format(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            int shift = 30 - 10 * i;
            if (bytes != 0 && bytes % (1L << shift) == 0) return (bytes >> shift) + " " + units[i];
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** A size option held in a long. */
    static final class LongSize implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A size option held in an int (at most 2 GiB - 1). */
    static final class IntSize implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = new LongSize().convert(value);
            if (n > Integer.MAX_VALUE) throw new TypeConversionException("'" + value + "' is too large (at most 2047 MiB)");
            return (int) n;
        }
    }

    /** A count option (no unit), more than 0. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new TypeConversionException("'" + value + "' is not a count more than 0");
        }
    }
}
