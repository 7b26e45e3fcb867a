package org.nta.app.http;

import org.nta.bytes.Bytes;
import org.nta.event.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * multipart/form-data (RFC 7578, RFC 2046 section 5.1) over a body held in memory: preamble and epilogue skipped,
 * delimiters found at line starts (CRLF, or bare LF from sloppy clients), transport padding after a delimiter
 * allowed, part headers with folding, Content-Disposition {@code name}, {@code filename} and {@code filename*}.
 * Returns where each part's content lies in the body, so callers can hash and cut it without copying twice.
 */
final class MultipartParser {
    private MultipartParser() {}

    /**
     * One part: its content is {@code body[start, end)}.
     *
     * @param incomplete the part's closing delimiter was not found (body cut short)
     */
    record Part(HttpHeaders headers, String name, String filename, String contentType, int start, int end,
                boolean incomplete) {
    }

    /**
     * @param malformed the body does not follow the format (no delimiter, garbage after a delimiter, no closing
     *                  delimiter although the body is complete, too many parts, part headers too long)
     */
    record Result(List<Part> parts, boolean malformed) {
    }

    /** The boundary parameter of a multipart Content-Type (quotes removed), or null. */
    static String boundary(String contentType) {
        if (!HeaderParams.mainValue(contentType).startsWith("multipart/")) return null;
        String b = HeaderParams.param(contentType, "boundary");
        return b == null || b.isEmpty() || b.length() > 200 ? null : b;
    }

    /**
     * @param complete the body was seen whole (not truncated, not cut): a missing close delimiter is then malformed
     */
    static Result parse(byte[] body, int len, String boundary, boolean complete, int maxParts, int maxHeaderBytes,
                        int maxHeaders) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] lfDash = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int p;
        if (startsWith(body, 0, len, dash)) p = 0;
        else {
            int i = Bytes.indexOf(body, 0, len, lfDash);
            if (i < 0) return new Result(parts, complete);
            p = i + 1;
        }
        while (true) {
            int q = p + dash.length;
            if (q + 2 <= len && body[q] == '-' && body[q + 1] == '-') return new Result(parts, false); // close
            while (q < len && (body[q] == ' ' || body[q] == '\t')) q++;
            if (q >= len) return new Result(parts, complete);
            if (body[q] == '\r') q++;
            if (q >= len) return new Result(parts, complete);
            if (body[q] != '\n') return new Result(parts, true);
            q++;
            if (parts.size() >= maxParts) return new Result(parts, true);
            // part headers up to the empty line
            HeaderListBuilder headers = new HeaderListBuilder(maxHeaders);
            int headerStart = q;
            while (true) {
                int lf = Bytes.indexOf(body, q, len, (byte) '\n');
                if (lf < 0 || lf + 1 - headerStart > maxHeaderBytes) return new Result(parts, complete || lf >= 0);
                int lineStart = q;
                int le = lf > lineStart && body[lf - 1] == '\r' ? lf - 1 : lf;
                q = lf + 1;
                if (le == lineStart) break;
                headers.line(body, lineStart, le);
            }
            int start = q;
            int next = Bytes.indexOf(body, start, len, lfDash);
            HttpHeaders h = headers.build();
            String disposition = h.first("Content-Disposition");
            String name = HeaderParams.param(disposition, "name");
            String ext = HeaderParams.param(disposition, "filename*");
            String filename = ext != null ? HeaderParams.decodeExtended(ext) : HeaderParams.param(disposition, "filename");
            String type = h.first("Content-Type");
            if (next < 0) {
                parts.add(new Part(h, name, filename, type, start, len, true));
                return new Result(parts, complete);
            }
            int end = next > start && body[next - 1] == '\r' ? next - 1 : next;
            parts.add(new Part(h, name, filename, type, start, end, false));
            p = next + 1;
        }
    }

    private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len - off < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[off + i] != prefix[i]) return false;
        return true;
    }
}
