package org.nta.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.filter.PacketView;
import org.nta.flow.Flow;

/**
 * One engine pass over a capture with every application parser on, handing each packet to a visitor as the
 * {@link PacketView} display filters see, with the events of that frame attached.
 */
public final class FilterPass {
    private FilterPass() {}

    /** Called for every packet, in frame order; the view is reused, so read it before returning. */
    public interface Visitor {
        void onPacket(PacketView view, Packet p, Flow flow);
    }

    public static void run(Path capture, Visitor visitor) throws Exception {
        PacketView view = new PacketView();
        List<Event> pending = new ArrayList<>(), current = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                pending.add(e);
            }

            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                current.clear();
                for (Event e : pending) if (e.frame() == p.frame.number) current.add(e);
                pending.clear();
                view.next(p, flow, fromA).setEvents(current);
                visitor.onPacket(view, p, flow);
            }
        };
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.all()));
        }
    }
}
