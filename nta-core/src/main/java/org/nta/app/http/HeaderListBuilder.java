package org.nta.app.http;

import org.nta.event.HttpHeader;
import org.nta.event.HttpHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collects header lines (of a message, its trailers or a multipart part): {@code name: value}, obsolete line folding
 * joined with one space, at most {@code maxHeaders} kept. Lines past the limit are still kept when they decide
 * framing or decoding, so a flood of headers cannot hide a Content-Length.
 */
final class HeaderListBuilder {
    private static final Set<String> ALWAYS_KEPT = Set.of("content-length", "transfer-encoding", "content-encoding",
            "content-type", "connection", "upgrade", "host", "content-disposition");

    private final int maxHeaders;
    private final HeaderLineCache cache = HeaderLineCache.get();
    private final List<HttpHeader> headers = new ArrayList<>();
    private int lines;
    private boolean lastKept;
    private int malformed;

    HeaderListBuilder(int maxHeaders) {
        this.maxHeaders = maxHeaders;
    }

    /** Ready for the next head (a builder is reused: {@link #build} copies what it made). */
    void clear() {
        headers.clear();
        lines = 0;
        lastKept = false;
        malformed = 0;
    }

    /** One line without its line ending. Returns false when it is not a header line (counted in {@link #malformed}). */
    boolean line(byte[] b, int off, int end) {
        if (end > off && (b[off] == ' ' || b[off] == '\t')) {
            if (lines == 0) {
                malformed++;
                return false;
            }
            if (lastKept) {
                String more = trim(b, off, end);
                HttpHeader last = headers.get(headers.size() - 1);
                String joined = last.value().isEmpty() ? more : more.isEmpty() ? last.value() : last.value() + " " + more;
                headers.set(headers.size() - 1, new HttpHeader(last.name(), joined));
            }
            return true;
        }
        HttpHeader seen = cache.find(b, off, end);
        if (seen != null) { // a well-formed line met before: the same name and value
            lines++;
            keep(seen);
            return true;
        }
        int colon = -1;
        for (int i = off; i < end; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= off) {
            malformed++;
            return false;
        }
        int nameEnd = colon;
        boolean bad = false;
        while (nameEnd > off && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) {
            nameEnd--;
            bad = true; // whitespace before the colon: RFC 7230 3.2.4 says reject; keep it, count it
        }
        for (int i = off; i < nameEnd; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f) bad = true;
        }
        if (bad) malformed++;
        if (nameEnd == off) return false;
        lines++;
        String name = UrlCodec.utf8OrLatin1(b, off, nameEnd - off);
        HttpHeader h = new HttpHeader(name, trim(b, colon + 1, end));
        if (!bad) cache.put(b, off, end, h);
        keep(h);
        return !bad;
    }

    private void keep(HttpHeader h) {
        if (headers.size() < maxHeaders || ALWAYS_KEPT.contains(h.name().toLowerCase(Locale.ROOT))) {
            headers.add(h);
            lastKept = true;
        } else {
            lastKept = false;
        }
    }

    private static String trim(byte[] b, int off, int end) {
        while (off < end && (b[off] == ' ' || b[off] == '\t')) off++;
        while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\t')) end--;
        return UrlCodec.utf8OrLatin1(b, off, end - off);
    }

    /** Header lines seen (kept or not). */
    int lines() {
        return lines;
    }

    boolean overflowed() {
        return lines > headers.size();
    }

    int malformed() {
        return malformed;
    }

    HttpHeaders build() {
        return new HttpHeaders(headers);
    }
}
