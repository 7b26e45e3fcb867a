package org.nta.capture;

import java.nio.charset.StandardCharsets;

/** Says what a file looks like when it is not a capture, so the error message can name it. */
public final class ContentSniffer {
    private ContentSniffer() {}

    public static String describe(byte[] b, int len) {
        if (len == 0) return "an empty file";
        if (starts(b, len, 0x89, 'P', 'N', 'G')) return "a PNG image";
        if (starts(b, len, 0xff, 0xd8, 0xff)) return "a JPEG image";
        if (startsText(b, len, "GIF8")) return "a GIF image";
        if (startsText(b, len, "%PDF")) return "a PDF document";
        if (starts(b, len, 'P', 'K', 3, 4)) return "a ZIP archive";
        if (starts(b, len, 0x7f, 'E', 'L', 'F')) return "an ELF executable";
        if (starts(b, len, 'M', 'Z')) return "a Windows executable";
        if (starts(b, len, 0xca, 0xfe, 0xba, 0xbe)) return "a Java class file";
        if (startsText(b, len, "BZh")) return "bzip2-compressed data (decompress it first)";
        if (starts(b, len, 0x04, 0x22, 0x4d, 0x18)) return "LZ4-compressed data (decompress it first)";
        if (startsText(b, len, "snoop\0\0\0")) return "a Sun snoop capture (convert it to pcap with editcap)";
        if (starts(b, len, 0x52, 0x54, 0x53, 0x53)) return "a Windows Network Monitor capture (convert it with editcap)";
        if (startsText(b, len, "XCP\0")) return "an Agilent/NetXray capture (convert it with editcap)";
        if (len > 262 && new String(b, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) return "a tar archive";
        if (looksLikeText(b, len)) {
            String head = new String(b, 0, Math.min(len, 64), StandardCharsets.ISO_8859_1).trim().toLowerCase();
            if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "an HTML page";
            if (head.startsWith("<?xml")) return "an XML document";
            if (head.startsWith("{") || head.startsWith("[")) return "JSON or other text";
            if (head.startsWith("#!")) return "a script";
            return "a text file";
        }
        return "data of an unknown kind (first bytes " + org.nta.bytes.Bytes.hex(b, 0, Math.min(len, 8)) + ")";
    }

    private static boolean starts(byte[] b, int len, int... sig) {
        if (len < sig.length) return false;
        for (int i = 0; i < sig.length; i++) if ((b[i] & 0xff) != sig[i]) return false;
        return true;
    }

    private static boolean startsText(byte[] b, int len, String s) {
        if (len < s.length()) return false;
        for (int i = 0; i < s.length(); i++) if (b[i] != (byte) s.charAt(i)) return false;
        return true;
    }

    private static boolean looksLikeText(byte[] b, int len) {
        int n = Math.min(len, 512);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c) return false;
            if (c == 0x7f) return false;
        }
        return true;
    }
}
