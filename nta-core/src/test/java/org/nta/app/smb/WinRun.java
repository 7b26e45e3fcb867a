package org.nta.app.smb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.testing.TestFiles;

/** Runs the engine with every parser on a capture of the Windows tests and keeps its events. */
public final class WinRun {
    private WinRun() {}

    public record Result(List<Event> events, CaptureSummary summary) {
        public <T> List<T> of(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (Event e : events) if (type.isInstance(e)) out.add(type.cast(e));
            return out;
        }
    }

    public static Path file(String name) {
        return TestFiles.resources().resolve("win").resolve(name);
    }

    public static Result run(Path file) {
        List<Event> events = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                events.add(e);
            }
        };
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            CaptureSummary s = new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.all()));
            return new Result(events, s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
