package org.nta.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.nta.bytes.Seconds;

/**
 * How times are shown: absolute in a zone with an explicit offset (UTC by default), relative to the first
 * packet, or epoch seconds; always at the capture's precision. Only capture time is ever shown.
 */
public final class TimeFormat {
    public enum Mode { ABSOLUTE, RELATIVE, EPOCH }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private final Mode mode;
    private final ZoneId zone;
    private final int digits;

    public TimeFormat(Mode mode, ZoneId zone, int digits) {
        this.mode = mode;
        this.zone = zone;
        this.digits = Math.max(0, Math.min(9, digits));
    }

    public static TimeFormat utc(int digits) {
        return new TimeFormat(Mode.ABSOLUTE, ZoneOffset.UTC, digits);
    }

    public TimeFormat withDigits(int d) {
        return new TimeFormat(mode, zone, d);
    }

    public Mode mode() {
        return mode;
    }

    /** Parses "UTC", "local", or any zone id or offset ("Europe/Paris", "+02:00"). */
    public static ZoneId zone(String s) {
        if (s == null || s.equalsIgnoreCase("utc") || s.equalsIgnoreCase("z")) return ZoneOffset.UTC;
        if (s.equalsIgnoreCase("local")) return ZoneId.systemDefault();
        return ZoneId.of(s);
    }

    /**
     * @param epochNs     the time to show
     * @param captureStartNs the first packet's time, for relative mode
     */
    public String format(long epochNs, long captureStartNs) {
        return switch (mode) {
            case ABSOLUTE -> absolute(epochNs);
            case RELATIVE -> seconds(epochNs - captureStartNs, digits);
            case EPOCH -> seconds(epochNs, digits);
        };
    }

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix, cachedOffset;

    public String absolute(long epochNs) {
        long sec = Math.floorDiv(epochNs, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNs, 1_000_000_000L);
        if (sec != cachedSecond) { // times come in bursts within one second: format the date once
            ZonedDateTime z = Instant.ofEpochSecond(sec).atZone(zone);
            cachedPrefix = DATE_TIME.format(z);
            cachedOffset = OFFSET.format(z);
            cachedSecond = sec;
        }
        StringBuilder sb = new StringBuilder(40).append(cachedPrefix);
        if (digits > 0) sb.append('.').append(fraction(nanos, digits));
        return sb.append(cachedOffset).toString();
    }

    /** ISO-8601 in UTC with the given number of fraction digits, e.g. 2026-11-28T07:27:36.901637Z (JSON contract). */
    public static String isoUtc(long epochNs, int digits) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L));
        ZonedDateTime z = i.atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(z));
        if (digits > 0) sb.append('.').append(fraction(z.getNano(), digits));
        return sb.append('Z').toString();
    }

    /** Seconds with exactly {@code digits} decimals, no rounding error: 1.500000. */
    public static String seconds(long ns, int digits) {
        return Seconds.format(ns, digits);
    }

    private static String fraction(int nanos, int digits) {
        return Seconds.fraction(nanos, digits);
    }
}
