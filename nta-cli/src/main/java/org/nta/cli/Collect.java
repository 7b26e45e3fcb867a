package org.nta.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.nta.decode.Packet;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.filter.FilteredSink;
import org.nta.flow.Flow;
import org.nta.report.FileExtractor;

/** Sinks the commands share: the events of one kind with the capture's start time, and files written as they come. */
final class Collect {
    private Collect() {}

    /** Keeps every event of one type, and the first frame's time (the reference for relative times). */
    static final class Events<T extends Event> implements PacketSink {
        private final Class<T> type;
        private final List<T> items = new ArrayList<>();
        private long startNs = Long.MIN_VALUE;

        Events(Class<T> type) {
            this.type = type;
        }

        @Override
        public void onPacket(Packet p, Flow flow, boolean fromA) {
            if (startNs == Long.MIN_VALUE) startNs = p.frame.epochNanos();
        }

        @Override
        public void onEvent(Event e) {
            if (type.isInstance(e)) items.add(type.cast(e));
        }

        /** The events in frame order; with a filter, only those on frames it selected. */
        List<T> sorted(FilteredSink selected) {
            List<T> out = new ArrayList<>(items);
            if (selected != null) out.removeIf(e -> !selected.matched(e.frame()));
            out.sort(Comparator.comparingLong(Event::frame));
            return out;
        }

        long startNs() {
            return startNs == Long.MIN_VALUE ? 0 : startNs;
        }
    }

    /**
     * Hands on events of one type once the filter (run before this sink) has judged their frames: a parser emits an
     * event before the frame that completed it is passed on, so the decision waits for that frame.
     */
    static <T extends Event> PacketSink afterFilter(Class<T> type, FilteredSink selected, java.util.function.Consumer<T> use) {
        return new PacketSink() {
            private final List<T> pending = new ArrayList<>();

            @Override
            public void onEvent(Event e) {
                if (type.isInstance(e)) pending.add(type.cast(e));
            }

            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                if (!pending.isEmpty()) drain(p.frame.number);
            }

            @Override
            public void onFinish(org.nta.pipeline.CaptureSummary summary) {
                drain(Long.MAX_VALUE);
            }

            private void drain(long upTo) {
                List<T> later = new ArrayList<>();
                for (T e : pending) {
                    if (e.frame() > upTo) later.add(e);
                    else if (selected == null || selected.matched(e.frame()) || firstFrameMatched(e)) use.accept(e);
                }
                pending.clear();
                pending.addAll(later);
            }

            private boolean firstFrameMatched(T e) {
                if (e instanceof HttpFileObject f) return selected.matched(f.firstFrame());
                if (e instanceof org.nta.event.TransferredFile f) return selected.matched(f.firstFrame());
                if (e instanceof org.nta.event.HttpTransaction t) return t.request() != null && selected.matched(t.request().frame());
                return false;
            }
        };
    }

    /**
     * Writes each HTTP file object to the extractor as soon as it is complete (no file waits in memory).
     *
     * @param forms whether urlencoded forms as sent count as objects (Export Objects lists them; analyze's evidence
     *              already shows their decoded fields)
     */
    static PacketSink files(FileExtractor extractor, FilteredSink selected, List<FileExtractor.Entry> entries,
                            boolean forms) {
        PacketSink http = afterFilter(HttpFileObject.class, selected, f -> {
            if (!forms && f.source() == HttpFileObject.Source.FORM) return;
            try {
                FileExtractor.Entry entry = extractor != null ? extractor.add(f) : FileExtractor.describe(f);
                if (entries != null) entries.add(entry);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        });
        // files of other protocols (FTP transfers and listings, mail messages and attachments, SMB files), in the same manifest
        PacketSink other = afterFilter(org.nta.event.TransferredFile.class, selected, f -> {
            try {
                FileExtractor.Entry entry = extractor != null ? extractor.add(f) : FileExtractor.describe(f);
                if (entries != null) entries.add(entry);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        });
        return both(http, other);
    }

    /** One sink that passes everything to {@code a}, then to {@code b}. */
    static PacketSink both(PacketSink a, PacketSink b) {
        return new PacketSink() {
            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                a.onPacket(p, flow, fromA);
                b.onPacket(p, flow, fromA);
            }

            @Override
            public void onFlowEnd(Flow flow) {
                a.onFlowEnd(flow);
                b.onFlowEnd(flow);
            }

            @Override
            public void onEvent(Event e) {
                a.onEvent(e);
                b.onEvent(e);
            }

            @Override
            public void onFinish(org.nta.pipeline.CaptureSummary summary) {
                a.onFinish(summary);
                b.onFinish(summary);
            }
        };
    }

    /** The sinks a command runs: its own, and the filter's when there is one. */
    static List<PacketSink> with(FilteredSink selected, PacketSink... sinks) {
        List<PacketSink> all = new ArrayList<>();
        if (selected != null) all.add(selected);
        all.addAll(List.of(sinks));
        return all;
    }
}
