package org.nta.report.html;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * A small HTML/SVG builder that escapes by default. Text and attribute values always go through {@link #escape};
 * element and attribute names must be in this class's fixed lists (no {@code on…} handler, no {@code style}
 * attribute, no {@code src}), so a string from a capture can only ever become text. The one way to write markup
 * that is not escaped is {@link #trusted(Trusted)}, which takes the page's own constants (its style sheet and
 * script, defined in {@link Assets}), never a value built at run time.
 */
public final class Html {
    /** Markup owned by the report itself: only {@link Assets} creates these, from its constants. */
    public static final class Trusted {
        private final String markup;

        Trusted(String markup) {
            this.markup = java.util.Objects.requireNonNull(markup);
        }

        String markup() {
            return markup;
        }
    }

    private static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "script", "body",
            "header", "main", "footer", "nav", "section", "h1", "h2", "h3", "h4", "p", "div", "span", "ul", "ol", "li",
            "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "pre", "code", "a",
            "button", "input", "label", "textarea", "strong", "em", "small", "noscript", "b",
            "svg", "g", "rect", "line", "circle", "text", "path", "polyline", "defs", "marker", "desc");
    private static final Set<String> VOID = Set.of("meta", "input");
    private static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "name", "content", "http-equiv", "id", "class",
            "colspan", "hidden", "open", "type", "placeholder", "aria-label", "role", "title", "href", "download",
            "readonly", "tabindex", "for", "rows",
            "data-sev", "data-sort", "data-col", "data-kind", "data-filter", "data-n", "data-type", "data-key",
            "data-for", "data-value",
            "xmlns", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "d",
            "fill", "stroke", "stroke-width", "text-anchor", "dominant-baseline", "font-size", "points", "marker-end",
            "markerWidth", "markerHeight", "refX", "refY", "orient", "opacity", "preserveAspectRatio");

    private final StringBuilder sb;
    private final Deque<String> open = new ArrayDeque<>();

    public Html(int capacity) {
        sb = new StringBuilder(capacity);
    }

    /** Opens an element with attribute name/value pairs (a null value leaves the attribute out). */
    public Html open(String element, String... attrs) {
        start(element, attrs);
        if (!VOID.contains(element)) open.push(element);
        return this;
    }

    /** An element holding escaped text. */
    public Html el(String element, String text, String... attrs) {
        start(element, attrs);
        escape(text, sb);
        sb.append("</").append(element).append('>');
        return this;
    }

    /** A void element ({@code meta}, {@code input}), or an empty one closed at once. */
    public Html empty(String element, String... attrs) {
        start(element, attrs);
        if (!VOID.contains(element)) sb.append("</").append(element).append('>');
        return this;
    }

    public Html doctype() {
        sb.append("<!DOCTYPE html>\n");
        return this;
    }

    public Html close() {
        sb.append("</").append(open.pop()).append('>');
        return this;
    }

    public Html text(String s) {
        escape(s, sb);
        return this;
    }

    /** A line break in the source (keeps the page diffable); no markup. */
    public Html nl() {
        sb.append('\n');
        return this;
    }

    public Html trusted(Trusted t) {
        sb.append(t.markup());
        return this;
    }

    /** The page; every element opened was closed. */
    public String build() {
        if (!open.isEmpty()) throw new IllegalStateException("unclosed " + open);
        return sb.toString();
    }

    private void start(String element, String[] attrs) {
        if (!ELEMENTS.contains(element)) throw new IllegalArgumentException("element not allowed: " + element);
        if (attrs.length % 2 != 0) throw new IllegalArgumentException("attributes come in pairs");
        sb.append('<').append(element);
        for (int i = 0; i < attrs.length; i += 2) {
            String name = attrs[i], value = attrs[i + 1];
            if (!ATTRIBUTES.contains(name)) throw new IllegalArgumentException("attribute not allowed: " + name);
            if (value == null) continue;
            if (name.equals("href") && !value.startsWith("#")) {
                throw new IllegalArgumentException("href must be a fragment: " + value);
            }
            sb.append(' ').append(name).append("=\"");
            escape(value, sb);
            sb.append('"');
        }
        sb.append('>');
    }

    /**
     * Escapes for text and double-quoted attribute values; control characters other than tab and newline become
     * U+FFFD's visible stand-in (a middle dot), so binary payloads stay readable and the page stays valid.
     */
    static void escape(String s, StringBuilder out) {
        if (s == null) return;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) out.append('·');
                    else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else out.append('\uFFFD');
                    } else out.append(c);
                }
            }
        }
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        escape(s, sb);
        return sb.toString();
    }
}
