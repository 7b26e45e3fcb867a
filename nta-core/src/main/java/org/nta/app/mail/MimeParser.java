package org.nta.app.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nta.app.http.HeaderParams;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;

/**
 * Reads a whole Internet message (RFC 5322 headers, RFC 2045/2046 MIME body): its header fields, unfolded, and its
 * attachments decoded (base64, quoted-printable), following multipart nesting and attached messages within the
 * configured depth and part count.
 */
final class MimeParser {
    /** One header field, its value unfolded (line breaks removed, the white space after them kept). */
    record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    /** A leaf part named as a file or marked as an attachment, its content decoded. */
    record Attachment(String name, String declaredType, byte[] bytes) {}

    record Parsed(List<Header> headers, List<Attachment> attachments) {
        String first(String name) {
            for (Header h : headers) if (h.name().equalsIgnoreCase(name)) return h.value();
            return null;
        }
    }

    private final MailConfig config;
    private final AnomalyCounter anomalies;
    private final long frame;
    private final List<Attachment> attachments = new ArrayList<>();
    private int parts;
    private boolean depthCounted, partsCounted;

    private MimeParser(MailConfig config, AnomalyCounter anomalies, long frame) {
        this.config = config;
        this.anomalies = anomalies;
        this.frame = frame;
    }

    static Parsed parse(byte[] b, int len, MailConfig config, AnomalyCounter anomalies, long frame) {
        MimeParser p = new MimeParser(config, anomalies, frame);
        List<Header> top = new ArrayList<>();
        int body = headers(b, 0, len, top, config.maxHeaders());
        p.part(b, body, len, top, 0, "text/plain");
        return new Parsed(top, List.copyOf(p.attachments));
    }

    /** Reads the header block at {@code s} into {@code out}; returns where the body starts (after the empty line). */
    static int headers(byte[] b, int s, int e, List<Header> out, int max) {
        int i = s;
        StringBuilder name = null, value = null;
        while (i < e) {
            int lf = indexOf(b, (byte) '\n', i, e);
            int lineEnd = lf < 0 ? e : lf + 1;
            int contentEnd = lf < 0 ? e : lf;
            if (contentEnd > i && b[contentEnd - 1] == '\r') contentEnd--;
            if (contentEnd == i) { // the empty line ends the header block
                add(out, name, value, max);
                return lineEnd;
            }
            byte first = b[i];
            if ((first == ' ' || first == '\t') && value != null) {
                value.append(new String(b, i, contentEnd - i, StandardCharsets.ISO_8859_1));
            } else {
                add(out, name, value, max);
                name = null;
                value = null;
                int colon = indexOf(b, (byte) ':', i, contentEnd);
                if (colon > i) {
                    name = new StringBuilder(new String(b, i, colon - i, StandardCharsets.ISO_8859_1).strip());
                    int v = colon + 1;
                    while (v < contentEnd && (b[v] == ' ' || b[v] == '\t')) v++;
                    value = new StringBuilder(new String(b, v, contentEnd - v, StandardCharsets.ISO_8859_1));
                } else if (out.isEmpty() && name == null && !startsWith(b, i, contentEnd, "From ")) {
                    return i; // no header block: the body starts at once
                }
            }
            i = lineEnd;
        }
        add(out, name, value, max);
        return e;
    }

    private static void add(List<Header> out, StringBuilder name, StringBuilder value, int max) {
        if (name == null || out.size() >= max) return;
        // header bytes are read as ISO-8859-1 to keep them; 8-bit UTF-8 headers (RFC 6532) are shown as UTF-8
        byte[] raw = value.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.add(new Header(name.toString(), MailCodecs.text(raw, 0, raw.length)));
    }

    private void part(byte[] b, int s, int e, List<Header> headers, int depth, String defaultType) {
        String ct = first(headers, "content-type");
        String type = ct == null ? defaultType : HeaderParams.mainValue(ct);
        if (type.isEmpty()) type = defaultType;
        String disposition = first(headers, "content-disposition");
        boolean attachment = "attachment".equals(HeaderParams.mainValue(disposition));
        if (type.startsWith("multipart/")) {
            String boundary = ct == null ? null : HeaderParams.param(ct, "boundary");
            if (boundary != null && !boundary.isEmpty()) {
                if (depth + 1 > config.maxMimeDepth()) {
                    if (!depthCounted) anomalies.add(Anomaly.MAIL_MIME_DEPTH_LIMIT, frame);
                    depthCounted = true;
                    return;
                }
                multipart(b, s, e, boundary, depth + 1, type.equals("multipart/digest") ? "message/rfc822" : "text/plain");
                return;
            }
            anomalies.add(Anomaly.MAIL_MIME_MALFORMED, frame);
        }
        if (type.equals("message/rfc822") && depth > 0) {
            // an attached message: a file itself when marked as an attachment (named by its subject when it has no
            // file name), and its own attachments are files too
            List<Header> inner = new ArrayList<>();
            int body = headers(b, s, e, inner, config.maxHeaders());
            if (attachment) {
                String name = fileName(disposition, ct);
                if (name == null) name = MailOutput.emlName(MailCodecs.decodeWords(first(inner, "subject")));
                attachments.add(new Attachment(name, type, decode(b, s, e, first(headers, "content-transfer-encoding"))));
            }
            if (depth + 1 > config.maxMimeDepth()) {
                if (!depthCounted) anomalies.add(Anomaly.MAIL_MIME_DEPTH_LIMIT, frame);
                depthCounted = true;
                return;
            }
            part(b, body, e, inner, depth + 1, "text/plain");
            return;
        }
        String name = fileName(disposition, ct);
        if (!attachment && name == null) return; // an inline body
        attachments.add(new Attachment(name == null ? "" : name, ct == null ? null : type, decode(b, s, e, first(headers, "content-transfer-encoding"))));
    }

