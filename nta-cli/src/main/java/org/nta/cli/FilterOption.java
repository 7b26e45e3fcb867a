package org.nta.cli;

import java.time.ZoneOffset;

import org.nta.pipeline.PacketSink;
import org.nta.filter.AppFields;
import org.nta.filter.DisplayFilter;
import org.nta.filter.FilterException;
import org.nta.filter.FilteredSink;

import picocli.CommandLine.Option;

/** -Y FILTER for the commands that can restrict themselves to the traffic a display filter selects. */
final class FilterOption {
    @Option(names = {"-Y", "--filter"}, paramLabel = "FILTER",
            description = "Wireshark display filter: only the frames it selects (and what they complete) are counted or shown.")
    String text;

    private DisplayFilter compiled;

    boolean present() {
        return text != null && !text.isBlank();
    }

    DisplayFilter compile() {
        if (compiled == null && present()) {
            try {
                compiled = DisplayFilter.compile(text, AppFields.all(), ZoneOffset.UTC);
            } catch (FilterException e) {
                throw new CliError(e.caretMessage(), Main.EXIT_UNREADABLE);
            }
        }
        return compiled;
    }

    /** {@code target} behind the filter, or {@code target} itself without one. */
    FilteredSink wrap(PacketSink target) {
        return present() ? new FilteredSink(compile(), target) : null;
    }

    /** {@link #wrap} with a filter of its own, for a pipeline on another thread (a sensor analysed side by side). */
    FilteredSink wrapOwn(PacketSink target) {
        if (!present()) return null;
        compile(); // says what is wrong with it, once
        try {
            return new FilteredSink(DisplayFilter.compile(text, AppFields.all(), ZoneOffset.UTC), target);
        } catch (FilterException e) {
            throw new CliError(e.caretMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /** Whether the filter needs application parsing (it names HTTP, DNS, TLS or SSH). */
    boolean needsApp() {
        return present() && AppNeed.of(text);
    }
}
