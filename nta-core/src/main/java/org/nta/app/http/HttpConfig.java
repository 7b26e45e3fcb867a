package org.nta.app.http;

/**
 * Limits of the HTTP/1.x parser. Every limit bounds memory or work per connection; hitting one is counted as an
 * {@link org.nta.bytes.Anomaly} and never throws.
 *
 * @param maxHeaderBytes       start line plus header lines (and trailers) of one message; beyond it the message is
 *                             dropped (http.header_too_long) and the direction resynchronises on the next start line
 * @param maxHeaders           header lines kept per message; further lines are still read for framing but not kept
 *                             (http.too_many_headers)
 * @param maxChunkLineBytes    one chunk-size line including extensions (http.chunk_malformed beyond it)
 * @param maxPendingRequests   requests waiting for their response (pipelining); beyond it the oldest is reported
 *                             unanswered (http.pipeline_limit)
 * @param maxBodyBytes         decoded body bytes kept in request/response events and multipart parts
 *                             (http.body_truncated); the rest is counted and hashed, not stored
 * @param maxFileBytes         decoded bytes kept per file object (http.file_truncated); 0 keeps none (hash and size
 *                             only, and not counted as truncated), which is what a run that does not extract files
 *                             wants
 * @param maxDecompressedBytes decoded output of one body's Content-Encoding (http.decompress_limit); also bounds the
 *                             encoded bytes buffered for brotli, which is decoded at the end of the body
 * @param maxContentEncodings  layers of Content-Encoding decoded ("gzip, br" is two)
 * @param maxMultipartParts    parts parsed per multipart body (http.multipart_malformed beyond it)
 * @param maxTunnelHoldBytes   client bytes held after a CONNECT request until its response says whether they are
 *                             tunnel data or the next request
 * @param hashRequestBodies    compute the SHA-256 of request bodies (uploads); without it their sha256 is empty and
 *                             no upload file objects are made
 * @param hashResponseBodies   the same for response bodies (downloads): hashing every download costs more than
 *                             parsing, so runs that do not report downloads turn it off
 */
public record HttpConfig(int maxHeaderBytes, int maxHeaders, int maxChunkLineBytes, int maxPendingRequests,
                         int maxBodyBytes, int maxFileBytes, long maxDecompressedBytes, int maxContentEncodings,
                         int maxMultipartParts, int maxTunnelHoldBytes, boolean hashRequestBodies,
                         boolean hashResponseBodies) {
    /** Limits with every body hashed. */
    public HttpConfig(int maxHeaderBytes, int maxHeaders, int maxChunkLineBytes, int maxPendingRequests, int maxBodyBytes,
                      int maxFileBytes, long maxDecompressedBytes, int maxContentEncodings, int maxMultipartParts,
                      int maxTunnelHoldBytes) {
        this(maxHeaderBytes, maxHeaders, maxChunkLineBytes, maxPendingRequests, maxBodyBytes, maxFileBytes,
                maxDecompressedBytes, maxContentEncodings, maxMultipartParts, maxTunnelHoldBytes, true, true);
    }

    public static final int KIB = 1024;
    public static final int MIB = 1024 * KIB;

    public HttpConfig {
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxHeaders", maxHeaders);
        positive("maxChunkLineBytes", maxChunkLineBytes);
        positive("maxPendingRequests", maxPendingRequests);
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes < 0");
        if (maxFileBytes < 0) throw new IllegalArgumentException("maxFileBytes < 0");
        positive("maxDecompressedBytes", maxDecompressedBytes);
        if (maxContentEncodings < 0) throw new IllegalArgumentException("maxContentEncodings < 0");
        positive("maxMultipartParts", maxMultipartParts);
        if (maxTunnelHoldBytes < 0) throw new IllegalArgumentException("maxTunnelHoldBytes < 0");
    }

    /** 64 KiB of headers, 256 header lines, 1 MiB bodies, 64 MiB files, 64 MiB decompressed. */
    public static HttpConfig defaults() {
        return new HttpConfig(64 * KIB, 256, 4 * KIB, 64, MIB, 64 * MIB, 64L * MIB, 3, 256, 64 * KIB);
    }

    /** The same limits but no file bytes kept (for runs that only report transactions). */
    public HttpConfig withMaxFileBytes(int bytes) {
        return new HttpConfig(maxHeaderBytes, maxHeaders, maxChunkLineBytes, maxPendingRequests, maxBodyBytes, bytes,
                maxDecompressedBytes, maxContentEncodings, maxMultipartParts, maxTunnelHoldBytes, hashRequestBodies, hashResponseBodies);
    }

    public HttpConfig withMaxBodyBytes(int bytes) {
        return new HttpConfig(maxHeaderBytes, maxHeaders, maxChunkLineBytes, maxPendingRequests, bytes, maxFileBytes,
                maxDecompressedBytes, maxContentEncodings, maxMultipartParts, maxTunnelHoldBytes, hashRequestBodies, hashResponseBodies);
    }

    /** Keeps which bodies are hashed (the ten-limit constructor would turn hashing back on for both). */
    public HttpConfig withMaxDecompressedBytes(long bytes) {
        return new HttpConfig(maxHeaderBytes, maxHeaders, maxChunkLineBytes, maxPendingRequests, maxBodyBytes,
                maxFileBytes, bytes, maxContentEncodings, maxMultipartParts, maxTunnelHoldBytes, hashRequestBodies, hashResponseBodies);
    }

    public HttpConfig withMaxHeaderBytes(int bytes) {
        return new HttpConfig(bytes, maxHeaders, maxChunkLineBytes, maxPendingRequests, maxBodyBytes, maxFileBytes,
                maxDecompressedBytes, maxContentEncodings, maxMultipartParts, maxTunnelHoldBytes, hashRequestBodies, hashResponseBodies);
    }

    /** Which bodies are hashed (and so can become file objects). */
    public HttpConfig withHashing(boolean requests, boolean responses) {
        return new HttpConfig(maxHeaderBytes, maxHeaders, maxChunkLineBytes, maxPendingRequests, maxBodyBytes, maxFileBytes,
                maxDecompressedBytes, maxContentEncodings, maxMultipartParts, maxTunnelHoldBytes, requests, responses);
    }

    /** The larger of the two keep limits: what a body collector must hold to serve both. */
    int keepBytes() {
        return Math.max(maxBodyBytes, maxFileBytes);
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be > 0");
    }
}
