package org.nta.event;

/** Where parsers send their events. */
@FunctionalInterface
public interface EventSink {
    void emit(Event event);
}
