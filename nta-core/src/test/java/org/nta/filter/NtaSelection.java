package org.nta.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.engine.PacketSink;
import org.nta.flow.Flow;

/** Runs many compiled filters over one capture in a single engine pass and keeps the frame numbers each selects. */
final class NtaSelection {
    private NtaSelection() {}

    static List<List<Long>> select(Path capture, List<DisplayFilter> filters) throws Exception {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) out.add(new ArrayList<>());
        PacketView view = new PacketView();
        List<org.nta.event.Event> pending = new ArrayList<>(), current = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(org.nta.event.Event e) {
                pending.add(e);
            }

            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                current.clear();
                for (org.nta.event.Event e : pending) if (e.frame() == p.frame.number) current.add(e);
                pending.clear();
                view.next(p, flow, fromA).setEvents(current);
                for (int i = 0; i < filters.size(); i++) if (filters.get(i).matches(view)) out.get(i).add(p.frame.number);
            }
        };
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new org.nta.app.AppDispatcher(org.nta.app.AppConfig.all()));
        }
        return out;
    }
}
