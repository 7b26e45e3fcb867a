package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nta.event.HttpHeader;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.MultipartPart;

/** The places of an HTTP request where a command or a payload can travel, decoded. */
final class RequestTexts {
    private RequestTexts() {}

    /** A request parameter: {@code source} is query, form (urlencoded body), multipart, cookie or header. */
    record Param(String name, String value, String source) {
        /** The HTTP method a script reading this parameter would name: GET for the query, POST for the body. */
        String method() {
            return switch (source) {
                case "query" -> "GET";
                case "cookie" -> "COOKIE";
                case "header" -> "HEADER";
                default -> "POST";
            };
        }
    }

    /** Query parameters, form fields, multipart text fields and cookies, in that order. */
    static List<Param> params(HttpRequest r) {
        List<Param> out = new ArrayList<>();
        for (HttpParam p : r.queryParams()) out.add(new Param(p.name(), p.value(), "query"));
        for (HttpParam p : r.formParams()) out.add(new Param(p.name(), p.value(), "form"));
        for (MultipartPart p : r.parts()) {
            if (p.isFile() || p.name() == null) continue;
            out.add(new Param(p.name(), Text.utf8(p.bytes()), "multipart"));
        }
        for (HttpParam p : r.cookies()) out.add(new Param(p.name(), p.value(), "cookie"));
        return out;
    }

    /** {label, text} pairs to search for payloads: URI, every reading of every parameter, files, headers, raw body. */
    static List<String[]> of(HttpRequest r, int maxChars) {
        List<String[]> out = new ArrayList<>();
        int[] budget = {maxChars};
        for (Param p : params(r)) {
            for (ValueDecoder.Decoded d : ValueDecoder.readings(p.value())) {
                add(out, budget, p.source() + " parameter " + p.name() + (d.encoding().equals("plain") ? "" : " (" + d.encoding() + ")"), d.text());
            }
        }
        for (MultipartPart p : r.parts()) if (p.isFile()) add(out, budget, "uploaded file " + p.filename(), Text.utf8(p.bytes()));
        for (HttpHeader h : r.headers().list()) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (n.equals("host") || n.equals("content-length") || n.equals("cookie")) continue;
            add(out, budget, "header " + h.name(), h.value());
        }
        String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        if (!r.body().isEmpty() && !ct.startsWith("multipart/") && !ct.startsWith("application/x-www-form-urlencoded")) {
            add(out, budget, "body", r.body().text());
        }
        add(out, budget, "uri", r.uriDecoded()); // last: a payload in a parameter is cited from the parameter
        return out;
    }

    private static void add(List<String[]> out, int[] budget, String label, String text) {
        if (text == null || text.isEmpty() || budget[0] <= 0) return;
        String t = text.length() > budget[0] ? text.substring(0, budget[0]) : text;
        budget[0] -= t.length();
        out.add(new String[] {label, t});
    }
}
