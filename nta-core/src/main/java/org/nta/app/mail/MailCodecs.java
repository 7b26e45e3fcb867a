package org.nta.app.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Content transfer encodings and RFC 2047 encoded words, decoded leniently (bad input is reported, not thrown). */
final class MailCodecs {
    private MailCodecs() {}

    /** A decoding and whether the input had characters or a shape the encoding does not allow. */
    record Decoded(byte[] bytes, boolean invalid) {}

    private static int b64(int c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    }

    /**
     * Base64 (MIME: line breaks and other white space skipped); characters outside the alphabet are skipped and make
     * the result invalid, as do data after padding and a dangling sixth of a byte.
     */
    static Decoded base64(byte[] b, int off, int len) {
        byte[] out = new byte[len / 4 * 3 + 3];
        int n = 0, acc = 0, bits = 0;
        boolean invalid = false, padded = false;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
            if (c == '=') {
                padded = true;
                continue;
            }
            int v = b64(c);
            if (v < 0 || padded) {
                invalid = true;
                if (v < 0) continue;
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        if (bits >= 6) invalid = true;
        return new Decoded(java.util.Arrays.copyOf(out, n), invalid);
    }

    static Decoded base64(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return base64(b, 0, b.length);
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    /**
     * Quoted-printable: {@code =XX} octets, soft line breaks ({@code =} at the end of a line) removed, trailing white
     * space of lines kept as sent; a stray {@code =} is kept and makes the result invalid.
     */
    static Decoded quotedPrintable(byte[] b, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        boolean invalid = false;
        int end = off + len;
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c != '=') {
                out.write(c);
                continue;
            }
            int j = i + 1;
            while (j < end && (b[j] == ' ' || b[j] == '\t')) j++;
            if (j < end && b[j] == '\n') {
                i = j;
                continue;
            }
            if (j + 1 < end && b[j] == '\r' && b[j + 1] == '\n') {
                i = j + 1;
                continue;
            }
            if (j == end) {
                i = j;
                continue;
            }
            int h = i + 2 < end ? hex(b[i + 1]) : -1, l = i + 2 < end ? hex(b[i + 2]) : -1;
            if (h >= 0 && l >= 0) {
                out.write(h << 4 | l);
                i += 2;
            } else {
                invalid = true;
                out.write(c);
            }
        }
        return new Decoded(out.toByteArray(), invalid);
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) return StandardCharsets.ISO_8859_1;
        int star = name.indexOf('*'); // RFC 2231 language
        String n = (star >= 0 ? name.substring(0, star) : name).trim();
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * A header value with its RFC 2047 encoded words ({@code =?charset?B?…?=}, {@code =?charset?Q?…?=}) decoded; white
     * space between two encoded words is dropped, other text is kept as sent (read as ISO-8859-1 or UTF-8 when it is
     * valid UTF-8).
     */
    static String decodeWords(String v) {
        if (v == null || !v.contains("=?")) return v;
        StringBuilder out = new StringBuilder(v.length());
        int i = 0, n = v.length();
        int lastWordEnd = -1;
        while (i < n) {
            int start = v.indexOf("=?", i);
            if (start < 0) {
                out.append(v, i, n);
                break;
            }
            int q1 = v.indexOf('?', start + 2);
            int q2 = q1 < 0 ? -1 : v.indexOf('?', q1 + 1);
            int stop = q2 < 0 ? -1 : v.indexOf("?=", q2 + 1);
            if (q1 < 0 || q2 != q1 + 2 || stop < 0) {
                out.append(v, i, Math.min(n, start + 2));
                i = start + 2;
                continue;
            }
            String between = v.substring(i, start);
            if (!(lastWordEnd == i && between.isBlank())) out.append(between);
            String cs = v.substring(start + 2, q1);
            char enc = Character.toUpperCase(v.charAt(q1 + 1));
            String text = v.substring(q2 + 1, stop);
            byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes;
            if (enc == 'B') {
                bytes = base64(raw, 0, raw.length).bytes();
            } else if (enc == 'Q') {
                for (int k = 0; k < raw.length; k++) if (raw[k] == '_') raw[k] = ' ';
                bytes = quotedPrintable(raw, 0, raw.length).bytes();
            } else {
                out.append(v, start, stop + 2);
                i = stop + 2;
                lastWordEnd = -1;
                continue;
            }
            out.append(new String(bytes, charset(cs)));
            i = stop + 2;
            lastWordEnd = i;
        }
        return out.toString();
    }

    /** Bytes read as UTF-8 when they are valid UTF-8, else as ISO-8859-1. */
    static String text(byte[] b, int off, int len) {
        var dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(b, off, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}
