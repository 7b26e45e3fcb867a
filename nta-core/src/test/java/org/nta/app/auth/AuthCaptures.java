package org.nta.app.auth;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.testing.TestFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the engine with every parser over a capture of src/test/resources/auth and returns its events. */
public final class AuthCaptures {
    private AuthCaptures() {}

    public static Path path(String name) {
        return TestFiles.resources().resolve("auth").resolve(name);
    }

    public static List<Event> events(Path file) throws Exception {
        List<Event> out = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                out.add(e);
            }
        };
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.all()));
        }
        return out;
    }

    public static <T> List<T> of(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
