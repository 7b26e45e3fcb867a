package org.nta.filter;

/**
 * Reads one field's values from a frame. Appends nothing when the field is absent, once per occurrence otherwise.
 * Packet-level extractors must not allocate: they push primitives into the reusable {@link Values}.
 */
@FunctionalInterface
public interface Extractor {
    void extract(FrameView frame, Values out);
}
