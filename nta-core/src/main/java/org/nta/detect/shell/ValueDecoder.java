package org.nta.detect.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.nta.app.http.UrlCodec;

/**
 * The readings of a request parameter's value a web shell may apply before running it: as sent (already URL-decoded
 * by the HTTP parser), base64 (standard or URL-safe alphabet, padding optional), hex, or URL-encoded once more.
 */
final class ValueDecoder {
    private ValueDecoder() {}

    /** One reading of a value. {@code encoding}: plain, base64, hex or url. */
    record Decoded(String text, String encoding) {
    }

    /** All readings that give printable text, "plain" first. */
    static List<Decoded> readings(String value) {
        List<Decoded> out = new ArrayList<>(3);
        if (value == null || value.isEmpty()) return out;
        out.add(new Decoded(value, "plain"));
        String b64 = base64(value);
        if (b64 != null) out.add(new Decoded(b64, "base64"));
        String hex = hex(value);
        if (hex != null) out.add(new Decoded(hex, "hex"));
        if (value.indexOf('%') >= 0) {
            String url = UrlCodec.decode(value, false);
            if (!url.equals(value) && Text.isPrintable(url)) out.add(new Decoded(url, "url"));
        }
        return out;
    }

    /** The first reading that parses as a command (preferring {@code preferred} when it is one), or null. */
    static Decoded command(String value, String preferred) {
        Decoded first = null;
        for (Decoded d : readings(value)) {
            if (CommandLine.parse(d.text) == null) continue;
            if (d.encoding.equals(preferred)) return d;
            if (first == null) first = d;
        }
        return first;
    }

    /** Base64 text as printable UTF-8, or null. */
    static String base64(String v) {
        String t = v.strip();
        if (t.length() < 4 || t.length() > 1 << 20) return null;
        boolean urlSafe = false;
        int pad = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '=') {
                pad++;
                continue;
            }
            if (pad > 0) return null;
            if (c == '-' || c == '_') urlSafe = true;
            else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) return null;
        }
        if (pad > 2) return null;
        String body = t.substring(0, t.length() - pad);
        if (body.length() % 4 == 1) return null;
        byte[] b;
        try {
            b = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body + "==".substring(0, (4 - body.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null; // not base64 after all: the caller keeps the plain reading
        }
        return printable(b);
    }

    /** Hex pairs as printable text, or null. */
    static String hex(String v) {
        String t = v.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
        if (t.length() < 4 || t.length() % 2 != 0) return null;
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int h = Character.digit(t.charAt(2 * i), 16), l = Character.digit(t.charAt(2 * i + 1), 16);
            if (h < 0 || l < 0) return null;
            b[i] = (byte) (h << 4 | l);
        }
        return printable(b);
    }

    /** PowerShell's -EncodedCommand: base64 of UTF-16LE text, or null. */
    static String utf16Base64(String v) {
        try {
            byte[] b = Base64.getDecoder().decode(v.strip());
            if (b.length < 2 || b.length % 2 != 0) return null;
            String s = new String(b, StandardCharsets.UTF_16LE);
            return Text.isPrintable(s) ? s : null;
        } catch (IllegalArgumentException e) {
            return null; // not base64: no encoded command
        }
    }

    private static String printable(byte[] b) {
        if (b.length == 0) return null;
        String s = new String(b, StandardCharsets.UTF_8);
        return Text.isPrintable(s) ? s : null;
    }
}
