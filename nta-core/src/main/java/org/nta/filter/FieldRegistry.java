package org.nta.filter;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.nta.event.Event;

/**
 * The fields a display filter may name. {@link #packetFields()} gives a new registry with the packet-level fields
 * (frame, eth, vlan, ip, ipv6, tcp, udp, icmp, ...); application layers add theirs with {@link #register},
 * {@link #registerProtocol} or {@link #registerEventField}, before filters are compiled against the registry.
 */
public final class FieldRegistry {
    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** A new registry holding every packet-level field. */
    public static FieldRegistry packetFields() {
        FieldRegistry r = new FieldRegistry();
        PacketFields.registerAll(r);
        return r;
    }

    /** Adds a field; a name may be registered once. */
    public FieldRegistry register(Field field) {
        Field old = fields.putIfAbsent(field.name(), field);
        if (old != null) throw new IllegalArgumentException("field '" + field.name() + "' is already registered");
        return this;
    }

    public FieldRegistry register(String name, FieldType type, Extractor extractor) {
        return register(Field.of(name, type, extractor));
    }

    /** A protocol name that tests presence only ({@code http}, {@code dns}). */
    public FieldRegistry registerProtocol(String name, Predicate<FrameView> present) {
        return register(Field.of(name, FieldType.PROTOCOL, (v, out) -> {
            if (present.test(v)) out.addPresent();
        }));
    }

    /**
     * A field read from the application events completed on the frame: for every event of class {@code type} in
     * {@link FrameView#events()}, {@code emit} appends that event's values (none when the event lacks the field).
     * Example: {@code registerEventField("http.host", FieldType.STRING, HttpRequest.class, (e, out) -> {
     * if (e.host() != null) out.addString(e.host()); })}.
     */
    public <E extends Event> FieldRegistry registerEventField(String name, FieldType valueType, Class<E> type,
                                                             BiConsumer<? super E, Values> emit) {
        return register(name, valueType, (v, out) -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) {
                Event e = events.get(i);
                if (type.isInstance(e)) emit.accept(type.cast(e), out);
            }
        });
    }

    /** The field of that name, or null. */
    public Field get(String name) {
        return fields.get(name);
    }

    public boolean contains(String name) {
        return fields.containsKey(name);
    }

    /** Every field in registration order. */
    public Collection<Field> all() {
        return Collections.unmodifiableCollection(fields.values());
    }
}
