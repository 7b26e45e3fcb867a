package org.nta.app.ftp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.decode.Proto;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.flow.Flow;
import org.nta.testing.TestFiles;

/** Runs the engine with every parser over a capture of test resources/ftp and keeps its events and flow labels. */
public final class FtpCaptures {
    public final List<Event> events = new ArrayList<>();
    /** Per tcp.stream, the protocol the app layer gave it (null: none). */
    public final java.util.Map<Integer, Proto> labels = new java.util.TreeMap<>();

    public static Path file(String name) {
        return TestFiles.resources().resolve("ftp").resolve(name);
    }

    public static FtpCaptures run(String name) throws Exception {
        return run(file(name), AppConfig.all());
    }

    public static FtpCaptures run(Path capture, AppConfig app) throws Exception {
        return run(capture, new AppDispatcher(app));
    }

    public static FtpCaptures run(Path capture, org.nta.pipeline.AppLayer app) throws Exception {
        FtpCaptures r = new FtpCaptures();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                r.events.add(e);
            }

            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                if (flow != null && flow.isTcp()) r.labels.put(flow.stream(), flow.app);
            }
        };
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), app);
        }
        return r;
    }

    public <T extends Event> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : events) if (type.isInstance(e)) out.add(type.cast(e));
        return out;
    }
}
