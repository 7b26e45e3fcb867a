package org.nta.app.http;

import java.util.Locale;

/**
 * One layer of Content-Encoding, decoded as the body streams in (push style), writing to a {@link ByteSink}. Corrupt
 * input ends in {@link State#ERROR}, never an exception; a sink refusing output ends in {@link State#STOPPED}.
 */
interface ContentDecoder {
    enum State { RUNNING, DONE, ERROR, STOPPED }

    void feed(byte[] b, int off, int len);

    /** End of the encoded input: flush, release native resources. */
    void finish();

    State state();

    /**
     * A decoder for one coding name ("gzip", "x-gzip", "deflate", "br"), or null for codings NTA does not decode.
     *
     * @param maxBuffered bound on encoded bytes a decoder may buffer (brotli decodes at the end)
     */
    static ContentDecoder forName(String coding, ByteSink out, long maxBuffered) {
        return switch (coding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new InflateDecoder(InflateDecoder.Format.GZIP, out);
            case "deflate" -> new InflateDecoder(InflateDecoder.Format.DEFLATE, out);
            case "br" -> new BrotliDecoder(out, maxBuffered);
            default -> null;
        };
    }
}
