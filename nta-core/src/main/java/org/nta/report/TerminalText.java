package org.nta.report;

/** Text from the wire made harmless for a terminal; shared by every command that prints capture strings. */
public final class TerminalText {
    private TerminalText() {}

    /**
     * Every control character (C0, DEL and the C1 range, where U+009B is an 8-bit CSI and U+009D an OSC), every
     * format character (bidirectional overrides and isolates that would reorder a line, zero-width characters), line
     * and paragraph separators and unpaired surrogates become a middle dot, so a string from the capture cannot move
     * the cursor, recolour, retitle or rewrite what the analyst reads, nor start a line of its own. Returns the same
     * instance when there is nothing to replace (no allocation on ordinary text).
     */
    public static String safe(String s) {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            int t = Character.getType(cp);
            boolean bad = t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                    || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
            if (bad && sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
            if (sb != null) {
                if (bad) sb.append('·');
                else sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }
}
