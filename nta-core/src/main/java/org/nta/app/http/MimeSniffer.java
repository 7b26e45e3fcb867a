package org.nta.app.http;

import java.nio.charset.StandardCharsets;

/**
 * Content type from a file's first bytes (magic numbers, then text shapes), independent of what the sender declared:
 * a PHP web shell uploaded as {@code image/jpeg} is still {@code application/x-httpd-php}.
 */
public final class MimeSniffer {
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String EMPTY = "application/x-empty";
    /** Bytes looked at for text shapes. */
    private static final int TEXT_WINDOW = 1024;

    private MimeSniffer() {}

    public static String sniff(byte[] b) {
        return sniff(b, 0, b.length);
    }

    public static String sniff(byte[] b, int off, int len) {
        if (len <= 0) return EMPTY;
        String magic = magic(b, off, len);
        if (magic != null) {
            // GIF89a;<?php ... : an image header in front of a script, the classic upload-filter bypass
            if (magic.startsWith("image/") && containsIgnoreCase(b, off, off + Math.min(len, TEXT_WINDOW), "<?php")) {
                return "application/x-httpd-php";
            }
            return magic;
        }
        return text(b, off, len);
    }

    private static String magic(byte[] b, int off, int len) {
        if (starts(b, off, len, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
        if (starts(b, off, len, 0xff, 0xd8, 0xff)) return "image/jpeg";
        if (starts(b, off, len, "GIF87a") || starts(b, off, len, "GIF89a")) return "image/gif";
        if (starts(b, off, len, "BM") && len >= 14 && b[off + 6] == 0 && b[off + 7] == 0) return "image/bmp";
        if (starts(b, off, len, 0, 0, 1, 0) && len >= 6) return "image/vnd.microsoft.icon";
        if (starts(b, off, len, "RIFF") && len >= 12 && at(b, off, len, 8, "WEBP")) return "image/webp";
        if (starts(b, off, len, "%PDF-")) return "application/pdf";
        if (starts(b, off, len, 'P', 'K', 3, 4) || starts(b, off, len, 'P', 'K', 5, 6)
                || starts(b, off, len, 'P', 'K', 7, 8)) return "application/zip";
        if (starts(b, off, len, 0x1f, 0x8b)) return "application/gzip";
        if (starts(b, off, len, "BZh")) return "application/x-bzip2";
        if (starts(b, off, len, 0xfd, '7', 'z', 'X', 'Z', 0)) return "application/x-xz";
        if (starts(b, off, len, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) return "application/x-7z-compressed";
        if (starts(b, off, len, "Rar!\u001a\u0007")) return "application/vnd.rar";
        if (starts(b, off, len, 0x28, 0xb5, 0x2f, 0xfd)) return "application/zstd";
        if (starts(b, off, len, 0x7f, 'E', 'L', 'F')) return "application/x-executable";
        if (starts(b, off, len, "MZ")) return "application/vnd.microsoft.portable-executable";
        if (starts(b, off, len, 0xca, 0xfe, 0xba, 0xbe)) return "application/java-vm";
        if (starts(b, off, len, 0xcf, 0xfa, 0xed, 0xfe) || starts(b, off, len, 0xce, 0xfa, 0xed, 0xfe))
            return "application/x-mach-binary";
        if (starts(b, off, len, 0, 'a', 's', 'm')) return "application/wasm";
        if (starts(b, off, len, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "application/x-ole-storage";
        if (len >= 12 && at(b, off, len, 4, "ftyp")) return "video/mp4";
        if (starts(b, off, len, "ID3") || starts(b, off, len, 0xff, 0xfb)) return "audio/mpeg";
        if (starts(b, off, len, "OggS")) return "application/ogg";
        if (starts(b, off, len, 0xd4, 0xc3, 0xb2, 0xa1) || starts(b, off, len, 0xa1, 0xb2, 0xc3, 0xd4)
                || starts(b, off, len, 0x0a, 0x0d, 0x0d, 0x0a)) return "application/vnd.tcpdump.pcap";
        return null;
    }

    private static String text(byte[] b, int off, int len) {
        int n = Math.min(len, TEXT_WINDOW);
        if (!looksLikeText(b, off, n)) return OCTET_STREAM;
        int i = off;
        int end = off + n;
        if (n >= 3 && (b[i] & 0xff) == 0xef && (b[i + 1] & 0xff) == 0xbb && (b[i + 2] & 0xff) == 0xbf) i += 3;
        if (startsIgnoreCase(b, i, end, "<?php") || startsIgnoreCase(b, i, end, "<?=")) return "application/x-httpd-php";
        if (startsIgnoreCase(b, i, end, "#!")) return "text/x-shellscript";
        while (i < end && isSpace(b[i])) i++;
        if (startsIgnoreCase(b, i, end, "<?php")) return "application/x-httpd-php";
        if (startsIgnoreCase(b, i, end, "<!doctype html") || startsIgnoreCase(b, i, end, "<html")
                || startsIgnoreCase(b, i, end, "<head") || startsIgnoreCase(b, i, end, "<body")
                || startsIgnoreCase(b, i, end, "<script") || startsIgnoreCase(b, i, end, "<iframe")
                || startsIgnoreCase(b, i, end, "<title") || startsIgnoreCase(b, i, end, "<!--")
                || startsIgnoreCase(b, i, end, "<div") || startsIgnoreCase(b, i, end, "<p>")
                || startsIgnoreCase(b, i, end, "<a ") || startsIgnoreCase(b, i, end, "<table")
                || startsIgnoreCase(b, i, end, "<meta") || startsIgnoreCase(b, i, end, "<h1")) return "text/html";
        if (startsIgnoreCase(b, i, end, "<?xml")) {
            String head = new String(b, i, Math.min(end - i, 256), StandardCharsets.ISO_8859_1);
            return head.contains("<svg") ? "image/svg+xml" : "application/xml";
        }
        if (startsIgnoreCase(b, i, end, "<svg")) return "image/svg+xml";
        if (i < end && (b[i] == '{' || b[i] == '[') && looksLikeJson(b, i, end)) return "application/json";
        if (containsIgnoreCase(b, i, end, "<?php")) return "application/x-httpd-php";
        return "text/plain";
    }

    /** '{' or '[' followed (after spaces) by a character JSON allows there. */
    private static boolean looksLikeJson(byte[] b, int i, int end) {
        byte open = b[i++];
        while (i < end && isSpace(b[i])) i++;
        if (i == end) return true;
        byte c = b[i];
        if (open == '{') return c == '"' || c == '}';
        return c == '"' || c == '{' || c == '[' || c == ']' || c == '-' || (c >= '0' && c <= '9') || c == 't'
                || c == 'f' || c == 'n';
    }

    /** No NUL and few control bytes: printable ASCII, whitespace or bytes of UTF-8/Latin-1 text. */
    static boolean looksLikeText(byte[] b, int off, int n) {
        int bad = 0;
        for (int i = off; i < off + n; i++) {
            int c = b[i] & 0xff;
            if (c == 0) return false;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c && c != 0x1b) bad++;
        }
        return bad * 50 <= n;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0c;
    }

    private static boolean starts(byte[] b, int off, int len, int... sig) {
        if (len < sig.length) return false;
        for (int i = 0; i < sig.length; i++) if ((b[off + i] & 0xff) != (sig[i] & 0xff)) return false;
        return true;
    }

    private static boolean starts(byte[] b, int off, int len, String sig) {
        return at(b, off, len, 0, sig);
    }

    private static boolean at(byte[] b, int off, int len, int pos, String sig) {
        if (len < pos + sig.length()) return false;
        for (int i = 0; i < sig.length(); i++) if ((b[off + pos + i] & 0xff) != sig.charAt(i)) return false;
        return true;
    }

    private static boolean startsIgnoreCase(byte[] b, int i, int end, String sig) {
        if (end - i < sig.length()) return false;
        for (int k = 0; k < sig.length(); k++) {
            if (Character.toLowerCase((char) (b[i + k] & 0xff)) != sig.charAt(k)) return false;
        }
        return true;
    }

    private static boolean containsIgnoreCase(byte[] b, int from, int end, String sig) {
        for (int i = from; i <= end - sig.length(); i++) if (startsIgnoreCase(b, i, end, sig)) return true;
        return false;
    }
}
