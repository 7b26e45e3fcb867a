package org.nta.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The header lines of an HTTP message (or trailers, or a multipart part) in wire order, duplicates kept. Lookups
 * ignore the case of the name.
 */
public record HttpHeaders(List<HttpHeader> list) {
    public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    public HttpHeaders {
        list = List.copyOf(list);
    }

    /** Value of the first header with this name, or null when there is none. */
    public String first(String name) {
        for (HttpHeader h : list) if (h.name().equalsIgnoreCase(name)) return h.value();
        return null;
    }

    /** Values of all headers with this name, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (HttpHeader h : list) if (h.name().equalsIgnoreCase(name)) out.add(h.value());
        return out;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    public int size() {
        return list.size();
    }
}
