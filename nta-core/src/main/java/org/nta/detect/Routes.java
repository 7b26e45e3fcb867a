package org.nta.detect;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nta.event.Event;
import org.nta.flow.Flow;

/**
 * Which detectors a released flow or an event goes to. A detector that does not override {@link Detector#onFlowEnd}
 * or {@link Detector#onEvent} (or {@link Detector#onPacket}) is not called for them, and one that names its {@link Detector#eventTypes()} is
 * called only for events of those types; the rest see everything, as before. The order among the detectors called
 * is the order they were given in, so findings do not change. Lists are built once per event class (a capture
 * makes a few dozen) and kept.
 */
final class Routes {
    private static final Detector[] NONE = new Detector[0];

    private final List<Detector> forEvents = new ArrayList<>();
    private final Detector[] forFlows;
    private final Detector[] forPackets;
    private final Map<Class<?>, Detector[]> byClass = new IdentityHashMap<>();
    private Class<?> lastClass;
    private Detector[] lastRoute;

    Routes(List<Detector> detectors) {
        List<Detector> flows = new ArrayList<>(), packets = new ArrayList<>();
        for (Detector d : detectors) {
            if (d.readsPackets() || overrides(d, "onPacket", org.nta.decode.Packet.class, Flow.class, boolean.class)) packets.add(d);
            if (overrides(d, "onFlowEnd", Flow.class)) flows.add(d);
            if (overrides(d, "onEvent", Event.class)) forEvents.add(d);
        }
        this.forFlows = flows.toArray(NONE);
        this.forPackets = packets.toArray(NONE);
    }

    Detector[] packets() {
        return forPackets;
    }

    Detector[] flows() {
        return forFlows;
    }

    Detector[] events(Event e) {
        Class<?> c = e.getClass();
        if (c == lastClass) return lastRoute;
        Detector[] r = byClass.get(c);
        if (r == null) {
            List<Detector> to = new ArrayList<>();
            for (Detector d : forEvents) if (wants(d, c)) to.add(d);
            r = to.toArray(NONE);
            byClass.put(c, r);
        }
        lastClass = c;
        lastRoute = r;
        return r;
    }

    private static boolean wants(Detector d, Class<?> c) {
        List<Class<? extends Event>> types = d.eventTypes();
        if (types == null) return true;
        for (Class<? extends Event> t : types) if (t.isAssignableFrom(c)) return true;
        return false;
    }

    private static boolean overrides(Detector d, String method, Class<?>... parameters) {
        try {
            return d.getClass().getMethod(method, parameters).getDeclaringClass() != Detector.class;
        } catch (NoSuchMethodException e) {
            return true; // cannot tell: call it
        }
    }
}
