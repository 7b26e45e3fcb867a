package org.nta.app.http;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;

import java.util.List;
import java.util.Locale;

/**
 * How a message's body is delimited (RFC 9112 section 6.3): none, Content-Length, chunked, or the end of the
 * connection.
 */
record Framing(Kind kind, long length) {
    enum Kind { NONE, LENGTH, CHUNKED, CLOSE }

    static final Framing NONE = new Framing(Kind.NONE, 0);
    static final Framing CHUNKED = new Framing(Kind.CHUNKED, -1);
    static final Framing CLOSE = new Framing(Kind.CLOSE, -1);

    /**
     * @param requestMethod for a response, the method of the request it answers (null when unknown)
     */
    static Framing of(HttpHead head, String requestMethod, AnomalyCounter anomalies, long frame) {
        boolean request = head.isRequest();
        if (!request) {
            int s = head.status();
            if ("HEAD".equalsIgnoreCase(requestMethod) || s < 200 || s == 204 || s == 304) return NONE;
            if ("CONNECT".equalsIgnoreCase(requestMethod) && s < 300) return NONE;
        }
        List<String> te = head.headers().all("Transfer-Encoding");
        List<String> cl = head.headers().all("Content-Length");
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) anomalies.add(Anomaly.HTTP_TE_CL_CONFLICT, frame);
            String all = String.join(",", te).toLowerCase(Locale.ROOT);
            String[] codings = all.split(",");
            if (codings[codings.length - 1].trim().equals("chunked")) return CHUNKED;
            anomalies.add(Anomaly.HTTP_MALFORMED, frame);
            return request ? NONE : CLOSE;
        }
        if (!cl.isEmpty()) {
            long len = contentLength(cl);
            if (len >= 0) return len == 0 ? NONE : new Framing(Kind.LENGTH, len);
            anomalies.add(Anomaly.HTTP_MALFORMED, frame);
            return request ? NONE : CLOSE;
        }
        return request ? NONE : CLOSE;
    }

    /** The Content-Length all values agree on (a list of equal values is allowed), or -1. */
    static long contentLength(List<String> values) {
        long result = -1;
        for (String v : values) {
            if (v.indexOf(',') < 0) { // the usual single value, without splitting
                long n = digits(v.trim());
                if (n < 0 || result >= 0 && result != n) return -1;
                result = n;
                continue;
            }
            for (String part : v.split(",", -1)) {
                long n = digits(part.trim());
                if (n < 0 || result >= 0 && result != n) return -1;
                result = n;
            }
        }
        return result;
    }

    /** A run of 1 to 18 decimal digits as a number, or -1. */
    private static long digits(String p) {
        if (p.isEmpty() || p.length() > 18) return -1;
        long n = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
