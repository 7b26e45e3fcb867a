package org.nta.cli;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.nta.report.TimeFormat;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * --tz and --time-format, shared by every command that shows times. Both are checked while the command line is
 * parsed (a bad value is a usage error, exit 2), before any capture is opened or anything is printed.
 */
final class TimeOptions {
    @Option(names = "--tz", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "Time zone for absolute times: UTC (default), local, or a zone such as Europe/Paris or +02:00.")
    ZoneId tz = TimeFormat.zone("UTC");

    @Option(names = "--time-format", paramLabel = "FORMAT", converter = ModeConverter.class,
            description = "absolute (default), relative (seconds since the first packet) or epoch.")
    TimeFormat.Mode format = TimeFormat.Mode.ABSOLUTE;

    TimeFormat build(int digits) {
        return new TimeFormat(format, tz, digits);
    }

    static final class ZoneConverter implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return TimeFormat.zone(value);
            } catch (DateTimeException e) {
                throw new TypeConversionException("unknown time zone '" + value + "' (UTC, local, a zone such as Europe/Paris, or an offset such as +02:00)");
            }
        }
    }

    static final class ModeConverter implements ITypeConverter<TimeFormat.Mode> {
        @Override
        public TimeFormat.Mode convert(String value) {
            return switch (value.toLowerCase()) {
                case "absolute", "abs" -> TimeFormat.Mode.ABSOLUTE;
                case "relative", "rel" -> TimeFormat.Mode.RELATIVE;
                case "epoch" -> TimeFormat.Mode.EPOCH;
                default -> throw new TypeConversionException("unknown time format '" + value + "' (absolute, relative or epoch)");
            };
        }
    }
}
