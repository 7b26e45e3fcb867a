package org.nta.filter;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A compiled Wireshark display filter. Compile once, then call {@link #matches} for every frame:
 *
 * <pre>{@code
 * FieldRegistry fields = FieldRegistry.packetFields();
 * DisplayFilter f = DisplayFilter.compile("tcp.flags.syn == 1 && tcp.flags.ack == 0", fields);
 * if (f.matches(view)) ...
 * }</pre>
 *
 * Semantics are Wireshark 4.0's: a field absent from the frame makes a comparison false; {@code ==} is true when
 * any value equals, {@code !=} when all values differ, {@code ===} when all equal, {@code !==} when any differs;
 * {@code matches} is case-insensitive unless the pattern says {@code (?-i)}. An instance keeps scratch buffers
 * and must be used by one thread at a time; compile again for another thread.
 */
public final class DisplayFilter {
    private final String text;
    private final Node root;

    private DisplayFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Compiles with absolute-time literals (frame.time) read in UTC unless they name a zone. */
    public static DisplayFilter compile(String text, FieldRegistry fields) throws FilterException {
        return compile(text, fields, ZoneOffset.UTC);
    }

    /**
     * @param zone time zone for absolute-time literals that do not name one (Wireshark uses local time)
     * @throws FilterException with the position of the problem; {@link FilterException#caretMessage()} shows it
     */
    public static DisplayFilter compile(String text, FieldRegistry fields, ZoneId zone) throws FilterException {
        Ast ast = Parser.parse(text);
        return new DisplayFilter(text, new Compiler(text, fields, zone).compile(ast));
    }

    public boolean matches(FrameView frame) {
        return root.eval(frame);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
