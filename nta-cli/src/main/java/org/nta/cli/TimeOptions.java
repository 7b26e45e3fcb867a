package org.nta.cli;

import java.time.DateTimeException;

import org.nta.report.TimeFormat;

import picocli.CommandLine.Option;

/** --tz and --time-format, shared by every command that shows times. */
final class TimeOptions {
    @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone for absolute times: UTC (default), local, or a zone such as Europe/Paris or +02:00.")
    String tz = "UTC";

    @Option(names = "--time-format", paramLabel = "FORMAT", description = "absolute (default), relative (seconds since the first packet) or epoch.")
    String format = "absolute";

    TimeFormat build(int digits) {
        TimeFormat.Mode mode = switch (format.toLowerCase()) {
            case "absolute", "abs" -> TimeFormat.Mode.ABSOLUTE;
            case "relative", "rel" -> TimeFormat.Mode.RELATIVE;
            case "epoch" -> TimeFormat.Mode.EPOCH;
            default -> throw new CliError("unknown --time-format '" + format + "' (absolute, relative or epoch)", Main.EXIT_UNREADABLE);
        };
        try {
            return new TimeFormat(mode, TimeFormat.zone(tz), digits);
        } catch (DateTimeException e) {
            throw new CliError("unknown time zone '" + tz + "'", Main.EXIT_UNREADABLE);
        }
    }
}
