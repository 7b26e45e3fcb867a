package org.nta.filter;

/**
 * A display filter that cannot be compiled: the message, the filter and where in it the problem is, shown as tshark
 * shows it (the message, the filter indented by four spaces, and a caret under the offending text).
 */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String filter;
    private final int position;
    private final int length;

    public FilterException(String message, String filter, int position, int length) {
        super(message);
        this.filter = filter;
        this.position = Math.max(0, Math.min(position, filter.length()));
        this.length = Math.max(1, length);
    }

    public String filter() {
        return filter;
    }

    /** 0-based index in the filter text where the problem starts. */
    public int position() {
        return position;
    }

    /** Characters the problem spans (at least 1). */
    public int length() {
        return length;
    }

    /** The message, then the filter, then a caret line: "    ^~~~". */
    public String caretMessage() {
        return getMessage() + "\n    " + filter + "\n    " + caretLine();
    }

    /** Spaces up to the position, a caret, and a tilde for each further character of the offending text. */
    public String caretLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < position; i++) sb.append(filter.charAt(i) == '\t' ? '\t' : ' ');
        sb.append('^');
        int end = Math.min(filter.length(), position + length);
        for (int i = position + 1; i < end; i++) sb.append('~');
        return sb.toString();
    }
}
