package org.nta.report;

/**
 * Capture text in a Markdown report, outside code: shown as the characters it is, never as markup. Control characters
 * become '·' (a newline is kept where the caller allows it); {@code < > &} cannot open an HTML tag, entity or
 * autolink, {@code [ ]} a link (a {@code javascript:} URL in a URI must not become one), {@code |} a table cell; a
 * backslash before punctuation stays a backslash. CommonMark shows a backslash-escaped punctuation character as
 * itself, so the text reads the same rendered and raw.
 */
public final class MarkdownText {
    private MarkdownText() {}

    public static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 && ch != '\n' || ch == 0x7f) out.append('·');
            else if ("<>&[]|`".indexOf(ch) >= 0) out.append('\\').append(ch);
            else if (ch == '\\' && i + 1 < s.length() && isPunctuation(s.charAt(i + 1))) out.append("\\\\");
            else out.append(ch);
        }
        return out.toString();
    }

    private static boolean isPunctuation(char c) {
        return c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
    }
}
