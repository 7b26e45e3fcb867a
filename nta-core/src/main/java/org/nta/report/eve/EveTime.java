package org.nta.report.eve;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Suricata's EVE time: local date and time to the microsecond and a numeric offset, here always UTC. */
final class EveTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx")
            .withZone(ZoneOffset.UTC);

    private EveTime() {}

    /** {@code 2026-12-07T07:08:42.349628+0000} (nanoseconds cut to microseconds, as Suricata keeps them). */
    static String format(long epochNs) {
        long us = Math.floorDiv(epochNs, 1_000L);
        return FORMAT.format(Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L));
    }
}
