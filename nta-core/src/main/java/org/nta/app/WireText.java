package org.nta.app;

/**
 * Text taken from packets, made safe to print the way Wireshark's {@code format_text} does it, so that names and
 * strings compare equal to what tshark prints: printable ASCII and printable UTF-8 as themselves, other ASCII as C
 * escapes ({@code \n}, {@code \000}), other Unicode as {@code \}{@code uXXXX}, invalid UTF-8 as U+FFFD. Nothing
 * here allocates more than the result.
 */
public final class WireText {
    private static final int REPLACEMENT = 0xFFFD;

    private WireText() {}

    /** Bytes expected to be UTF-8, as Wireshark's {@code format_text} shows them. */
    public static String format(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        int i = off, end = off + len;
        while (i < end) {
            int c = b[i++] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else if (c < 0x80) {
                escapeAscii(sb, c);
            } else {
                int more, cp;
                if ((c & 0xe0) == 0xc0) {
                    more = 1;
                    cp = c & 0x1f;
                } else if ((c & 0xf0) == 0xe0) {
                    more = 2;
                    cp = c & 0x0f;
                } else if ((c & 0xf8) == 0xf0) {
                    more = 3;
                    cp = c & 0x07;
                } else if ((c & 0xfc) == 0xf8) {
                    more = 4;
                    cp = c & 0x03;
                } else if ((c & 0xfe) == 0xfc) {
                    more = 5;
                    cp = c & 0x01;
                } else {
                    more = -1;
                    cp = REPLACEMENT;
                }
                for (int k = 0; k < more; k++) {
                    if (i >= end || (b[i] & 0xc0) != 0x80) {
                        cp = REPLACEMENT; // incomplete: the octet is looked at again as a new character
                        break;
                    }
                    cp = (cp << 6) | (b[i++] & 0x3f);
                }
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) cp = REPLACEMENT;
                appendCodePoint(sb, cp);
            }
        }
        return sb.toString();
    }

    /**
     * Bytes read as ASCII (Wireshark's {@code ENC_ASCII}): octets above 0x7f become U+FFFD, control characters are
     * escaped.
     */
    public static String ascii(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else if (c < 0x80) escapeAscii(sb, c);
            else sb.append((char) REPLACEMENT);
        }
        return sb.toString();
    }

    /** Whether every octet is printable ASCII (0x20-0x7e). */
    public static boolean isPrintableAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c >= 0x7f) return false;
        }
        return true;
    }

    private static void appendCodePoint(StringBuilder sb, int cp) {
        if (isPrintable(cp)) {
            sb.appendCodePoint(cp);
        } else if (cp < 0x80) {
            escapeAscii(sb, cp);
        } else if (cp <= 0xffff) {
            sb.append("\\u").append(hex(cp, 4));
        } else {
            sb.append("\\U").append(hex(cp, 8));
        }
    }

    /** glib's g_unichar_isprint: anything but control, format, unassigned and surrogate code points. */
    private static boolean isPrintable(int cp) {
        int t = Character.getType(cp);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.UNASSIGNED
                && t != Character.SURROGATE;
    }

    private static void escapeAscii(StringBuilder sb, int c) {
        sb.append('\\');
        switch (c) {
            case 0x07 -> sb.append('a');
            case 0x08 -> sb.append('b');
            case 0x0c -> sb.append('f');
            case 0x0a -> sb.append('n');
            case 0x0d -> sb.append('r');
            case 0x09 -> sb.append('t');
            case 0x0b -> sb.append('v');
            default -> sb.append((char) ('0' + ((c >> 6) & 7))).append((char) ('0' + ((c >> 3) & 7)))
                    .append((char) ('0' + (c & 7)));
        }
    }

    private static String hex(int v, int digits) {
        String h = Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
