package org.nta.capture;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/** Turns stream failures into one-line messages for people, and tells a cut-off stream from a broken one. */
final class Streams {
    private Streams() {}

    static String describe(IOException e) {
        if (cutOff(e)) return "the compressed stream ends early";
        if (e instanceof ZipException) return "corrupt gzip data (" + e.getMessage() + ")";
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A compressed stream that ends early is a cut-off file ({@code truncated}); any other failure is an I/O error. */
    static ReadProblem.Kind kind(IOException e) {
        return cutOff(e) ? ReadProblem.Kind.TRUNCATED : ReadProblem.Kind.IO_ERROR;
    }

    /** gzip and xz say so with an EOFException, zstd (aircompressor) with its own message. */
    private static boolean cutOff(IOException e) {
        return e instanceof EOFException || "Not enough input bytes".equals(e.getMessage());
    }

    /**
     * A decompressor's stream with its runtime failures (aircompressor throws MalformedInputException, an unchecked
     * exception, on corrupt zstd data) turned into I/O errors, which the readers report as the point reading stopped.
     */
    static InputStream guarded(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (RuntimeException e) {
                    throw corrupt(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (RuntimeException e) {
                    throw corrupt(e);
                }
            }
        };
    }

    private static IOException corrupt(RuntimeException e) {
        String m = e.getMessage();
        return new IOException("corrupt compressed data" + (m == null || m.isBlank() ? "" : " (" + m + ")"), e);
    }
}