    private byte[] decode(byte[] b, int s, int e, String cte) {
        String enc = cte == null ? "" : cte.strip().toLowerCase(Locale.ROOT);
        if (enc.equals("base64")) {
            MailCodecs.Decoded d = MailCodecs.base64(b, s, e - s);
            if (d.invalid()) anomalies.add(Anomaly.MAIL_BASE64_INVALID, frame);
            return d.bytes();
        }
        if (enc.equals("quoted-printable")) {
            MailCodecs.Decoded d = MailCodecs.quotedPrintable(b, s, e - s);
            if (d.invalid()) anomalies.add(Anomaly.MAIL_QP_INVALID, frame);
            return d.bytes();
        }
        return java.util.Arrays.copyOfRange(b, s, e);
    }

    /** Splits a multipart body at its boundary lines and reads each part; the preamble and epilogue are skipped. */
    private void multipart(byte[] b, int s, int e, String boundary, int depth, String defaultType) {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int partStart = -1;
        int i = s;
        boolean closed = false;
        while (i < e) {
            int lf = indexOf(b, (byte) '\n', i, e);
            int lineEnd = lf < 0 ? e : lf + 1;
            if (startsWith(b, i, lineEnd, delim) && restIsDelimiter(b, i + delim.length, lineEnd)) {
                boolean close = i + delim.length + 1 < lineEnd && b[i + delim.length] == '-' && b[i + delim.length + 1] == '-';
                if (partStart >= 0) {
                    // the line break before the delimiter belongs to it
                    int pe = i;
                    if (pe > partStart && b[pe - 1] == '\n') pe--;
                    if (pe > partStart && b[pe - 1] == '\r') pe--;
                    if (!onePart(b, partStart, pe, depth, defaultType)) return;
                }
                if (close) {
                    closed = true;
                    break;
                }
                partStart = lineEnd;
            }
            i = lineEnd;
        }
        if (!closed) {
            anomalies.add(Anomaly.MAIL_MIME_MALFORMED, frame);
            if (partStart >= 0 && partStart < e) onePart(b, partStart, e, depth, defaultType);
        }
    }

    private boolean onePart(byte[] b, int s, int e, int depth, String defaultType) {
        if (++parts > config.maxMimeParts()) {
            if (!partsCounted) anomalies.add(Anomaly.MAIL_MIME_PART_LIMIT, frame);
            partsCounted = true;
            return false;
        }
        List<Header> hs = new ArrayList<>();
        int body = headersOfPart(b, s, e, hs);
        part(b, body, e, hs, depth, defaultType);
        return true;
    }

    /** A part's headers; a part that starts with an empty line has none. */
    private int headersOfPart(byte[] b, int s, int e, List<Header> hs) {
        if (s < e && (b[s] == '\n' || s + 1 < e && b[s] == '\r' && b[s + 1] == '\n')) return b[s] == '\n' ? s + 1 : s + 2;
        return headers(b, s, e, hs, config.maxHeaders());
    }

    private static boolean restIsDelimiter(byte[] b, int i, int lineEnd) {
        if (i + 1 < lineEnd && b[i] == '-' && b[i + 1] == '-') i += 2;
        for (; i < lineEnd; i++) if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') return false;
        return true;
    }

    /** The attachment's name: the disposition's filename (RFC 2231 filename* too), else the type's name parameter. */
    static String fileName(String disposition, String ct) {
        String n = paramOf(disposition, "filename");
        if (n == null) n = paramOf(ct, "name");
        return n;
    }

    private static String paramOf(String header, String name) {
        if (header == null) return null;
        var ps = HeaderParams.params(header);
        String ext = ps.get(name + "*");
        if (ext != null) return HeaderParams.decodeExtended(ext);
        if (ps.containsKey(name + "*0") || ps.containsKey(name + "*0*")) {
            StringBuilder sb = new StringBuilder();
            boolean encoded = false;
            for (int k = 0; k < 64; k++) {
                String plain = ps.get(name + "*" + k), enc = ps.get(name + "*" + k + "*");
                if (plain == null && enc == null) break;
                if (enc != null) encoded = true;
                sb.append(enc != null ? enc : plain);
            }
            return encoded ? HeaderParams.decodeExtended(sb.toString()) : sb.toString();
        }
        String v = ps.get(name);
        return v == null ? null : MailCodecs.decodeWords(v);
    }

    static String first(List<Header> hs, String name) {
        for (Header h : hs) if (h.name().equalsIgnoreCase(name)) return h.value();
        return null;
    }

    static int indexOf(byte[] b, byte v, int s, int e) {
        for (int i = s; i < e; i++) if (b[i] == v) return i;
        return -1;
    }

    private static boolean startsWith(byte[] b, int s, int e, String p) {
        return startsWith(b, s, e, p.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] b, int s, int e, byte[] p) {
        if (e - s < p.length) return false;
        for (int k = 0; k < p.length; k++) if (b[s + k] != p[k]) return false;
        return true;
    }
}
