package org.nta.detect.c2;

import java.io.ByteArrayOutputStream;

/** What alphabet a DNS label is written in, and decoding of the common ones (hex, base32, base64). */
final class Encodings {
    private Encodings() {}

    enum Kind {
        HEX("hex"), BASE32("base32"), BASE64("base64"), PLAIN("plain"), BINARY("binary");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    /**
     * The alphabet of a label of at least 12 characters that reads as encoded data: hex, base32 (RFC 4648, either
     * case, no mixed case), base64 (mixed case with digits, '+', '/', '-', '_', '='), escaped binary; else PLAIN.
     */
    static Kind classify(String label) {
        int n = label.length();
        if (n < 12) return Kind.PLAIN;
        boolean hex = true, b32 = true;
        int lower = 0, upper = 0, digits = 0, other = 0, specials = 0;
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (c == '\\') return Kind.BINARY;
            if (c >= 'a' && c <= 'z') lower++;
            else if (c >= 'A' && c <= 'Z') upper++;
            else if (c >= '0' && c <= '9') digits++;
            else if (c == '+' || c == '/' || c == '=' || c == '_') specials++;
            else if (c != '-') other++;
            char l = Character.toLowerCase(c);
            if (!((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) hex = false;
            if (!((l >= 'a' && l <= 'z') || (l >= '2' && l <= '7') || l == '=')) b32 = false;
        }
        if (other > 0) return Kind.BINARY;
        if (hex && digits > 0 && digits < n) return Kind.HEX;
        if (lower > 0 && upper > 0 && (digits > 0 || specials > 0 || lower * 4 < n * 3 && upper * 4 < n * 3)) {
            // mixed case in a long label is not how people write names
            return upper >= 3 && lower >= 3 ? Kind.BASE64 : Kind.PLAIN;
        }
        if (b32 && (lower == 0 || upper == 0) && digits > 0) return Kind.BASE32;
        if (specials > 0) return Kind.BASE64;
        return Kind.PLAIN;
    }

    static byte[] hex(String s) {
        int n = s.length() / 2;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return null;
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static byte[] base32(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buf = 0, bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c == '=') break;
            int v = c >= 'a' && c <= 'z' ? c - 'a' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) return null;
            buf = buf << 5 | v;
            bits += 5;
            if (bits >= 8) {
                out.write(buf >> (bits - 8) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    static byte[] base64(String s) {
        String t = s.replace('-', '+').replace('_', '/');
        int pad = t.indexOf('=');
        if (pad >= 0) t = t.substring(0, pad);
        int r = t.length() % 4;
        if (r == 1) t = t.substring(0, t.length() - 1);
        else if (r == 2) t += "==";
        else if (r == 3) t += "=";
        try {
            return java.util.Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes data written in the given alphabet, or null. */
    static byte[] decode(String s, Kind kind) {
        return switch (kind) {
            case HEX -> hex(s);
            case BASE32 -> base32(s);
            case BASE64 -> base64(s);
            default -> null;
        };
    }
}
