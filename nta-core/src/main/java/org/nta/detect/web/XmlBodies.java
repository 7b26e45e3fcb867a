package org.nta.detect.web;

import java.util.Locale;

import org.nta.event.HttpRequest;

/**
 * An XML request body (SOAP, UPnP control, WS-Discovery metadata exchange, XML APIs) split into what carries client
 * data, so that the attack rules read values and not the markup of the document. XML markup is full of what a
 * payload in a form field would be: a quote closing an attribute right before the next tag ({@code "><s:Body>}),
 * namespaces and URLs; read as one value, every SOAP envelope looked like a tag break (issue 11: a router's UPnP SOAP
 * exchange read as cross-site scripting). Each piece is handed to a {@link Sink}:
 * <ul>
 *   <li>{@link Kind#TAG}: one start or end tag, or a processing instruction, as sent (only script-execution markers
 *       are looked for in it: a {@code <script>} or {@code <svg onload=…>} element in the body is still script);</li>
 *   <li>{@link Kind#TEXT}: the text of an element, the content of a CDATA section or comment, or an attribute value,
 *       as sent (the decoder undoes its character references), read like a form value;</li>
 *   <li>{@link Kind#DECLARATION}: a DOCTYPE with its internal subset (entities: XXE), read like a value.</li>
 * </ul>
 * The split is lexical and lenient: malformed XML (a payload pasted into a template) still yields its tags and text.
 */
final class XmlBodies {
    enum Kind { TAG, TEXT, DECLARATION }

    interface Sink {
        /** @param name the element (or {@code element@attribute}) the piece belongs to, or null */
        void piece(Kind kind, String name, String text);
    }

    private XmlBodies() {}

    /**
     * True when a request's body is XML: an XML media type ({@code text/xml}, {@code application/soap+xml},
     * {@code application/*+xml}), a SOAPAction header, or a body without a specific type that starts as an XML
     * document ({@code <?xml}).
     */
    static boolean isXml(String contentTypeLower, HttpRequest r, String body) {
        if (contentTypeLower.contains("xml")) return true;
        if (r.headers().contains("soapaction")) return true;
        if (contentTypeLower.isEmpty() || contentTypeLower.startsWith("text/plain")) {
            int i = 0;
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) i++;
            return body.startsWith("<?xml", i);
        }
        return false;
    }

    /** Splits {@code body} into pieces, in order. */
    static void split(String body, Sink sink) {
        int n = body.length(), i = 0;
        String element = null;
        while (i < n) {
            int lt = body.indexOf('<', i);
            int textEnd = lt < 0 ? n : lt;
            if (textEnd > i && !blank(body, i, textEnd)) sink.piece(Kind.TEXT, element, body.substring(i, textEnd));
            if (lt < 0) break;
            if (body.startsWith("<![CDATA[", lt)) {
                int end = body.indexOf("]]>", lt + 9);
                sink.piece(Kind.TEXT, element, body.substring(lt + 9, end < 0 ? n : end));
                i = end < 0 ? n : end + 3;
            } else if (body.startsWith("<!--", lt)) {
                int end = body.indexOf("-->", lt + 4);
                String comment = body.substring(lt + 4, end < 0 ? n : end);
                if (!blank(comment, 0, comment.length())) sink.piece(Kind.TEXT, element, comment);
                i = end < 0 ? n : end + 3;
            } else if (body.startsWith("<!", lt)) {
                int end = declarationEnd(body, lt);
                sink.piece(Kind.DECLARATION, null, body.substring(lt, end));
                i = end;
            } else {
                int end = tagEnd(body, lt);
                String tag = body.substring(lt, end);
                sink.piece(Kind.TAG, null, tag);
                if (!tag.startsWith("<?") && !tag.startsWith("</")) {
                    String name = tagName(tag);
                    if (name != null) element = name;
                    attributes(tag, name, sink);
                }
                i = end;
            }
        }
    }

    private static boolean blank(String s, int from, int to) {
        for (int k = from; k < to; k++) if (!Character.isWhitespace(s.charAt(k))) return false;
        return true;
    }

    /** Just past the '>' that closes the tag at {@code lt} (quoted '>' skipped), or the end of the body. */
    private static int tagEnd(String s, int lt) {
        char quote = 0;
        for (int k = lt + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return k + 1;
            } else if (c == '<') {
                return k; // a new tag starts before this one closed: malformed, keep the pieces apart
            }
        }
        // an unclosed quote: end at the first '>' after all
        int gt = s.indexOf('>', lt + 1);
        return gt < 0 ? s.length() : gt + 1;
    }

    /** A DOCTYPE (with an internal subset in brackets) or another declaration: just past its closing '>'. */
    private static int declarationEnd(String s, int lt) {
        int depth = 0;
        for (int k = lt + 2; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '[') depth++;
            else if (c == ']') depth = Math.max(0, depth - 1);
            else if (c == '>' && depth == 0) return k + 1;
        }
        return s.length();
    }

    private static String tagName(String tag) {
        int k = 1;
        while (k < tag.length() && Character.isWhitespace(tag.charAt(k))) k++;
        int start = k;
        while (k < tag.length() && !Character.isWhitespace(tag.charAt(k)) && tag.charAt(k) != '>' && tag.charAt(k) != '/') k++;
        return k > start ? tag.substring(start, Math.min(k, start + 64)).toLowerCase(Locale.ROOT) : null;
    }

    /** Quoted attribute values of one start tag (unquoted ones are not XML, and the TAG piece still shows them). */
    private static void attributes(String tag, String element, Sink sink) {
        int k = 0;
        while (true) {
            int eq = tag.indexOf('=', k);
            if (eq < 0) return;
            int v = eq + 1;
            while (v < tag.length() && Character.isWhitespace(tag.charAt(v))) v++;
            if (v >= tag.length()) return;
            char q = tag.charAt(v);
            if (q != '"' && q != '\'') {
                k = v;
                continue;
            }
            int close = tag.indexOf(q, v + 1);
            if (close < 0) close = tag.length();
            int ne = eq;
            while (ne > 0 && Character.isWhitespace(tag.charAt(ne - 1))) ne--;
            int ns = ne;
            while (ns > 0 && !Character.isWhitespace(tag.charAt(ns - 1)) && tag.charAt(ns - 1) != '"' && tag.charAt(ns - 1) != '\'') ns--;
            String attr = tag.substring(ns, ne).toLowerCase(Locale.ROOT);
            String value = tag.substring(v + 1, close);
            if (!value.isEmpty() && !attr.startsWith("xmlns")) sink.piece(Kind.TEXT, (element == null ? "" : element) + "@" + attr, value);
            k = Math.min(tag.length(), close + 1);
        }
    }
}
