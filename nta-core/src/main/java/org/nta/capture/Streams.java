package org.nta.capture;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/** Turns stream failures into one-line messages for people. */
final class Streams {
    private Streams() {}

    static String describe(IOException e) {
        if (e instanceof EOFException) return "the compressed stream ends early";
        if (e instanceof ZipException) return "corrupt gzip data (" + e.getMessage() + ")";
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
