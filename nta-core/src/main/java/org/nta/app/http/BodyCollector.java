package org.nta.app.http;

import org.nta.event.HttpBody;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Collects one message body as it streams in: counts the bytes sent, undoes Content-Encoding (bounded by
 * {@code maxDecompressedBytes}), hashes every decoded byte and keeps the first {@code keepBytes} of them. Memory is
 * bounded by the keep limit plus the decoders' fixed buffers, whatever the body's size.
 */
final class BodyCollector {
    private final String contentEncoding;
    private final int keepBytes;
    private final long maxDecoded;
    /** Made on the first decoded byte: most messages (GET requests, 304s) have no body. */
    private MessageDigest sha;
    private final List<ContentDecoder> decoders = new ArrayList<>(1);
    private ByteSink entry;
    private boolean unsupported;
    private boolean limitHit;
    private boolean gap;
    private long length;
    private long decodedLength;
    private byte[] kept = new byte[0];
    private int keptLen;

    private final boolean hash;

    BodyCollector(String contentEncoding, HttpConfig config, int keepBytes) {
        this(contentEncoding, config, keepBytes, true);
    }

    BodyCollector(String contentEncoding, HttpConfig config, int keepBytes, boolean hash) {
        this.hash = hash;
        this.contentEncoding = contentEncoding;
        this.keepBytes = keepBytes;
        this.maxDecoded = config.maxDecompressedBytes();
        ByteSink sink = this::decoded;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            String[] codings = contentEncoding.split(",");
            if (codings.length > config.maxContentEncodings()) {
                unsupported = true;
            } else {
                // "gzip, br": gzip was applied first, so br is undone first
                for (String c : codings) {
                    if (c.trim().equalsIgnoreCase("identity") || c.isBlank()) continue;
                    ContentDecoder d = ContentDecoder.forName(c, sink, config.maxDecompressedBytes());
                    if (d == null) {
                        unsupported = true;
                        decoders.clear();
                        break;
                    }
                    decoders.add(0, d);
                    sink = feeder(d);
                }
            }
        }
        entry = unsupported ? this::decoded : sink;
    }

    private static ByteSink feeder(ContentDecoder d) {
        return (b, off, len) -> {
            d.feed(b, off, len);
            return d.state() == ContentDecoder.State.RUNNING || d.state() == ContentDecoder.State.DONE;
        };
    }

    /** The body is announced as {@code n} bytes long: keep room for them at once instead of growing as they come. */
    void expect(long n) {
        if (kept.length == 0 && n > 0 && keepBytes > 0) kept = new byte[(int) Math.min(keepBytes, n)];
    }

    /** Body bytes as sent (after chunked framing is removed). */
    void wire(byte[] b, int off, int len) {
        if (len <= 0) return;
        length += len;
        if (gap && !decoders.isEmpty()) return; // cannot decode across missing bytes
        entry.accept(b, off, len);
    }

    /** {@code n} body bytes were not captured. */
    void gap(long n) {
        gap = true;
    }

    private boolean decoded(byte[] b, int off, int len) {
        if (!decoders.isEmpty() && decodedLength + len > maxDecoded) {
            len = (int) (maxDecoded - decodedLength);
            limitHit = true;
        }
        if (len <= 0) return !limitHit;
        decodedLength += len;
        if (hash) {
            if (sha == null) sha = sha256();
            sha.update(b, off, len);
        }
        if (keptLen < keepBytes) {
            int n = Math.min(len, keepBytes - keptLen);
            if (keptLen + n > kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min(keepBytes, Math.max(keptLen + n, Math.max(256L, kept.length * 2L))));
            }
            System.arraycopy(b, off, kept, keptLen, n);
            keptLen += n;
        }
        return !limitHit;
    }

    /** Ends the body; {@code incomplete} when the message did not end normally. */
    Collected finish(boolean incomplete) {
        for (ContentDecoder d : decoders) d.finish();
        HttpBody.Decoding decoding = decodingOutcome();
        String digest = !hash ? "" : sha == null ? HttpBody.EMPTY_SHA256 : HexFormat.of().formatHex(sha.digest());
        return new Collected(length, decodedLength, digest,
                keptLen == kept.length ? kept : Arrays.copyOf(kept, keptLen), contentEncoding, decoding,
                incomplete || gap);
    }

    private HttpBody.Decoding decodingOutcome() {
        if (unsupported) return length == 0 ? HttpBody.Decoding.IDENTITY : HttpBody.Decoding.UNSUPPORTED;
        if (decoders.isEmpty() || length == 0) return HttpBody.Decoding.IDENTITY;
        if (limitHit) return HttpBody.Decoding.LIMIT;
        for (ContentDecoder d : decoders) {
            if (d.state() == ContentDecoder.State.STOPPED) return HttpBody.Decoding.LIMIT;
        }
        if (gap) return HttpBody.Decoding.GAP;
        for (ContentDecoder d : decoders) {
            if (d.state() != ContentDecoder.State.DONE) return HttpBody.Decoding.ERROR;
        }
        return HttpBody.Decoding.DECODED;
    }

    static MessageDigest sha256() {
        return org.nta.bytes.Digests.sha256();
    }

    /**
     * A finished body: everything kept (up to the larger of the body and file limits), to be cut to the event's
     * and the file object's limits.
     */
    record Collected(long length, long decodedLength, String sha256, byte[] kept, String contentEncoding,
                     HttpBody.Decoding decoding, boolean incomplete) {
        HttpBody toBody(int maxBodyBytes) {
            byte[] b = kept.length <= maxBodyBytes ? kept : Arrays.copyOf(kept, maxBodyBytes);
            return new HttpBody(length, decodedLength, sha256, b, b.length < decodedLength, contentEncoding,
                    decoding, incomplete);
        }

        byte[] prefix(int max) {
            return kept.length <= max ? kept : Arrays.copyOf(kept, max);
        }
    }
}
